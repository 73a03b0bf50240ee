import Foundation
import Testing
@testable import ArabicTransliteration

/// One test per data table of the Latin → Arabic names direction.
@Suite("names scheme: Latin → Arabic data tables")
struct ReverseNamesDataTests {
    static func isArabicLetters(_ s: Substring) -> Bool {
        s.unicodeScalars.allSatisfy { (0x0621...0x06D3).contains($0.value) }
    }

    @Test func latinArabicLetters() {
        let rows = ResourceFiles.rows("names-latin-arabic", skipHeader: true)
        #expect(rows.count >= 150)
        let styles: Set<Substring> = ["a", "f", "*", "ru", "de", "fr", "it", "es", "ja", "ro", "tr", "en"]
        var keys = Set<String>()
        for row in rows {
            #expect(row.count == 4, "\(row)")
            guard row.count == 4 else { continue }
            #expect(row[0].allSatisfy { $0.isASCII && ($0.isLowercase || $0 == "'") }, "\(row)")
            #expect(["i", "m", "f", "a"].contains(row[1]), "\(row)")
            #expect(styles.contains(row[2]), "\(row)")
            #expect(keys.insert("\(row[0]) \(row[1]) \(row[2])").inserted, "listed twice: \(row)")
            let options = row[3].split(separator: " ")
            #expect(!options.isEmpty, "\(row)")
            for o in options {
                let parts = o.split(separator: ":")
                #expect(parts.count == 2 && (parts[0] == "_" || Self.isArabicLetters(parts[0])), "\(row): \(o)")
                #expect(parts.count == 2 && (Double(parts[1]).map { $0 >= 0 } ?? false), "\(row): \(o)")
            }
        }
        // Every Latin letter has an option somewhere, for both styles.
        for letter in "abcdefghijklmnopqrstuvwxyz" {
            for style in ["a", "f"] {
                let found = rows.contains { $0[0] == String(letter) && ($0[2] == style || $0[2] == "*") }
                #expect(found, "no rule for \(letter) (\(style))")
            }
        }
    }

    @Test func pinyinSyllables() {
        let rows = ResourceFiles.rows("names-pinyin-arabic", skipHeader: true)
        #expect(rows.count >= 60)
        for row in rows {
            #expect(row.count == 3 && ["initial", "final", "start"].contains(row[1]) && Self.isArabicLetters(row[2]), "\(row)")
        }
        let p = PinyinNames.shared
        #expect(p.arabic("Jinping") == "جين بينغ")
        #expect(p.arabic("Xiaoping") == "شياو بينغ")
        #expect(p.arabic("Wang") == "وانغ")
        #expect(p.arabic("Yi") == "يي")
        #expect(p.arabic("Johnson") == nil)
        #expect(p.syllables("Zedong")?.count == 2)
    }

    @Test func latinOriginShapes() {
        let rows = ResourceFiles.rows("names-latin-origins", skipHeader: true)
        #expect(rows.count >= 100)
        let origins: Set<Substring> = ["arabic", "ru", "de", "fr", "it", "es", "ja", "en", "tr", "fa", "ro"]
        for row in rows {
            #expect(row.count == 4, "\(row)")
            guard row.count == 4 else { continue }
            #expect(["start", "end", "in", "word"].contains(row[1]), "\(row)")
            #expect(origins.contains(row[2]), "\(row)")
            #expect(Double(row[3]) != nil, "\(row)")
            #expect(row[0].allSatisfy { $0.isASCII && ($0.isLowercase || $0 == "'") }, "\(row)")
        }
        let o = LatinNameOrigin.shared
        #expect((o.scores("Gorbachev")["ru"] ?? 0) >= 3)
        #expect((o.scores("Rodriguez")["es"] ?? 0) >= 2)
        #expect((o.scores("Ceausescu")["ro"] ?? 0) >= 3)
        #expect((o.scores("Abdulkarim")["arabic"] ?? 0) >= 3)
        // French spellings: silent endings (-amps, -aud, -oux, -ors) and common given names.
        #expect((o.scores("Deschamps")["fr"] ?? 0) >= 3)
        #expect((o.scores("Arnaud")["fr"] ?? 0) >= 2.5)
        #expect((o.scores("Jacques")["fr"] ?? 0) >= 3)
        #expect(o.decide(["Jacques", "Delors"], lexiconKinds: [nil, nil]).language == "fr")
        #expect((o.scores("Dusseldorf")["de"] ?? 0) >= 3)
        #expect((o.scores("Giuseppe")["it"] ?? 0) >= 3)
        #expect((o.scores("Castillo")["es"] ?? 0) >= 1.5)
        #expect(LatinNameTransliterator(usesLexicon: false).transliterate("Didier Deschamps").hasSuffix("ديشامب"))
    }

    @Test func arabicSpellingModel() {
        let m = ArabicSpellingModel(words: ["بشار", "بشير", "نشار"])
        #expect(m.cost(of: "بشار") < m.cost(of: "باشار"))
        #expect(m.cost(of: "بشار").isFinite)
        #expect(LatinNameRules.shared.spellings("", style: .foreign).isEmpty)
    }
}
