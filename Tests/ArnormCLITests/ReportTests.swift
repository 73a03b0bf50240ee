import Foundation
import Testing

/// `--report`, `--stats`, `--explain`, `--config`/`--print-config`, progress.
@Suite struct ReportTests {
    @Test func reportHasConfigurationCountsAndFiles() throws {
        let dir = try TempDir()
        try dir.write("corpus/a.txt", "\(Sample.vowelled)\n\(Sample.obfuscated)\n")
        try dir.write("corpus/b.txt", [0x62, 0xFF, 0x0A])
        let result = try CLI.run(["--preset", "standard", "-j", "2", "--report", "run.json", "corpus"], in: dir.url)
        #expect(result.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.url.appendingPathComponent("run.json"))) as! [String: Any]
        #expect(json["tool"] as? String == "arnorm")
        #expect(json["version"] as? String == "0.1.0")
        #expect(json["jobs"] as? Int == 2)
        let configuration = json["configuration"] as! [String: Any]
        #expect(configuration["preset"] as? String == "standard")
        #expect((configuration["steps"] as? [String])?.contains("diacritics") == true)
        let totals = json["totals"] as! [String: Any]
        #expect(totals["files"] as? Int == 2)
        #expect(totals["lines"] as? Int == 3)
        #expect(totals["bytesIn"] as? Int == 3 + Array("\(Sample.vowelled)\n\(Sample.obfuscated)\n".utf8).count)
        #expect(totals["bytesOut"] as? Int == 5 + Array("\(Sample.vowelledStandard)\n\(Sample.obfuscatedStandard)\n".utf8).count)
        #expect(totals["invalidSequencesReplaced"] as? Int == 1)
        #expect(totals["wordsDeobfuscated"] as? Int == 2)
        let changes = totals["changes"] as! [String: Int]
        #expect(changes["diacritics"] == 7)
        #expect(changes["digits"] == 3)
        #expect(changes["tatweel"] == 4)
        #expect(json["seconds"] is Double)
        #expect(json["megabytesPerSecond"] is Double)
        let files = json["files"] as! [[String: Any]]
        #expect(files.map { $0["path"] as? String } == ["corpus/a.txt", "corpus/b.txt"])
    }

    @Test func statsGoesToStderr() throws {
        let dir = try TempDir()
        try dir.write("a.txt", "أَ\n")
        let result = try CLI.run(["--stats", "a.txt"], in: dir.url)
        #expect(result.stdout == "ا\n")
        #expect(result.stderr.contains("\"diacritics\" : 1"))
        #expect(result.stderr.contains("\"alef\" : 1"))
    }

