import Testing
@testable import ArabicNormalizer

/// Where the output goes: straight into the caller's array (the usual case), or through the
/// engine's own buffer when it outgrows the capacity lent (NFKC expansions) or another pass runs.
@Suite("output buffer")
struct OutputBufferTests {
    /// `text` normalized onto an array that already holds `prefix`, and the stats.
    func appended(_ text: String, _ normalizer: Normalizer, prefix: [UInt8]) -> ([UInt8], NormalizationStats) {
        var output = prefix
        var stats = NormalizationStats()
        Array(text.utf8).withUnsafeBytes { normalizer.normalize(utf8: $0, appendingTo: &output, stats: &stats) }
        return (output, stats)
    }

    static let cases: [(String, Preset, String)] = [
        // In place: deletions only.
        ("هجومٍ دُمر خـ.ـسائر", .standard, "هجوم دمر خسائر"),
        // Outgrows the capacity lent (each ﷺ, 3 bytes, becomes 33; its alef maksura folded): moved whole.
        (String(repeating: "ﷺ", count: 300),
         .standard, String(repeating: "صلي الله عليه وسلم", count: 300)),
        // Another pass: removing the tatweel leaves shadda before fatha, out of canonical order.
        ("بّـَ", .clean, "بَّ"),
    ]

    @Test(arguments: 0..<cases.count)
    func appendsAfterWhatTheArrayHolds(_ index: Int) {
        let (text, preset, expected) = Self.cases[index]
        let normalizer = Normalizer(preset: preset)
        for prefix in [[], Array("prefix ".utf8)] {
            let (output, stats) = appended(text, normalizer, prefix: prefix)
            let matches = output == prefix + Array(expected.utf8)    // (a Bool: a failure prints no 10 KB arrays)
            #expect(matches)
            #expect(stats.bytesOut == expected.utf8.count)
            #expect(stats.bytesIn == text.utf8.count)
        }
    }

    @Test func theOffsetsFollowAMovedOutput() {
        let normalized = Normalizer(preset: .standard).normalizeWithOffsets("أ" + String(repeating: "ﷺ", count: 40))
        let matches = normalized.text == "ا" + String(repeating: "صلي الله عليه وسلم", count: 40)
        #expect(matches)
        #expect(normalized.utf8Ranges.count == normalized.text.unicodeScalars.count)
        #expect(normalized.utf8Ranges.first == 0..<2)
        let lastInput: Range<Int> = 119..<122    // the 40th ﷺ, after the two bytes of أ
        #expect(normalized.utf8Ranges.last == lastInput)
    }
}
