import Foundation
import Testing
import TestSupport
@testable import ArabicTransliteration

@Suite("names scheme: foreign names")
struct ForeignNamesTests {
    @Test("foreign names by the rules (empty lexicon)",
          arguments: try VectorFile("names-foreign-cases.tsv", columns: 2...2, minimumRows: 40).rows)
    func foreignRules(row: VectorFile.Row) {
        let rules = NameTransliterator(lexicon: NameLexicon())
        #expect(rules.transliterate(row[0]).lowercased() == row[1].lowercased(), "\(row)")
    }

    @Test func issueExamples() {
        let t = NameTransliterator()
        #expect(t.transliterate("تشي جين بينغ") == "Xi Jinping")
        #expect(t.transliterate("تشانغ وي") == "Zhang Wei")
        // Chinese syllables of a given name are joined, also without the lexicon.
        let rules = NameTransliterator(lexicon: NameLexicon())
        #expect(rules.transliterate("تشي جين بينغ").lowercased().hasSuffix(" jinping"))
    }

    @Test func letterModelPrefersListedSpellings() {
        let f = ForeignNames.shared
        #expect(f.isKnown("gorbachev"))
        #expect(f.isKnown("jinping", origins: ["chinese korean"]))
        #expect(!f.isKnown("jinping", origins: ["russian"]))
        let best = f.spellings(Array("غورباتشوف".unicodeScalars), limit: 3)
        #expect(best.first?.0 == "gorbachev")
        #expect(best.count == 3)
        // An empty word has one empty spelling; unknown letters are skipped, not fatal.
        #expect(f.spellings([]).first?.0 == "")
        #expect(!f.spellings(Array("x".unicodeScalars)).isEmpty)
    }

    @Test func originDecidesPerName() {
        let t = NameTransliterator(lexicon: NameLexicon())
        // Arabic names keep the Arabic rules even next to foreign-looking words.
        #expect(t.transliterate("خالد") == "Khaled")
        #expect(t.transliterate("هادي الشامي") == "Hadi al-Shami")
        // A foreign surname makes the given name foreign too (no Arabic vowel inference).
        #expect(t.transliterate("أندريه ساخاروف").lowercased().hasSuffix("sakharov"))
    }

    @Test func decomposedInputReadsLikeComposed() {
        let t = NameTransliterator()
        let composed = "سأل"
        let decomposed = "س\u{0627}\u{0654}ل"
        #expect(t.transliterate(decomposed) == t.transliterate(composed))
        #expect(t.transliterate("إ\u{0650}دلب".decomposedStringWithCanonicalMapping) == "Idlib")
    }
}
