import Foundation
import Testing

/// Text inputs: files, trees, standard input, line endings, parallel byte-identity.
@Suite struct TextCorpusTests {
    @Test func fileToStdoutWithPreset() throws {
        let dir = try TempDir()
        try dir.write("a.txt", "\(Sample.obfuscated)\n\(Sample.vowelled)\n")
        let standard = try CLI.run(["a.txt"], in: dir.url)
        #expect(standard.status == 0)
        #expect(standard.stdout == "\(Sample.obfuscatedStandard)\n\(Sample.vowelledStandard)\n")
        #expect(standard.stderr == "")
        let clean = try CLI.run(["--preset", "clean", "a.txt"], in: dir.url)
        #expect(clean.stdout == "\(Sample.obfuscatedStandard)\n\(Sample.vowelledClean)\n")
        let explicit = try CLI.run(["normalize", "--preset", "clean", "--enable", "diacritics", "a.txt"], in: dir.url)
        #expect(explicit.stdout == "\(Sample.obfuscatedStandard)\nمرحبا بكم ١٢٣\n")
        let disabled = try CLI.run(["--disable", "digits", "a.txt"], in: dir.url)
        #expect(disabled.stdout == "\(Sample.obfuscatedStandard)\nمرحبا بكم ١٢٣\n")
    }

    @Test func stepListsSeparatedByCommas() throws {
        let dir = try TempDir()
        try dir.write("a.txt", "<b>نص</b> https://x.com/a?b=1 ١٢٣\n")
        let repeated = try CLI.run(["--preset", "search", "--enable", "html", "--enable", "web", "--disable", "digits", "a.txt"], in: dir.url)
        #expect(repeated.stdout == "نص https://x.com/a?b=1 ١٢٣\n")
        let listed = try CLI.run(["--preset", "search", "--enable", "html, web", "--disable", "digits,nfkc", "a.txt"], in: dir.url)
        #expect(listed.status == 0)
        #expect(listed.stdout == repeated.stdout)
    }

    @Test func aPolicySwitchesItsStepOn() throws {
        let dir = try TempDir()
        try dir.write("a.txt", "نص 👍🏽 https://x.com/a\n")
        #expect(try CLI.run(["--urls", "mask", "--emoji", "remove", "a.txt"], in: dir.url).stdout == "نص [URL]\n")
        #expect(try CLI.run(["--urls", "mask", "--disable", "web", "a.txt"], in: dir.url).stdout == "نص 👍🏽 https://x.com/a\n")
        #expect(try CLI.run(["--mask-format", "<{kind}>", "a.txt"], in: dir.url).stdout == "نص 👍🏽 https://x.com/a\n")
    }

    @Test func stepOptions() throws {
        let dir = try TempDir()
        try dir.write("a.txt", "مُحَمَّد هٰذا\n")
        #expect(try CLI.run(["a.txt"], in: dir.url).stdout == "محمد هذا\n")
        #expect(try CLI.run(["--keep-shadda", "a.txt"], in: dir.url).stdout == "محمّد هذا\n")
        #expect(try CLI.run(["--superscript-alef-to-alef", "a.txt"], in: dir.url).stdout == "محمد هاذا\n")
    }

    @Test func standardInputWhenNoPathOrDash() throws {
        let dir = try TempDir()
        let input = Array("\(Sample.vowelled)\n".utf8)
        let none = try CLI.run([], in: dir.url, stdin: input)
        #expect(none.stdout == "\(Sample.vowelledStandard)\n")
        try dir.write("b.txt", "\(Sample.obfuscated)\n")
        let mixed = try CLI.run(["b.txt", "-"], in: dir.url, stdin: input)
        #expect(mixed.stdout == "\(Sample.obfuscatedStandard)\n\(Sample.vowelledStandard)\n")
    }

    @Test func lineEndingsAreKept() throws {
        let dir = try TempDir()
        try dir.write("crlf.txt", "\(Sample.vowelled)\r\n\r\n\(Sample.obfuscated)\nlast")
        let result = try CLI.run(["crlf.txt"], in: dir.url)
        #expect(result.stdout == "\(Sample.vowelledStandard)\r\n\r\n\(Sample.obfuscatedStandard)\nlast")
    }

