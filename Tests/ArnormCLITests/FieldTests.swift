import Foundation
import Testing

/// `--field` and `--column` names that never match, `--strict-fields`, CSV `--delimiter` and
/// `--quote`, and several inputs on one output.
@Suite struct FieldTests {
    @Test func fieldNeverFoundIsAWarningOrWithStrictFieldsAnError() throws {
        let dir = try TempDir()
        try dir.write("a.jsonl", "{\"text\":\"\(Sample.obfuscated)\"}\n")
        try dir.write("b.jsonl", "{\"text\":\"نص\"}\n")
        let warned = try CLI.run(["--field", "txet", "--field", "text", "a.jsonl", "b.jsonl", "--stats"], in: dir.url)
        #expect(warned.status == 0)
        #expect(warned.stderr.contains("arnorm: warning: field 'txet' was never found in 2 files\n"), "\(warned.stderr)")
        #expect(warned.stderr.contains("\"fieldsNeverFound\" : [\n    \"txet\"\n  ]"), "\(warned.stderr)")
        #expect(warned.stdout == "{\"text\":\"\(Sample.obfuscatedStandard)\"}\n{\"text\":\"نص\"}\n")
        let strict = try CLI.run(["--field", "txet", "--strict-fields", "a.jsonl"], in: dir.url)
        #expect(strict.status == 1)
        #expect(strict.stderr == "arnorm: error: field 'txet' was never found in 1 file\n")
    }

