import ArgumentParser
import Foundation

@main
struct Arnorm: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arnorm",
        abstract: "Normalize, transliterate and convert numerals in Arabic text.",
        discussion: "Exit status: 0 success, 1 a run-time problem (named on stderr), 2 a usage error.",
        version: ToolkitVersion.string,
        subcommands: [NormalizeCommand.self, TranslitCommand.self, NumeralsCommand.self],
        defaultSubcommand: NormalizeCommand.self)

    /// Parses, runs, and maps errors to the documented exit codes (usage errors: 2, not 64).
    static func main() {
        // A closed pipe is an EPIPE from write(2), handled where output is written.
        signal(SIGPIPE, SIG_IGN)
        #if canImport(Glibc)
        // Chunks of about a megabyte are allocated and freed all the time: keep them in the heap
        // instead of fresh mmaps that fault every page in again (8× fewer page faults, ~10% less CPU).
        // mallopt is not in the Glibc module: look it up (M_TRIM_THRESHOLD -1, M_MMAP_THRESHOLD -3).
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        if let symbol = dlsym(nil, "mallopt") {
            let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
            _ = mallopt(-3, 64 << 20)
            _ = mallopt(-1, 128 << 20)
        }
        #endif
        // An argument that is not UTF-8 (a file name in another encoding) reaches Swift with U+FFFD
        // in place of its bytes: it would name another file, or none. Refused before anything is done.
        for index in 1..<max(1, Int(CommandLine.argc)) {
            guard let argument = CommandLine.unsafeArgv[index] else { continue }
            let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(argument).assumingMemoryBound(to: UInt8.self),
                                                  count: strlen(argument)))
            if let escaped = PathName.escapingIllFormed(bytes) {
                Diagnostics.error("the argument '\(escaped)' is not valid UTF-8, which arnorm cannot take (rename the file, or pass it on standard input)")
                Foundation.exit(ExitStatus.usage.rawValue)
            }
        }
        // `help NAME` with a name no subcommand has: the parser would print the general help, exit 0.
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "help", let name = arguments.dropFirst().first(where: { !$0.hasPrefix("-") }) {
            let names = configuration.subcommands.map { $0._commandName }
            if !names.contains(name) && name != "help" {
                Diagnostics.error("'help \(name)': no subcommand '\(name)' (subcommands: \(names.joined(separator: ", ")))")
                Foundation.exit(ExitStatus.usage.rawValue)
            }
        }
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            Foundation.exit(code.rawValue)
        } catch let error as CLIError {
            Diagnostics.error(error.description)
            Foundation.exit(error.status.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // `--help`, `help`, `--version`: written as the listings are, so that an output
                // that cannot take them (`> /dev/full`) is an error, exit 1, not a silent 0.
                let message = fullMessage(for: error)
                do {
                    try StandardOutput.write(text: message.isEmpty || message.hasSuffix("\n") ? message : message + "\n")
                } catch {
                    Diagnostics.error(error.description)
                    Foundation.exit(ExitStatus.failure.rawValue)
                }
                Foundation.exit(ExitStatus.success.rawValue)
            }
            if code == .validationFailure {
                var message = fullMessage(for: error)
                // A value quoted in the message is escaped as names are (`'no\x0Apreset'`): the
                // message's own line breaks are kept.
                var values: [String] = []
                for argument in CommandLine.arguments.dropFirst() {
                    values.append(argument)
                    if argument.hasPrefix("-"), let equals = argument.firstIndex(of: "=") {
                        values.append(String(argument[argument.index(after: equals)...]))
                    }
                }
                for value in values where PathName.escapingControls(value) != value {
                    message = message.replacingOccurrences(of: "'\(value)'", with: "'\(PathName.escapingControls(value))'")
                }
                Diagnostics.writeAll(2, Array((message.hasSuffix("\n") ? message : message + "\n").utf8))
                Foundation.exit(ExitStatus.usage.rawValue)
            }
            exit(withError: error)
        }
    }
}

enum ToolkitVersion {
    static let string = "0.1.0"
}
