import Foundation
import Testing

/// `--in-place` writes a new file and renames it over the name, so a file's other hard links keep
/// the old text; that happened without a word. It is kept (the rename is what makes a rewrite
/// all or nothing), and now said: a note per file, `otherHardLinks` in the report.
@Suite struct InPlaceHardLinkTests {
    @Test func otherLinksKeepTheOldTextAndANoteSaysSo() throws {
        let dir = try TempDir()
        try dir.write("a.txt", "إدلب\n")
        #expect(link(dir.path("a.txt"), dir.path("b.txt")) == 0)
        #expect(link(dir.path("a.txt"), dir.path("c.txt")) == 0)
        try dir.write("d.txt", "إدلب\n")
        let result = try CLI.run(["--in-place", "--report", "r.json", "a.txt", "d.txt"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stderr == "arnorm: note: 'a.txt' had 2 other hard links, which keep the old text: --in-place writes a new file and renames it over this name only\n")
        #expect(try dir.read("a.txt") == "ادلب\n")
        #expect(try dir.read("b.txt") == "إدلب\n")
        #expect(try dir.read("d.txt") == "ادلب\n")
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.url.appendingPathComponent("r.json"))) as! [String: Any]
        let files = report["files"] as! [[String: Any]]
        #expect(files.map { $0["otherHardLinks"] as? Int } == [2, nil])
    }

    /// An unchanged file is not rewritten: its links are not touched, and nothing is said.
    @Test func unchangedFileSaysNothing() throws {
        let dir = try TempDir()
        try dir.write("a.txt", "ادلب\n")
        #expect(link(dir.path("a.txt"), dir.path("b.txt")) == 0)
        let result = try CLI.run(["--in-place", "a.txt"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stderr == "")
    }
}
