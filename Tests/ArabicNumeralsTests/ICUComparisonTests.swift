import Testing
@testable import ArabicNumerals

/// ICU's RBNF spellout next to `NumberSpeller`: the cases ICU gets wrong, and the parser reading
/// ICU's (non-standard) output back to the right number.
@Suite struct ICUComparisonTests {
    @Test func icuErrorsThatTheSpellerFixes() {
        let speller = NumberSpeller()
        let cases: [(Int64, icu: String, ours: String)] = [
            (2, "إثنان", "اثنان"),
            (300, "ثلاثة مائة", "ثلاثمئة"),
            (500, "خمسة مائة", "خمسمئة"),
            (11000, "إحدى عشر ألف", "أحد عشر ألفًا"),
            (200000, "مائتان ألف", "مئتا ألف"),
        ]
        for c in cases {
            #expect(ICUSpellout.spell(c.0) == c.icu, "ICU changed for \(c.0)")
            #expect(speller.spell(c.0) == c.ours)
        }
    }

    @Test func parserReadsICUSpellout() {
        let parser = NumberWordsParser()
        var n: Int64 = 0
        while n < 1_200_000 {
            let words = ICUSpellout.spell(n)
            #expect(words.flatMap { parser.value(of: $0) }?.integer == n, "\(n): \(words ?? "nil")")
            n += n < 2000 ? 7 : 7919
        }
    }
}