    @Test func explainShowsChangedLinesWithTheirSteps() throws {
        let dir = try TempDir()
        try dir.write("a.txt", "unchanged\n\(Sample.obfuscated)\n\(Sample.vowelled)\n")
        let result = try CLI.run(["--explain", "a.txt"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout == """
            a.txt:2
              - \(Sample.obfuscated)
              + \(Sample.obfuscatedStandard)
              whitespace: 2; tatweel: 4; deobfuscate: 2 (2 words)
              خـ.ـسائر → خسائر · فـ.ـادحة → فادحة
            a.txt:3
              - \(Sample.vowelled)
              + \(Sample.vowelledStandard)
              diacritics: 7; digits: 3
              مَرْحَبًا → مرحبا · بِكُمْ → بكم · ١٢٣ → 123

            """)
    }

    @Test func explainNamesJSONLFields() throws {
        let dir = try TempDir()
        try dir.write("d.jsonl", "{\"t\":\"ok\",\"u\":\"أَ\"}\n")
        let result = try CLI.run(["--explain", "d.jsonl"], in: dir.url)
        #expect(result.stdout == "d.jsonl:1 u\n  - أَ\n  + ا\n  diacritics: 1; alef: 1\n")
    }

    @Test func printConfigThenConfigReplaysTheSameRun() throws {
        let dir = try TempDir()
        try dir.write("a.txt", "مُحَمَّد ى ة\n")
        let printed = try CLI.run(["--print-config", "--preset", "search", "--disable", "teh-marbuta", "--keep-shadda"], in: dir.url)
        #expect(printed.status == 0)
        try dir.write("run.json", printed.stdout)
        let direct = try CLI.run(["--preset", "search", "--disable", "teh-marbuta", "--keep-shadda", "a.txt"], in: dir.url)
        let replay = try CLI.run(["--config", "run.json", "a.txt"], in: dir.url)
        #expect(direct.stdout == "محمّد ي ة\n")
        #expect(replay.stdout == direct.stdout)
        let again = try CLI.run(["--config", "run.json", "--print-config"], in: dir.url)
        #expect(again.stdout == printed.stdout)
        try dir.write("bad.json", "{\"steps\":[\"nope\"]}")
        let bad = try CLI.run(["--config", "bad.json", "a.txt"], in: dir.url)
        #expect(bad.status == 2)
        #expect(bad.stderr == "arnorm: error: 'bad.json': unknown step 'nope' (known: \(ConfigTypeTests.stepNames), number-words)\n")
    }

    /// A key the configuration does not know is refused, not ignored (`disable` is no key: the
    /// digits would have been converted as if nothing had been asked).
    @Test func configWithAnUnknownKeyIsRefused() throws {
        let dir = try TempDir()
        try dir.write("a.txt", "x ١٢\n")
        try dir.write("c.json", "{\"preset\":\"search\",\"disable\":[\"digits\"]}")
        let result = try CLI.run(["--config", "c.json", "a.txt"], in: dir.url)
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == "arnorm: error: 'c.json': unknown key 'disable' (known: preset, steps, options)\n")
    }

    /// The span steps: counts per kind in the report and in --explain, policies replayed from
    /// --print-config.
    @Test func spanStepsCountedExplainedAndReplayed() throws {
        let dir = try TempDir()
        try dir.write("post.txt", "<p>شاهد https://example.com/مقال @user #حلب_اليوم &amp;</p>\n")
        let report = try CLI.run(["--preset", "social", "--report", "run.json", "post.txt"], in: dir.url)
        #expect(report.status == 0)
        #expect(report.stdout == "شاهد [URL] [USER] حلب اليوم &\n")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.url.appendingPathComponent("run.json"))) as! [String: Any]
        let changes = (json["totals"] as! [String: Any])["changes"] as! [String: Int]
        #expect(changes["urls masked"] == 1)
        #expect(changes["mentions masked"] == 1)
        #expect(changes["hashtags as words"] == 1)
        #expect(changes["entities decoded"] == 1)
        #expect(changes["tags removed"] == 2)
        #expect(changes["web"] == 3)
        #expect(changes["html"] == 3)
        let explain = try CLI.run(["--preset", "social", "--explain", "post.txt"], in: dir.url)
        #expect(explain.stdout.contains("html: 3; web: 3; entities decoded: 1; hashtags as words: 1; mentions masked: 1; tags removed: 2; urls masked: 1"),
                "\(explain.stdout)")
        let printed = try CLI.run(["--print-config", "--preset", "social", "--urls", "keep", "--enable", "emoji", "--emoji", "mask",
                                   "--mask-format", "<{kind}>"], in: dir.url)
        #expect(printed.status == 0)
        #expect(!printed.stdout.contains("mentions"), "the preset's own policies are not written")
        try dir.write("run.json", printed.stdout)
        try dir.write("emoji.txt", "راجع https://x.com 👍🏽 @user\n")
        let replay = try CLI.run(["--config", "run.json", "emoji.txt"], in: dir.url)
        #expect(replay.stdout == "راجع https://x.com <EMOJI> <USER>\n")
        let bad = try CLI.run(["--preset", "social", "--urls", "words", "post.txt"], in: dir.url)
        #expect(bad.status == 2)
    }

    @Test func progressOnlyWhenAskedOrOnATerminal() throws {
        let dir = try TempDir()
        try dir.write("a.txt", "أَ\n")
        let none = try CLI.run(["a.txt"], in: dir.url)
        #expect(none.stderr == "")
        let forced = try CLI.run(["--progress", "a.txt"], in: dir.url)
        #expect(forced.stdout == "ا\n")
        #expect(forced.stderr.contains("MB/s"))
        #expect(forced.stderr.contains("files 0/1"))
    }
}

