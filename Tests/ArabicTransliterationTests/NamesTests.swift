import Foundation
import Testing
import TestSupport
@testable import ArabicTransliteration

@Suite("names scheme")
struct NamesTests {
    @Test("lexicon-backed names", arguments: try VectorFile("names-lexicon-cases.tsv", columns: 2...2, minimumRows: 40).rows)
    func lexiconNames(row: VectorFile.Row) {
        #expect(NameTransliterator().transliterate(row[0]) == row[1], "\(row)")
    }

    @Test("rule-only names (empty lexicon)", arguments: try VectorFile("names-rule-cases.tsv", columns: 2...2, minimumRows: 80).rows)
    func ruleNames(row: VectorFile.Row) {
        let rules = NameTransliterator(lexicon: NameLexicon())
        #expect(rules.transliterate(row[0]).lowercased() == row[1].lowercased(), "\(row)")
    }

    @Test func lexiconIsLargeAndWellFormed() throws {
        let lines = ResourceFiles.text("names-lexicon").split(separator: "\n").filter { !$0.hasPrefix("#") }
        #expect(lines.count >= 2000)
        let kinds = Set(NameLexicon.Kind.allCases.map(\.rawValue))
        for line in lines {
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            #expect(cols.count == 3, "\(line)")
            guard cols.count == 3 else { continue }
            #expect(kinds.contains(String(cols[2])), "\(line)")
            #expect(cols[0].unicodeScalars.allSatisfy { ArabicScript.isLetter($0) || ArabicScript.isMark($0) || $0 == " " }, "\(line)")
            let spellings = cols[1].split(separator: "|")
            #expect(!spellings.isEmpty && spellings.allSatisfy { !$0.isEmpty && $0.unicodeScalars.allSatisfy { $0.isASCII } }, "\(line)")
            // Every entry can be found again, with all of its spellings.
            let entry = NameLexicon.bundled.lookup(String(cols[0]))
            #expect(entry != nil, "\(line)")
            for s in spellings { #expect(entry?.spellings.contains(String(s)) == true, "\(line)") }
        }
        #expect(NameLexicon.bundled.allEntries.count >= 1900)
    }

    @Test func everySingleKindEntryComesOutAsItsFirstSpelling() {
        // Entries whose key is not shared with another kind are spelled exactly as listed.
        let t = NameTransliterator()
        var checked = 0
        for e in NameLexicon.bundled.allEntries where e.kind != .particle {
            guard let found = NameLexicon.bundled.lookup(e.arabic), found.kind == e.kind,
                  found.spellings.first == e.spellings.first else { continue }
            let out = t.transliterate(e.arabic)
            let expected = e.spellings[0]
            // At the start of a line the article is capitalized (al-Qaeda → Al-Qaeda).
            #expect(out.lowercased() == expected.lowercased(), "\(e.arabic)")
            checked += 1
        }
        #expect(checked > 1800)
    }

    @Test func keysFoldSpellingVariants() {
        #expect(NameLexicon.key("إِدْلِبـ") == "ادلب")
        #expect(NameLexicon.key("حماة") == NameLexicon.key("حماه"))
        #expect(NameLexicon.key("مصطفى") == "مصطفي")
        #expect(NameLexicon.key("عبد  الله") == "عبد الله")
    }

    @Test func variants() {
        let t = NameTransliterator(variants: 3)
        #expect(t.transliterate("محمد") == "Mohammed|Muhammad|Mohamed")
        #expect(t.spellings("خالد") == ["Khaled", "Khalid"])
        #expect(NameTransliterator(variants: 2).transliterate("محمد عادل") == "Mohammed Adel|Muhammad Adel")
        #expect(NameTransliterator(variants: 5).spellings("حمزة").count <= 5)
    }

    @Test func articleStyles() {
        #expect(NameTransliterator().transliterate("هادي الشامي") == "Hadi al-Shami")
        #expect(NameTransliterator(article: .el).transliterate("هادي الشامي") == "Hadi el-Shami")
        #expect(NameTransliterator(article: .alCapital).transliterate("تميم آل ثاني") == "Tamim Al Thani")
        #expect(NameTransliterator(article: .alCapital).transliterate("هادي الشامي") == "Hadi Al Shami")
        // A whole name listed in the lexicon keeps its listed spelling whatever the article style;
        // the style applies to names the rules build.
        #expect(NameTransliterator(article: .none).transliterate("بشار الأسد") == "Bashar al-Assad")
        #expect(NameTransliterator(article: .el).transliterate("بشار الأسد") == "Bashar al-Assad")
        #expect(NameTransliterator(article: .none).transliterate("هادي الشامي") == "Hadi Shami")
        #expect(NameTransliterator(assimilatesSunLetters: true).transliterate("هادي الشامي") == "Hadi ash-Shami")
        #expect(NameTransliterator(assimilatesSunLetters: true).transliterate("هادي القاسم") == "Hadi al-Qassem")
        #expect(NameTransliterator().transliterate("الشامي") == "Al-Shami")
        // A lone non-nisba word is read as a place: no article, the article form as the next variant.
        let rules = NameTransliterator(variants: 2, lexicon: NameLexicon())
        #expect(rules.spellings("الشطرة") == ["Shatra", "Al-Shatra"])
        #expect(rules.spellings("هادي الشطرة").first == "Hadi al-Shatra")
    }

    @Test func tehMarbutaByPlaceInTheName() {
        let rules = NameTransliterator(lexicon: NameLexicon())
        // Before a word with the article: the construct state, -at.
        #expect(rules.transliterate("طيبة الإمام").hasSuffix("at al-Imam"))
        #expect(rules.transliterate("جبهة النصرة").hasPrefix("Jabhat al-"))
        // A word with the article is not in the construct state.
        #expect(!rules.transliterate("المحلة الكبرى").contains("at al-"))
        // A family name after a given name: -eh, but a after the letters that keep it.
        #expect(rules.transliterate("ناصر جودة").hasSuffix("eh"))
        #expect(NameTransliterator().transliterate("رزان زيتونة") == "Razan Zaitouneh")
        #expect(rules.transliterate("هادي الشطرة") == "Hadi al-Shatra")
        #expect(!rules.transliterate("هادي صلحة").hasSuffix("eh"))
        // Not after a particle, and not a given name in first place.
        #expect(!rules.transliterate("أبو جودة").hasSuffix("eh"))
        #expect(!rules.transliterate("جودة").hasSuffix("eh"))
    }

    @Test func otherScriptsGoThroughICU() {
        let t = NameTransliterator()
        #expect(t.transliterate("Брифинг") == "Brifing")
        #expect(t.transliterate("#СИРИЯ Брифинг Центра") == "#SIRIA Brifing Centra")
        #expect(t.transliterate("Posted by Ministry 2020") == "Posted by Ministry 2020")
        #expect(t.transliterate("قال بشار الأسد: Брифинг") == "Qal Bashar al-Assad: Brifing")
    }

    @Test func presentationFormsAndMessyInput() {
        let t = NameTransliterator()
        // Presentation forms (ﻣﺤﻤﺪ), tatweel and diacritics.
        #expect(t.transliterate("\u{FEE3}\u{FEA4}\u{FEE4}\u{FEAA}") == "Mohammed")
        #expect(t.transliterate("مُحَمَّـــد") == "Mohammed")
        // Persian yeh and keheh, a right-to-left mark inside the name.
        #expect(t.transliterate("\u{06A9}ر\u{06CC}م") == "Karim")
        #expect(t.transliterate("بشار\u{200F} الأسد") == "Bashar al-Assad")
    }
}