    @Test func directoryInSortedOrderSkippingHiddenAndBinary() throws {
        let dir = try TempDir()
        try dir.write("corpus/b.txt", "\(Sample.vowelled)\n")
        try dir.write("corpus/a/z.txt", "\(Sample.obfuscated)\n")
        try dir.write("corpus/c.md", "ثالث\n")
        try dir.write("corpus/.git/config", "مَخفي\n")
        try dir.write("corpus/img.bin", [0x89, 0x50, 0x00, 0x01])
        let result = try CLI.run(["corpus"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout == "\(Sample.obfuscatedStandard)\n\(Sample.vowelledStandard)\nثالث\n")
        #expect(result.stderr == """
            arnorm: note: skipped binary file 'corpus/img.bin'
            arnorm: note: skipped 1 hidden entry under 'corpus'

            """)
        let globbed = try CLI.run(["--glob", "*.txt", "corpus"], in: dir.url)
        #expect(globbed.stdout == "\(Sample.obfuscatedStandard)\n\(Sample.vowelledStandard)\n")
        let quiet = try CLI.run(["--quiet", "corpus"], in: dir.url)
        #expect(quiet.stderr == "")
    }

    /// A FIFO in a walked tree was skipped without a word (a binary file gets a note).
    @Test func namedPipeInATreeIsSkippedWithANote() throws {
        let dir = try TempDir()
        try dir.write("corpus/a.txt", "\(Sample.obfuscated)\n")
        #expect(mkfifo(dir.path("corpus/pipe.txt"), 0o644) == 0)
        #expect(mkfifo(dir.path("corpus/pipe.log"), 0o644) == 0)
        let result = try CLI.run(["--glob", "*.txt", "corpus"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout == "\(Sample.obfuscatedStandard)\n")
        #expect(result.stderr == "arnorm: note: skipped 'corpus/pipe.txt': a FIFO, not a regular file\n")
    }

    @Test func outputFileInsteadOfStdout() throws {
        let dir = try TempDir()
        try dir.write("a.txt", "\(Sample.vowelled)\n")
        try dir.write("b.txt", "\(Sample.obfuscated)\n")
        let result = try CLI.run(["a.txt", "b.txt", "-o", "out.txt"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(try dir.read("out.txt") == "\(Sample.vowelledStandard)\n\(Sample.obfuscatedStandard)\n")
        #expect(dir.listing() == ["a.txt", "b.txt", "out.txt"])
    }

    /// Chunks are cut at line ends and processed in parallel; the output must not depend on
    /// `--jobs` or on where chunks are cut.
    @Test func outputIsByteIdenticalAcrossJobsAndChunkSizes() throws {
        let dir = try TempDir()
        var bytes: [UInt8] = []
        let lines = [Sample.obfuscated, Sample.vowelled, "  مسافات   كثيرة  ", "ﻻ إله", "", "latin only", "أحمد ى ة ؤ"]
        var k = 0
        while bytes.count < 1_200_000 {
            bytes += Array(lines[k % lines.count].utf8)
            if k % 97 == 0 { bytes += [0xC3, 0x28] }  // ill-formed
            bytes += k % 5 == 0 ? [0x0D, 0x0A] : [0x0A]
            k += 1
        }
        bytes += Array("no newline at the end".utf8)
        try dir.write("big.txt", bytes)
        let reference = try CLI.run(["-j", "1", "--chunk-size", "100000000", "big.txt"], in: dir.url)
        #expect(reference.status == 0)
        #expect(reference.stdoutBytes.count > 800_000)
        for (jobs, chunk) in [("1", "65536"), ("2", "65536"), ("4", "4096"), ("3", "1000000")] {
            let result = try CLI.run(["-j", jobs, "--chunk-size", chunk, "big.txt"], in: dir.url)
            #expect(result.status == 0)
            #expect(result.stdoutBytes == reference.stdoutBytes, "jobs \(jobs), chunk \(chunk)")
            #expect(result.stderr == reference.stderr)
        }
    }

    /// A line much longer than a chunk is read whole.
    @Test func singleLineLongerThanAChunk() throws {
        let dir = try TempDir()
        let word = "مَرْحَبًا "
        let line = String(repeating: word, count: 20_000)
        try dir.write("long.txt", line + "\nقصير\n" + line)
        let result = try CLI.run(["-j", "2", "--chunk-size", "4096", "long.txt"], in: dir.url)
        let expectedLine = String(repeating: "مرحبا ", count: 19_999) + "مرحبا"
        #expect(result.status == 0)
        #expect(result.stdout == expectedLine + "\nقصير\n" + expectedLine)
    }

    @Test func numberWordsStep() throws {
        let dir = try TempDir()
        try dir.write("n.txt", "قتل خمسون شخصا\n")
        let result = try CLI.run(["--enable", "number-words", "n.txt"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout == "قتل 50 شخصا\n")
    }

    @Test func closedPipeEndsQuietly() throws {
        let dir = try TempDir()
        try dir.write("big.txt", String(repeating: "\(Sample.vowelled)\n", count: 200_000))
        #expect(try CLI.shell("set -o pipefail; \"$ARNORM\" big.txt 2>err.txt | head -c 100 > /dev/null", in: dir.url) == 0)
        #expect(try dir.read("err.txt") == "")
    }
}
