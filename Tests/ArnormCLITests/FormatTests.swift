import Foundation
import Testing

/// JSONL fields and CSV/TSV columns.
@Suite struct FormatTests {
    static let jsonl = """
        {"id":1, "text":"مَرْحَبًا", "meta":{"title":"عُنوان","note":"أَ"}, "tags":["أَهْلاً","x"]}
        {"id":2,"text":"\\u0645\\u064e \\"q\\"\\tz","url":"http:\\/\\/x"}

        {"id":3,"meta":{"title":null}}

        """

    @Test func jsonlChosenFieldsOnlyEverythingElseByteIdentical() throws {
        let dir = try TempDir()
        try dir.write("d.jsonl", FormatTests.jsonl)
        let result = try CLI.run(["--field", "text", "--field", "meta.title", "--field", "tags", "d.jsonl"], in: dir.url)
        #expect(result.stdout == """
            {"id":1, "text":"مرحبا", "meta":{"title":"عنوان","note":"أَ"}, "tags":["اهلا","x"]}
            {"id":2,"text":"م \\"q\\" z","url":"http:\\/\\/x"}

            {"id":3,"meta":{"title":null}}

            """)
        #expect(result.stderr == "arnorm: warning: d.jsonl:4: field 'meta.title' is not a string (byte 200); 1 bad line passed through\n")
        #expect(result.status == 0)
    }

    @Test func jsonlWithoutFieldNormalizesEveryString() throws {
        let dir = try TempDir()
        try dir.write("d.jsonl", "{\"a\":\"أَ\",\"b\":[{\"c\":\"إِ\"}],\"n\":1.5e3,\"t\":true}\n")
        let result = try CLI.run(["d.jsonl"], in: dir.url)
        #expect(result.stdout == "{\"a\":\"ا\",\"b\":[{\"c\":\"ا\"}],\"n\":1.5e3,\"t\":true}\n")
    }

    @Test func jsonlBadLinesFollowThePolicy() throws {
        let dir = try TempDir()
        try dir.write("d.jsonl", "{\"text\":\"أَ\"}\nnot json\n{\"text\":5}\n{\"text\":\"إِ\"}\n")
        let replace = try CLI.run(["--field", "text", "d.jsonl"], in: dir.url)
        #expect(replace.stdout == "{\"text\":\"ا\"}\nnot json\n{\"text\":5}\n{\"text\":\"ا\"}\n")
        #expect(replace.stderr == "arnorm: warning: d.jsonl:2: not valid JSON (unexpected character) (byte 16); 2 bad lines passed through\n")
        let skip = try CLI.run(["--field", "text", "--invalid", "skip", "d.jsonl"], in: dir.url)
        #expect(skip.stdout == "{\"text\":\"ا\"}\n{\"text\":\"ا\"}\n")
        #expect(skip.stderr == "arnorm: warning: d.jsonl:2: not valid JSON (unexpected character) (byte 16); 2 bad lines skipped\n")
        let fail = try CLI.run(["--field", "text", "--invalid", "fail", "d.jsonl", "-o", "out.jsonl"], in: dir.url)
        #expect(fail.status == 1)
        #expect(fail.stderr == "arnorm: error: d.jsonl:2: not valid JSON (unexpected character) at byte 16\n")
        #expect(dir.listing() == ["d.jsonl"])
    }

    @Test func jsonlFormatFromFlagOnStdin() throws {
        let dir = try TempDir()
        let result = try CLI.run(["--format", "jsonl", "--field", "t"], in: dir.url, stdin: Array("{\"t\":\"ى\"}\n".utf8))
        #expect(result.stdout == "{\"t\":\"ي\"}\n")
    }

    static let csv = "id,text,note\r\n1,\"مَرْحَبًا, بِكُمْ\",\"قال \"\"أَ\"\"\"\r\n2,\"سطر\nثانٍ\",أَ\r\n3,إِ,\r\n"

    @Test func csvQuotingIsReadAndWritten() throws {
        let dir = try TempDir()
        try dir.write("d.csv", FormatTests.csv)
        let all = try CLI.run(["d.csv"], in: dir.url)
        #expect(all.stdout == "id,text,note\r\n1,\"مرحبا, بكم\",\"قال \"\"ا\"\"\"\r\n2,\"سطر\nثان\",ا\r\n3,ا,\r\n")
        #expect(all.status == 0)
        let byName = try CLI.run(["--column", "text", "d.csv"], in: dir.url)
        #expect(byName.stdout == "id,text,note\r\n1,\"مرحبا, بكم\",\"قال \"\"أَ\"\"\"\r\n2,\"سطر\nثان\",أَ\r\n3,ا,\r\n")
        let byIndex = try CLI.run(["--column", "3", "d.csv"], in: dir.url)
        #expect(byIndex.stdout == "id,text,note\r\n1,\"مَرْحَبًا, بِكُمْ\",\"قال \"\"ا\"\"\"\r\n2,\"سطر\nثانٍ\",ا\r\n3,إِ,\r\n")
        let unknown = try CLI.run(["--column", "body", "d.csv"], in: dir.url)
        #expect(unknown.status == 1)
        #expect(unknown.stderr == "arnorm: error: no column 'body' in 'd.csv' (columns: id, text, note)\n")
    }

    @Test func csvFieldThatNeedsQuotesAfterNormalizingGetsThem() throws {
        let dir = try TempDir()
        // Arabic comma ، stays; a NBSP becomes a space: no quotes needed. A quote inside stays quoted.
        try dir.write("d.csv", "a\n\"x\"\"y\"\nأَ b\n")
        let result = try CLI.run(["d.csv"], in: dir.url)
        #expect(result.stdout == "a\n\"x\"\"y\"\nا b\n")
    }

    @Test func csvWrongColumnCountFollowsThePolicy() throws {
        let dir = try TempDir()
        try dir.write("d.csv", "a,b\n1,أَ\n2\n3,إِ,x\n4,ى\n")
        let replace = try CLI.run(["d.csv"], in: dir.url)
        #expect(replace.stdout == "a,b\n1,ا\n2\n3,إِ,x\n4,ي\n")
        #expect(replace.stderr == "arnorm: warning: d.csv:3: 1 column, the header has 2 (byte 11); 2 bad rows passed through\n")
        let skip = try CLI.run(["--invalid", "skip", "d.csv"], in: dir.url)
        #expect(skip.stdout == "a,b\n1,ا\n4,ي\n")
        let fail = try CLI.run(["--invalid", "fail", "d.csv"], in: dir.url)
        #expect(fail.status == 1)
        #expect(fail.stderr == "arnorm: error: d.csv:3: 1 column, the header has 2 at byte 11\n")
    }

    @Test func tsv() throws {
        let dir = try TempDir()
        try dir.write("d.tsv", "id\ttext\n1\tأَ, ب\n")
        let result = try CLI.run(["--column", "text", "d.tsv"], in: dir.url)
        #expect(result.stdout == "id\ttext\n1\tا, ب\n")
    }

    @Test func csvIdenticalAcrossJobsWithQuotedNewlinesAtChunkEdges() throws {
        let dir = try TempDir()
        var text = "id,text\n"
        for i in 0..<20_000 { text += "\(i),\"سطر\(i % 7 == 0 ? "\n" : " ")مَرْحَبًا, \"\"أ\"\"\"\n" }
        try dir.write("big.csv", text)
        let one = try CLI.run(["-j", "1", "--chunk-size", "100000000", "big.csv"], in: dir.url)
        let many = try CLI.run(["-j", "3", "--chunk-size", "1000", "big.csv"], in: dir.url)
        #expect(one.status == 0)
        #expect(one.stderr == "")
        #expect(many.stdoutBytes == one.stdoutBytes)
        #expect(one.stdout.hasPrefix("id,text\n0,\"سطر\nمرحبا, \"\"ا\"\"\"\n1,\"سطر مرحبا, \"\"ا\"\"\"\n"))
    }
}

/// Exports from other tools: byte order marks, formats implied by `--field`/`--column`.
@Suite struct ExportQuirkTests {
    /// A UTF-8 byte order mark is not text: it is dropped (`--in-place` puts it back, EncodingTests).
    @Test func byteOrderMarksAreDroppedFromTheOutput() throws {
        let dir = try TempDir()
        try dir.write("d.jsonl", [0xEF, 0xBB, 0xBF] + Array("{\"t\":\"أَ\"}\n".utf8))
        let jsonl = try CLI.run(["--field", "t", "d.jsonl"], in: dir.url)
        #expect(jsonl.stdoutBytes == Array("{\"t\":\"ا\"}\n".utf8))
        #expect(jsonl.stderr == "")
        try dir.write("d.csv", [0xEF, 0xBB, 0xBF] + Array("id,t\n1,أَ\n".utf8))
        let csv = try CLI.run(["--column", "id", "--column", "t", "d.csv"], in: dir.url)
        #expect(csv.stdoutBytes == Array("id,t\n1,ا\n".utf8))
        #expect(csv.status == 0)
    }

    @Test func fieldOrColumnImpliesTheFormat() throws {
        let dir = try TempDir()
        try dir.write("dump.json", "{\"t\":\"أَ\",\"u\":\"أَ\"}\n")
        #expect(try CLI.run(["--field", "t", "dump.json"], in: dir.url).stdout == "{\"t\":\"ا\",\"u\":\"أَ\"}\n")
        let csv = try CLI.run(["--column", "b"], in: dir.url, stdin: Array("a,b\nأَ,أَ\n".utf8))
        #expect(csv.stdout == "a,b\nأَ,ا\n")
    }
}

/// A quote inside a plain field (`5" screen`) does not open a quoted field: chunks are still cut
/// at row ends and the output does not depend on `--jobs`.
@Suite struct CSVStrayQuoteTests {
    @Test func strayQuoteInAPlainField() throws {
        let dir = try TempDir()
        var text = "id,text\n"
        for i in 0..<3000 { text += "\(i),5\" شاشة أَ\n\(i),\"سطر\nأَ\"\n" }
        try dir.write("d.csv", text)
        let one = try CLI.run(["-j", "1", "--chunk-size", "100000000", "d.csv"], in: dir.url)
        let many = try CLI.run(["-j", "2", "--chunk-size", "512", "d.csv"], in: dir.url)
        #expect(one.status == 0)
        #expect(one.stderr == "")
        // A changed field is written back the RFC 4180 way: quoted, its quote doubled.
        #expect(one.stdout.hasPrefix("id,text\n0,\"5\"\" شاشة ا\"\n0,\"سطر\nا\"\n1,\"5\"\" شاشة ا\"\n"))
        #expect(many.stdoutBytes == one.stdoutBytes)
    }
}

/// JSONL is cut at line ends too: the output must not depend on `--jobs` or the chunk size.
@Suite struct JSONLJobsTests {
    @Test func jsonlIdenticalAcrossJobs() throws {
        let dir = try TempDir()
        var text = ""
        for i in 0..<15_000 {
            text += "{\"id\":\(i),\"text\":\"\(i % 5 == 0 ? "مَرْحَبًا\\n" : "")خـ.ـسائر \\\"x\\\"\",\"n\":\(i % 9 == 0 ? "1" : "\"أَ\"")}\n"
        }
        try dir.write("d.jsonl", text)
        let one = try CLI.run(["-j", "1", "--field", "text", "--field", "n", "--chunk-size", "100000000", "d.jsonl"], in: dir.url)
        let many = try CLI.run(["-j", "3", "--field", "text", "--field", "n", "--chunk-size", "700", "d.jsonl"], in: dir.url)
        #expect(one.status == 0)
        #expect(one.stdout.hasPrefix("{\"id\":0,\"text\":\"مرحبا\\nخسائر \\\"x\\\"\",\"n\":1}\n{\"id\":1,\"text\":\"خسائر \\\"x\\\"\",\"n\":\"ا\"}\n"))
        #expect(one.stderr == "arnorm: warning: d.jsonl:1: field 'n' is not a string (byte 63); 1667 bad lines passed through\n")
        #expect(many.stdoutBytes == one.stdoutBytes)
        #expect(many.stderr == one.stderr)
    }
}

/// A lone surrogate escape in a JSONL string (`\ud800`) is ill-formed like bad UTF-8: counted,
/// named in a warning (file, line, byte) and handled by --invalid.
@Suite struct JSONLoneSurrogateTests {
    static let input = """
        {"id":1,"text":"إ\\ud800"}
        {"id":2,"text":"ok"}
        {"id":3,"text":"x\\udc00","e":"\\ud83d\\ude00"}

        """

    @Test func replaceCountsAndWarns() throws {
        let dir = try TempDir()
        try dir.write("s.jsonl", Self.input)
        let result = try CLI.run(["--field", "text", "--report", "r.json", "s.jsonl"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout == "{\"id\":1,\"text\":\"ا\u{FFFD}\"}\n{\"id\":2,\"text\":\"ok\"}\n{\"id\":3,\"text\":\"x\u{FFFD}\",\"e\":\"\\ud83d\\ude00\"}\n")
        #expect(result.stderr == "arnorm: warning: s.jsonl:1: a lone surrogate escape (\\ud800) at byte 18; 2 ill-formed sequences replaced with U+FFFD\n")
        #expect(try dir.read("r.json").contains("\"invalidSequencesReplaced\" : 2"))
    }

    @Test func unchangedFieldIsStillCounted() throws {
        let dir = try TempDir()
        try dir.write("s.jsonl", "{\"text\":\"ab\\udc00\"}\n")
        let result = try CLI.run(["--field", "text", "s.jsonl"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout == "{\"text\":\"ab\u{FFFD}\"}\n")
        #expect(result.stderr.contains("s.jsonl:1: a lone surrogate escape (\\udc00) at byte 11; 1 ill-formed sequence replaced"), "\(result.stderr)")
    }

    @Test func failAndSkipAreHonoured() throws {
        let dir = try TempDir()
        try dir.write("s.jsonl", Self.input)
        try dir.write("out.jsonl", "old\n")
        let fail = try CLI.run(["--field", "text", "--invalid", "fail", "s.jsonl", "-o", "out.jsonl"], in: dir.url)
        #expect(fail.status == 1)
        #expect(fail.stderr == "arnorm: error: s.jsonl:1: a lone surrogate escape (\\ud800) at byte 18\n")
        #expect(try dir.read("out.jsonl") == "old\n")
        let skip = try CLI.run(["--field", "text", "--invalid", "skip", "s.jsonl"], in: dir.url)
        #expect(skip.status == 0)
        #expect(skip.stdout == "{\"id\":2,\"text\":\"ok\"}\n")
        #expect(skip.stderr == "arnorm: warning: s.jsonl:1: a lone surrogate escape (\\ud800) at byte 18; 2 records skipped\n")
    }
}
