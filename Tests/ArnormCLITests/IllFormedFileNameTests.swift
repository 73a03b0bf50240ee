import Foundation
import Testing

/// A file name that is not UTF-8 (`\xff.txt`, from a Windows-1256 archive): Swift turned its byte
/// into U+FFFD, so the run read `�.txt` in its place (printed twice, `\xff.txt` lost, exit 0), and
/// `--in-place` rewrote `�.txt`. Now it is named, with its bytes escaped, and not read.
@Suite struct IllFormedFileNameTests {
    @Test func nameInADirectoryIsAnErrorAndNoOtherFileIsReadForIt() throws {
        let dir = try TempDir()
        try dir.write("d/\u{FFFD}.txt", "أَ\n")
        #expect(try CLI.shell("printf 'إِ\\n' > $'d/\\xff.txt'", in: dir.url) == 0)
        let result = try CLI.run(["d"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stdout == "ا\n")
        #expect(result.stderr == "arnorm: error: 'd/\\xFF.txt': the name is not valid UTF-8, which arnorm cannot open; not read (rename it)\n")
    }

    /// Only an entry that would be an input is named: `--glob` and `--backup` leave the others out.
    @Test func globAndBackupSuffixApplyToSuchNames() throws {
        let dir = try TempDir()
        try dir.write("d/a.txt", "أَ\n")
        #expect(try CLI.shell("printf x > $'d/\\xff.bin'; printf x > $'d/\\xfe.txt.orig'; printf x > $'d/\\xfd.txt'", in: dir.url) == 0)
        let result = try CLI.run(["d", "--glob", "*.txt", "--in-place", "--backup", ".orig"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr == "arnorm: error: 'd/\\xFD.txt': the name is not valid UTF-8, which arnorm cannot open; not read (rename it)\n")
        #expect(try dir.read("d/a.txt") == "ا\n")
    }

    @Test func argumentIsAUsageErrorAndNothingIsWritten() throws {
        let dir = try TempDir()
        try dir.write("\u{FFFD}.txt", "أَ\n")
        #expect(try CLI.shell("printf 'إِ\\n' > $'\\xff.txt'", in: dir.url) == 0)
        let status = try CLI.shell("\"$ARNORM\" --in-place $'\\xff.txt' 2> err; echo $? > status", in: dir.url)
        #expect(status == 0)
        #expect(try dir.read("status") == "2\n")
        #expect(try dir.read("err") == "arnorm: error: the argument '\\xFF.txt' is not valid UTF-8, which arnorm cannot take (rename the file, or pass it on standard input)\n")
        #expect(try dir.read("\u{FFFD}.txt") == "أَ\n")
    }
}
