import Foundation
import Testing

/// Exit codes and messages: usage errors (2), run-time problems (1), invalid UTF-8.
@Suite struct ErrorTests {
    @Test(arguments: [
        (["--enable", "nope"], "Error: Unknown step 'nope'."),
        (["--preset", "fancy"], "Error: The value 'fancy' is invalid for '--preset <PRESET>'."),
        (["--backup", ".b"], "Error: --backup needs --in-place."),
        (["-o", "x", "--in-place", "a"], "Error: Use only one of -o/--output, --output-dir and --in-place."),
        (["--jobs", "0"], "Error: --jobs must be at least 1."),
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

    @Test func unreadableInputsWhenNotRoot() throws {
        guard geteuid() != 0 else { return }  // root reads everything
        let dir = try TempDir()
        let locked = try dir.write("corpus/locked/a.txt", "أ\n")
        try dir.write("corpus/ok.txt", "أ\n")
        chmod(dir.path("corpus/locked"), 0)
        let result = try CLI.run(["corpus"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stdout == "ا\n")
        #expect(result.stderr == "arnorm: error: cannot read directory 'corpus/locked': Permission denied\n")
        _ = locked
        try dir.write("in.txt", "أ\n")
        try FileManager.default.createDirectory(atPath: dir.path("ro"), withIntermediateDirectories: true)
        chmod(dir.path("ro"), 0o555)
        let unwritable = try CLI.run(["in.txt", "--output-dir", "ro"], in: dir.url)
        #expect(unwritable.status == 1)
        #expect(unwritable.stderr == "arnorm: error: cannot write to the output directory 'ro': Permission denied\n")
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
        #expect(steps.stdout.contains("  alef-maksura  ى → ي [standard, search]\n"))
        #expect(steps.stdout.contains("  number-words  "))
        let help = try CLI.run(["normalize", "--help"], in: dir.url)
        #expect(help.status == 0)
        #expect(help.stdout.contains("  arnorm Corpora/news > news.txt        # a tree, in sorted path order\n"))
        #expect(help.stdout.contains("--output-dir <DIR>"))
    }
}
