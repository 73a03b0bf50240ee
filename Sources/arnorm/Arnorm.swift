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
            if code == .validationFailure {
                let message = fullMessage(for: error)
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
