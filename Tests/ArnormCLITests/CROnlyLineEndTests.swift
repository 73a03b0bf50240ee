import Foundation
import Testing

/// A CSV or TSV with CR-only line ends (classic Mac OS) was read as one header row: nothing was
/// normalized, no warning, exit 0. It is now refused with an error naming the file, exit 1, and
/// left as it is; the other inputs are processed.
@Suite struct CROnlyLineEndTests {
    @Test(arguments: [("old.csv", ","), ("old.tsv", "\t")])
    func refusedWithAMessageNamingTheFile(name: String, delimiter: String) throws {
        let dir = try TempDir()
        let content = "id\(delimiter)text\r1\(delimiter)أَ\r2\(delimiter)إِ\r"
        try dir.write(name, content)
        try dir.write("good.csv", "id,text\r\n1,أَ\r\n")
        let result = try CLI.run([name, "good.csv"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stdout == "id,text\r\n1,ا\r\n")
        #expect(result.stderr == "arnorm: error: '\(name)' ends its lines with CR alone (classic Mac OS line ends), which arnorm does not read as line breaks: not read (convert them first: tr '\\r' '\\n')\n")
        let inPlace = try CLI.run(["--in-place", name], in: dir.url)
        #expect(inPlace.status == 1)
        #expect(try dir.read(name) == content)
    }

    /// CRLF converted twice (`\r\r\n`) is read as before, not taken for CR-only line ends.
    @Test func doubledCRBeforeLFIsNotRefused() throws {
        let dir = try TempDir()
        try dir.write("a.csv", "id,text\r\r\n1,أَ\r\r\n")
        let result = try CLI.run(["a.csv"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout.hasPrefix("id,text\r\r\n1,"))
    }

    /// CR inside a quoted header field is text, and CRLF line ends are line ends.
    @Test func quotedCRAndCRLFAreRead() throws {
        let dir = try TempDir()
        try dir.write("a.csv", "id,\"te\rxt\"\r\n1,أَ\r\n")
        let result = try CLI.run(["a.csv"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout == "id,\"te\rxt\"\r\n1,ا\r\n")
    }
}
