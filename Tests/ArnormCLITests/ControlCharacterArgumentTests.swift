import Foundation
import Testing

/// A command-line value with a control character, refused by the option parser, was echoed raw:
/// `arnorm --preset $'no\npreset'` split its error over two lines, and an escape sequence in a
/// value (`--enable $'a\e[2Jb'`) reached the terminal. It is now escaped as in other messages.
@Suite struct ControlCharacterArgumentTests {
    @Test func refusedValuesAreEscaped() throws {
        let dir = try TempDir()
        let preset = try CLI.run(["--preset", "no\npreset"], in: dir.url)
        #expect(preset.status == 2)
        #expect(preset.stderr.hasPrefix("Error: The value 'no\\x0Apreset' is invalid for '--preset <PRESET>'"), "\(preset.stderr)")
        let step = try CLI.run(["--enable=a\u{1B}[2Jb"], in: dir.url)
        #expect(step.status == 2)
        #expect(step.stderr.hasPrefix("Error: Unknown step 'a\\x1B[2Jb'."), "\(step.stderr)")
        #expect(!step.stderr.contains("\u{1B}"))
    }
}
