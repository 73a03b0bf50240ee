import Foundation
import Testing

/// A very long line is cut at spaces between letters; the pieces must normalize exactly as the
/// whole line does, for every preset.
@Suite struct LongLineTests {
    @Test(arguments: ["clean", "standard", "search"])
    func longLineCutAtSpacesIsByteIdentical(preset: String) throws {
        let dir = try TempDir()
        let pieces = [Sample.obfuscated, Sample.vowelled, "  مسافات   كثيرة  ", "ﻻ إله", "latin only", "أحمد ى ة ؤ",
                      "مرحباااا", "بخـ. سائرها", "خ ـسائر", "١٬٢٣٤٫٥ ٪", "6,077 91%", "ک ی ۀ", "word\u{200C}کلمة",
                      "هٰذا", "a\u{0301} b", "\u{FEFF}x\u{200B}y", "؟!..", "ﷲ ﷺ", "ب ـ ت", "ج \u{064E}د"]
        var line = ""
        var k = 0
        while line.utf8.count < 300_000 {
            line += pieces[k % pieces.count] + (k % 3 == 0 ? " " : k % 3 == 1 ? "  " : "\u{00A0}")
            k += 1
        }
        try dir.write("line.txt", line + "\n" + line)
        let whole = try CLI.run(["--preset", preset, "-j", "1", "--chunk-size", "100000000", "line.txt"], in: dir.url)
        let cut = try CLI.run(["--preset", preset, "-j", "2", "--chunk-size", "2048", "line.txt"], in: dir.url)
        #expect(whole.status == 0)
        #expect(whole.stdoutBytes.count > 100_000)
        #expect(cut.stdoutBytes == whole.stdoutBytes)
        #expect(cut.stderr == whole.stderr)
    }

    /// The cut chunks count as one line in the report.
    @Test func longLineCountsAsOneLine() throws {
        let dir = try TempDir()
        try dir.write("line.txt", String(repeating: "مَرْحَبًا ", count: 5_000) + "\n")
        let result = try CLI.run(["--chunk-size", "1024", "--report", "r.json", "line.txt"], in: dir.url)
        #expect(result.stdout == String(repeating: "مرحبا ", count: 4_999) + "مرحبا\n")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.url.appendingPathComponent("r.json"))) as! [String: Any]
        let totals = json["totals"] as! [String: Any]
        #expect(totals["lines"] as? Int == 1)
        #expect(totals["bytesIn"] as? Int == Array((String(repeating: "مَرْحَبًا ", count: 5_000) + "\n").utf8).count)
    }
}