    @Test func fieldFoundInOneFileIsNoWarning() throws {
        let dir = try TempDir()
        try dir.write("a.jsonl", "{\"title\":\"نص\"}\n")
        try dir.write("b.jsonl", "{\"text\":\"نص\"}\n")
        let result = try CLI.run(["--field", "title", "a.jsonl", "b.jsonl"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stderr == "")
    }

    @Test func columnTypoIsAnErrorAndInAnEmptyFileAWarning() throws {
        let dir = try TempDir()
        try dir.write("a.csv", "id,body\n1,\(Sample.obfuscated)\n")
        try dir.write("empty.csv", "")
        let typo = try CLI.run(["--column", "bdoy", "a.csv"], in: dir.url)
        #expect(typo.status == 1)
        #expect(typo.stderr == "arnorm: error: no column 'bdoy' in 'a.csv' (columns: id, body)\n")
        let empty = try CLI.run(["--column", "body", "--strict-fields", "empty.csv"], in: dir.url)
        #expect(empty.status == 1)
        #expect(empty.stderr == "arnorm: error: column 'body' was never found in 1 file\n")
    }

    /// A header that names two columns alike (`id,text,text`): `--column text` processed the first
    /// and silently left the second as it was.
    @Test func columnNameGivenTwiceInTheHeaderSelectsBoth() throws {
        let dir = try TempDir()
        try dir.write("d.csv", "id,text,text\n1,أَ,إِ\n")
        let result = try CLI.run(["--column", "text", "d.csv"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == "id,text,text\n1,ا,ا\n")
    }

    /// Blank lines before the header: the first blank line was taken as a header of one empty
    /// column ('no column 'text' in 'd.csv' (columns: )', and without --column every row a bad row).
    @Test func blankLinesBeforeTheHeaderAreNotTheHeader() throws {
        let dir = try TempDir()
        try dir.write("d.csv", "\n\nid,text\n1,أَ\n")
        let named = try CLI.run(["--column", "text", "d.csv"], in: dir.url)
        #expect(named.status == 0)
        #expect(named.stderr == "")
        #expect(named.stdout == "\n\nid,text\n1,ا\n")
        let all = try CLI.run(["d.csv"], in: dir.url)
        #expect(all.stderr == "")
        #expect(all.stdout == "\n\nid,text\n1,ا\n")
    }

    /// A typo against a wide header names its first 20 columns, not all (200 000 columns made a
    /// message of 1.7 MB).
    @Test func columnTypoInAWideHeaderNamesTheFirstColumns() throws {
        let dir = try TempDir()
        try dir.write("w.csv", (1...30).map { "c\($0)" }.joined(separator: ",") + "\n")
        let result = try CLI.run(["--column", "nope", "w.csv"], in: dir.url)
        #expect(result.status == 1)
        let first = (1...20).map { "c\($0)" }.joined(separator: ", ")
        #expect(result.stderr == "arnorm: error: no column 'nope' in 'w.csv' (columns: \(first), … 10 more)\n")
    }

    @Test func semicolonDelimiterAndSingleQuotes() throws {
        let dir = try TempDir()
        try dir.write("a.csv", "id;body\n\"1;2\";\(Sample.obfuscated)\n")
        let semicolon = try CLI.run(["--delimiter", ";", "a.csv"], in: dir.url)
        #expect(semicolon.status == 0, "\(semicolon.stderr)")
        #expect(semicolon.stdout == "id;body\n\"1;2\";\(Sample.obfuscatedStandard)\n")
        try dir.write("q.csv", "id,body\n'1,2',\(Sample.obfuscated)\n")
        let quote = try CLI.run(["--quote", "'", "--column", "body", "q.csv"], in: dir.url)
        #expect(quote.stdout == "id,body\n'1,2',\(Sample.obfuscatedStandard)\n")
        let bad = try CLI.run(["--delimiter", ";;", "a.csv"], in: dir.url)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--delimiter needs one ASCII character (or 'tab'), not ';;'."), "\(bad.stderr)")
    }

    @Test func tabInsideAQuotedTSVFieldIsKept() throws {
        let dir = try TempDir()
        try dir.write("a.tsv", "a\tb\n\"x\ty\"\t\(Sample.obfuscated)\n")
        let result = try CLI.run(["a.tsv"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout == "a\tb\n\"x\ty\"\t\(Sample.obfuscatedStandard)\n")
    }

    @Test func filesWithoutAFinalLineBreakAreNotGluedOnOneOutput() throws {
        let dir = try TempDir()
        try dir.write("tree/a.txt", "نص أول")
        try dir.write("tree/b.txt", "نص ثان\n")
        try dir.write("tree/c.txt", "")
        try dir.write("tree/d.txt", "آخر")
        let result = try CLI.run(["tree", "--stats"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout == "نص اول\nنص ثان\nاخر")
        #expect(result.stderr.contains("\"lineBreaksAdded\" : 1"), "\(result.stderr)")
        let file = try CLI.run(["tree/a.txt", "tree/a.txt", "-o", "out.txt"], in: dir.url)
        #expect(file.status == 0)
        #expect(try dir.read("out.txt") == "نص اول\nنص اول")
    }
}

/// What the README says of a JSONL field that is an array, and of a hard link to a replaced file.
@Suite struct DocumentedBehaviourTests {
    @Test func arrayFieldHasItsStringsNormalizedWithoutAWarning() throws {
        let dir = try TempDir()
        try dir.write("a.jsonl", "{\"t\":[\"أَ\",\"إ\"]}\n{\"t\":[\"أ\",1]}\n")
        let result = try CLI.run(["--field", "t", "a.jsonl"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout == "{\"t\":[\"ا\",\"ا\"]}\n{\"t\":[\"ا\",1]}\n")
        #expect(result.stderr == "arnorm: warning: a.jsonl:2: field 't' is not a string (byte 31); 1 bad line passed through\n")
    }

    @Test func aHardLinkKeepsTheOldContent() throws {
        let dir = try TempDir()
        try dir.write("a.txt", "\(Sample.obfuscated)\n")
        try dir.write("out.txt", "old\n")
        #expect(link(dir.path("a.txt"), dir.path("a-link.txt")) == 0)
        #expect(link(dir.path("out.txt"), dir.path("out-link.txt")) == 0)
        #expect(try CLI.run(["--in-place", "a.txt"], in: dir.url).status == 0)
        #expect(try CLI.run(["a-link.txt", "-o", "out.txt"], in: dir.url).status == 0)
        #expect(try dir.read("a.txt") == "\(Sample.obfuscatedStandard)\n")
        #expect(try dir.read("a-link.txt") == "\(Sample.obfuscated)\n")
        #expect(try dir.read("out.txt") == "\(Sample.obfuscatedStandard)\n")
        #expect(try dir.read("out-link.txt") == "old\n")
    }
}
