import Foundation
import Testing

/// A CSV quote that is never closed made the rest of the file one field: the rows after it were
/// normalized as its text (spaces collapsed, marks removed), a closing quote was added at the end,
/// and there was no warning, exit 0 even with `--invalid fail`. It is now a bad row.
@Suite struct UnclosedCSVQuoteTests {
    static let input = "id,text\n1,أَ\n2,\"abc\n3,  x   y\n4,إِ\n"

    @Test func unclosedQuoteIsABadRowPassedThrough() throws {
        let dir = try TempDir()
        try dir.write("d.csv", Self.input)
        let result = try CLI.run(["d.csv"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout == "id,text\n1,ا\n2,\"abc\n3,  x   y\n4,إِ\n")
        #expect(result.stderr == "arnorm: warning: d.csv:3: a quoted field that no quote closes (it runs to the end of the file) (byte 17); 1 bad row passed through\n")
    }

    @Test func failAndSkipAreHonoured() throws {
        let dir = try TempDir()
        try dir.write("d.csv", Self.input)
        try dir.write("out.csv", "old\n")
        let fail = try CLI.run(["--invalid", "fail", "d.csv", "-o", "out.csv"], in: dir.url)
        #expect(fail.status == 1)
        #expect(fail.stderr == "arnorm: error: d.csv:3: a quoted field that no quote closes (it runs to the end of the file) at byte 17\n")
        #expect(try dir.read("out.csv") == "old\n")
        let skip = try CLI.run(["--invalid", "skip", "d.csv"], in: dir.url)
        #expect(skip.status == 0)
        #expect(skip.stdout == "id,text\n1,ا\n")
    }
}