/// `--report PATH` never lands on a file the run reads or writes, and a directory is refused before
/// the run with a message about --report.
@Suite struct ReportTargetTests {
    @Test(arguments: [
        ["--in-place", "f.txt", "--report", "f.txt"],
        ["--in-place", "f.txt", "--report", "./f.txt"],
        ["f.txt", "--report", "f.txt"],
        ["f.txt", "-o", "out.txt", "--report", "out.txt"],
        ["t", "--output-dir", "od", "--report", "od/a.txt"],
        ["--in-place", "--backup", ".b", "f.txt", "--report", "f.txt.b"],
    ])
    func reportOntoAFileOfTheRunIsRefused(arguments: [String]) throws {
        let dir = try TempDir()
        try dir.write("f.txt", "\(Sample.obfuscated)\n")
        try dir.write("t/a.txt", "\(Sample.obfuscated)\n")
        let result = try CLI.run(arguments, in: dir.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("refusing to write the report to '\(arguments.last!)'"), "\(result.stderr)")
        #expect(try dir.read("f.txt") == "\(Sample.obfuscated)\n")
        #expect(dir.listing() == ["f.txt", "t", "t/a.txt"])
    }

    @Test(arguments: [
        ("r/", "arnorm: error: cannot write the report 'r/': it names a directory (--report names a file)\n"),
        ("nowhere/r.json", "arnorm: error: cannot write the report 'nowhere/r.json': No such file or directory\n"),
        // Under a regular file: the run went ahead (f.txt rewritten), then the report failed.
        ("f.txt/r.json", "arnorm: error: cannot write the report 'f.txt/r.json': Not a directory\n"),
    ])
    func reportIntoAMissingDirectoryIsRefusedBeforeTheRun(path: String, message: String) throws {
        let dir = try TempDir()
        try dir.write("f.txt", "\(Sample.obfuscated)\n")
        let result = try CLI.run(["--in-place", "f.txt", "--report", path], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr == message)
        #expect(try dir.read("f.txt") == "\(Sample.obfuscated)\n")
    }

    @Test func reportIntoAFolderTheOutputDirectoryGetsIsWritten() throws {
        let dir = try TempDir()
        try dir.write("t/x/y/a.txt", "\(Sample.obfuscated)\n")
        for report in ["od/r.json", "od/x/r.json", "od/x/y/r.json"] {
            let result = try CLI.run(["t", "--output-dir", "od", "--report", report], in: dir.url)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try dir.read(report).contains("{"))
        }
        let missing = try CLI.run(["t", "--output-dir", "od", "--report", "od/sub/r.json"], in: dir.url)
        #expect(missing.status == 1)
        #expect(missing.stderr == "arnorm: error: cannot write the report 'od/sub/r.json': No such file or directory\n")
    }

    @Test func reportOntoADirectoryIsRefusedBeforeTheRun() throws {
        let dir = try TempDir()
        try dir.write("f.txt", "\(Sample.obfuscated)\n")
        try dir.write("rd/keep", "")
        let result = try CLI.run(["--in-place", "f.txt", "--report", "rd"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr == "arnorm: error: cannot write the report 'rd': it is a directory (--report names a file)\n")
        #expect(try dir.read("f.txt") == "\(Sample.obfuscated)\n")
    }
}
