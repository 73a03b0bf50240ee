import Foundation
import TestSupport
import Testing

/// Exit codes and messages: usage errors (2), run-time problems (1), invalid UTF-8.
@Suite struct ErrorTests {
    @Test(arguments: [
        (["--enable", "nope"], "Error: Unknown step 'nope'."),
        (["--enable", "html,nope"], "Error: Unknown step 'nope'."),
        (["--disable", "html,"], "Error: An empty step name in --enable or --disable (a stray comma?)."),
        (["--preset", "fancy"], "Error: The value 'fancy' is invalid for '--preset <PRESET>'."),
        (["--backup", ".b"], "Error: --backup needs --in-place."),
        (["-o", "x", "--in-place", "a"], "Error: Use only one of -o/--output, --output-dir and --in-place."),
        (["--jobs", "0"], "Error: --jobs must be from 1 to 1024."),
        (["--explain", "--output-dir", "exo", "a"], "Error: --explain writes explanations, not text: it cannot be used with --output-dir (-o FILE writes them to one file)."),
        (["--no-such-option"], "Error: Unknown option '--no-such-option'"),
    ])
    func usageErrorsExit2(arguments: [String], message: String) throws {
        let dir = try TempDir()
        let result = try CLI.run(arguments, in: dir.url, stdin: [])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix(message), "\(result.stderr)")
        #expect(result.stdout == "")
    }

    @Test func missingFileExits1AndTheRestIsProcessed() throws {
        let dir = try TempDir()
        try dir.write("a.txt", "أَ\n")
        let result = try CLI.run(["missing.txt", "a.txt"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stdout == "ا\n")
        #expect(result.stderr == "arnorm: error: cannot read 'missing.txt': No such file or directory\n")
    }

    @Test func symlinkLoopIsReportedAndTheRestProcessed() throws {
        let dir = try TempDir()
        try dir.write("corpus/sub/a.txt", "أَ\n")
        try FileManager.default.createSymbolicLink(atPath: dir.path("corpus/sub/loop"), withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: dir.path("corpus/dangling"), withDestinationPath: "nowhere")
        let result = try CLI.run(["corpus"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stdout == "ا\n")
        #expect(result.stderr == """
            arnorm: error: cannot follow the link 'corpus/dangling': No such file or directory
            arnorm: error: 'corpus/sub/loop' links back to a directory being walked (a symlink loop); not entered

            """)
    }

    /// Unreadable directories and an unwritable output directory. Root reads and writes through
    /// any permission, so under root (as CI runs) `arnorm` is run as `nobody` (`setpriv`, else
    /// `runuser`); with neither available the test fails rather than pass without checking.
    @Test func unreadableInputsAndUnwritableOutput() throws {
        let dir = try TempDir()
        try dir.write("corpus/locked/a.txt", "أ\n")
        try dir.write("corpus/ok.txt", "أ\n")
        try dir.write("in.txt", "أ\n")
        try FileManager.default.createDirectory(atPath: dir.path("ro"), withIntermediateDirectories: true)
        // Readable by the unprivileged user whatever the umask; then the two permission traps.
        for path in ["", "corpus"] { chmod(dir.path(path), 0o755) }
        for path in ["corpus/ok.txt", "in.txt"] { chmod(dir.path(path), 0o644) }
        chmod(dir.path("corpus/locked"), 0)
        chmod(dir.path("ro"), 0o555)

        let probe = try Unprivileged.run(["--version"], in: dir.url)
        try #require(probe.status == 0, "arnorm cannot run unprivileged (is its folder readable by nobody?): \(probe.stderr)")
        let result = try Unprivileged.run(["corpus"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stdout == "ا\n")
        #expect(result.stderr == "arnorm: error: cannot read directory 'corpus/locked': Permission denied\n")
        let unwritable = try Unprivileged.run(["in.txt", "--output-dir", "ro"], in: dir.url)
        #expect(unwritable.status == 1)
        #expect(unwritable.stderr == "arnorm: error: cannot write to the output directory 'ro': Permission denied\n")
    }

    /// Every command counts ill-formed sequences the same way, as the U+FFFDs it writes: `translit`
    /// and `numerals` counted a bad lead and the continuation bytes after it as one (`E0 80` and
    /// `ED A0 80`: 2, while five U+FFFD were written).
    @Test func invalidUTF8IsCountedAlikeByEveryCommand() throws {
        let dir = try TempDir()
        try dir.write("bad.txt", [0x61, 0xE0, 0x80, 0x62, 0xED, 0xA0, 0x80, 0x63, 0x0A])
        for command in [["bad.txt"], ["translit", "--scheme", "bw", "bad.txt"], ["numerals", "--digits", "western", "bad.txt"]] {
            let result = try CLI.run(command, in: dir.url)
            #expect(result.status == 0, "\(command)")
            #expect(result.stdout == "a\u{FFFD}\u{FFFD}b\u{FFFD}\u{FFFD}\u{FFFD}c\n", "\(command)")
            #expect(result.stderr == "arnorm: warning: bad.txt:1: invalid UTF-8 at byte 1; 5 ill-formed sequences replaced with U+FFFD\n",
                    "\(command)")
        }
    }

    @Test func invalidUTF8IsReplacedWithOneWarningPerFile() throws {
        let dir = try TempDir()
        try dir.write("bad.txt", [0x61, 0x0A, 0x62, 0xFF, 0x63, 0x0A, 0xC3, 0x0A])
        let result = try CLI.run(["bad.txt"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout == "a\nb\u{FFFD}c\n\u{FFFD}\n")
        #expect(result.stderr == "arnorm: warning: bad.txt:2: invalid UTF-8 at byte 3; 2 ill-formed sequences replaced with U+FFFD\n")
        let skip = try CLI.run(["--invalid", "skip", "bad.txt"], in: dir.url)
        #expect(skip.stdout == "a\n")
        #expect(skip.stderr == "arnorm: warning: bad.txt:2: invalid UTF-8 at byte 3; 2 lines skipped\n")
        let fail = try CLI.run(["--invalid", "fail", "bad.txt"], in: dir.url)
        #expect(fail.status == 1)
        #expect(fail.stderr == "arnorm: error: bad.txt:2: invalid UTF-8 at byte 3\n")
    }

    @Test func listStepsAndHelp() throws {
        let dir = try TempDir()
        let steps = try CLI.run(["--list-steps"], in: dir.url)
        #expect(steps.status == 0)
        #expect(steps.stdout.contains("  alef-maksura  ى → ي [standard, search, social]\n"))
        #expect(steps.stdout.contains("  web           URLs, e-mails, @mentions, #hashtags"))
        #expect(steps.stdout.contains("  social        standard + html, web"))
        #expect(steps.stdout.contains("  number-words  "))
        let help = try CLI.run(["normalize", "--help"], in: dir.url)
        #expect(help.status == 0)
        #expect(help.stdout.contains("  arnorm Corpora/news > news.txt        # a tree, in sorted path order\n"))
        #expect(help.stdout.contains("--output-dir <DIR>"))
    }
}

/// Runs the built `arnorm` without root's privileges: directly when the tests are not root, else
/// as `nobody` through `setpriv` (util-linux) or `runuser`.
enum Unprivileged {
    static let nobody: UInt32 = 65534

    /// The program and its leading arguments that run `CLI.binary` unprivileged.
    static func command() throws -> [String] {
        guard geteuid() == 0 else { return [CLI.binary] }
        let fm = FileManager.default
        if let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"].first(where: fm.isExecutableFile(atPath:)) {
            return [setpriv, "--reuid=\(nobody)", "--regid=\(nobody)", "--clear-groups", "--", CLI.binary]
        }
        if let runuser = ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"].first(where: fm.isExecutableFile(atPath:)) {
            return [runuser, "-u", "nobody", "--", CLI.binary]
        }
        throw Problem(description: "running as root and neither setpriv nor runuser is installed: cannot drop privileges")
    }

    struct Problem: Error, CustomStringConvertible { let description: String }

    static func run(_ arguments: [String], in directory: URL) throws -> CLI.Result {
        let command = try command()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst()) + arguments
        process.currentDirectoryURL = directory
        // Captured in files outside `directory` (which the unprivileged user cannot write).
        let capture = try TemporaryDirectory("arnorm-capture")
        let outPath = capture.path("stdout"), errPath = capture.path("stderr")
        _ = FileManager.default.createFile(atPath: outPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errPath, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: outPath))
        let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errPath))
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return CLI.Result(status: process.terminationStatus, stdoutBytes: try readFileBytes(outPath),
                          stderr: String(decoding: try readFileBytes(errPath), as: UTF8.self))
    }
}
