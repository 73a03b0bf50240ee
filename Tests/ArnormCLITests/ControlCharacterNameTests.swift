import Foundation
import Testing

/// A file name holding a newline or another control character was printed raw: a warning about
/// `a<LF>b.txt` came out as two lines (one looking like a message of its own), an escape sequence
/// in a name could recolour or clear the terminal. Such characters are now escaped as the bytes of
/// a name that is not UTF-8 are (`\x0A`).
@Suite struct ControlCharacterNameTests {
    @Test func missingFileArgument() throws {
        let dir = try TempDir()
        let result = try CLI.run(["no\nsuch.txt"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr == "arnorm: error: cannot read 'no\\x0Asuch.txt': No such file or directory\n")
    }

    @Test func warningForAFileFoundInAWalk() throws {
        let dir = try TempDir()
        try dir.write("d/a\nb\u{1B}[2J.txt", [0x61, 0xFF, 0x0A])
        let result = try CLI.run(["d"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stderr == "arnorm: warning: d/a\\x0Ab\\x1B[2J.txt:1: invalid UTF-8 at byte 1; 1 ill-formed sequence replaced with U+FFFD\n")
    }

    @Test func explainListing() throws {
        let dir = try TempDir()
        try dir.write("a\tb\r.txt", "\(Sample.vowelled)\n")
        let result = try CLI.run(["--explain", "a\tb\r.txt"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("a\\x09b\\x0D.txt:1\n"))
    }

    /// DEL and C1 controls (U+0085, a line break to some terminals) too; other text is kept.
    @Test func delAndC1Controls() throws {
        let dir = try TempDir()
        let result = try CLI.run(["x\u{7F}\u{85}مرحبا.txt"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr == "arnorm: error: cannot read 'x\\x7F\\xC2\\x85مرحبا.txt': No such file or directory\n")
    }
}
