import Foundation
import Testing
@testable import ArabicNumerals

@Suite struct APITests {
    @Test func matchSpans() throws {
        let text = "قتل نحو خمسين من المسلحين وبلغ العدد 11 ألف عائلة"
        let matches = NumberWordsParser().parse(text)
        #expect(matches.count == 2)
        let first = try #require(matches.first)
        #expect(first.value == NumberValue(50))
        #expect(first.kind == .cardinal)
        #expect(String(text[first.range]) == "خمسين")
        #expect(first.text == "خمسين")
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[first.utf8Range], as: UTF8.self) == "خمسين")
        #expect(first.characterRange == 8..<13)
        let second = matches[1]
        #expect(second.characterRange == 37..<43)
        #expect(second.value.integer == 11000)
        #expect(String(text[second.range]) == "11 ألف")
        #expect(String(decoding: bytes[second.utf8Range], as: UTF8.self) == "11 ألف")
    }

    @Test func prefixStaysOutsideTheSpan() throws {
        let text = "وخمسين"
        let m = try #require(NumberWordsParser().parse(text).first)
        #expect(String(text[m.range]) == "خمسين")
        #expect(m.scalarRange == 1..<6)
        let marked = "وَخَمْسِينَ"
        let n = try #require(NumberWordsParser().parse(marked).first)
        #expect(String(marked[n.range]) == "خَمْسِينَ")
        #expect(n.characterRange == 1..<6)
    }

    @Test func valueOfPhrase() {
        let p = NumberWordsParser()
        #expect(p.value(of: "  خمسمئة وثلاث وعشرون ") == NumberValue(523))
        #expect(p.value(of: "خمسمئة كتاب") == nil)
        #expect(p.value(of: "أحد") == nil)
    }

    @Test func ordinalsAndFractionsKinds() {
        let p = NumberWordsParser(options: NumberWordsOptions(ordinals: true, fractions: true))
        #expect(p.parse("الحادي عشر").first?.kind == .ordinal)
        #expect(p.parse("ثلث").first?.kind == .fraction)
        #expect(p.parse("ثلث").first?.value == NumberValue(1, 3))
    }

    @Test func outputDigitSystem() {
        let p = NumberWordsParser(options: NumberWordsOptions(digits: .arabic))
        #expect(p.replacingNumberWords(in: "نحو مئتي مسلح") == "نحو ٢٠٠ مسلح")
        let q = NumberWordsParser(options: NumberWordsOptions(fractions: true, digits: .persian))
        #expect(q.replacingNumberWords(in: "ثلاثة ونصف") == "۳٫۵")
    }

    @Test func numberValueFormatting() {
        #expect(NumberValue(12, 10)?.description == "1.2")
        #expect(NumberValue(1, 3)?.description == "1/3")
        #expect(NumberValue(3, 4)?.description == "0.75")
        #expect(NumberValue(Int64.max) == nil)
    }

    @Test func tooLargeIsLeftUnchanged() {
        let p = NumberWordsParser()
        let huge = Array(repeating: "ألف", count: 8).joined(separator: " ")
        #expect(p.replacingNumberWords(in: huge) == huge)
        #expect(p.parse(huge).isEmpty)
        // 10^18 itself is the limit and converts.
        #expect(p.value(of: "مليار مليار") == NumberValue(1_000_000_000_000_000_000))
        let digits = String(repeating: "9", count: 40) + " مليون"
        #expect(p.replacingNumberWords(in: digits) == digits)
    }

    @Test func digitsToWordsInText() {
        let m = NumberSpeller()
        #expect(m.replacingDigits(in: "قتل 47 عنصرًا") == "قتل سبعة وأربعون عنصرًا")
        #expect(m.replacingDigits(in: "بلغت 91% فقط") == "بلغت واحد وتسعون بالمئة فقط")
        #expect(m.replacingDigits(in: "عربة BMP3 في 22.01.2020") == "عربة BMP3 في 22.01.2020")
        #expect(m.replacingDigits(in: "نزوح 6,077 عائلة") == "نزوح ستة آلاف وسبعة وسبعون عائلة")
        #expect(m.replacingDigits(in: "الهاتف 0912-345-678 في 16/1/2020 الساعة 10:30") == "الهاتف 0912-345-678 في 16/1/2020 الساعة 10:30")
        #expect(m.replacingDigits(in: "0 و0.5") == "صفر وصفر فاصلة خمسة")
        // Whole or nothing: a fraction written without its whole part is left as it is.
        for text in ["بلغ .5 فقط", "-.5", "٫٥ و.75%"] { #expect(m.replacingDigits(in: text) == text) }
        let f = NumberSpeller(gender: .feminine)
        #expect(f.replacingDigits(in: "منذ ١٥ سنة") == "منذ خمس عشرة سنة")
        #expect(m.spell(-1) == nil)
        #expect(m.spell(NumberSpeller.maximum + 1) == nil)
        let long = String(repeating: "7", count: 500)
        #expect(m.replacingDigits(in: long) == long)
    }

    @Test func transformLineFunction() {
        let f = NumeralsTransform(wordsToDigits: NumberWordsOptions(), digits: .arabic).makeFunction()
        #expect(f("قتل نحو خمسين و11 ألف") == "قتل نحو ٥٠ و١١٠٠٠")
        let g = NumeralsTransform(digitsToWords: NumberSpeller(gender: .feminine)).makeFunction()
        #expect(g("٣ مواقع") == "ثلاث مواقع")
    }
}

@Suite struct LexiconTests {
    static var resources: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Sources/ArabicNumerals/Resources").standardized
    }

    @Test func bundledLexiconLoads() {
        let lex = Lexicon.shared
        #expect(lex.entries.count > 120)
        #expect(lex.entry(for: "خمسين")?.value == NumberValue(50))
        #expect(lex.entry(for: "مية")?.kind == .hundred)   // مئة / مئه / مية fold together
        #expect(lex.entry(for: "مئه")?.kind == .hundred)
        #expect(lex.entry(for: "الف")?.number == .singular)
        #expect(lex.entry(for: "إثنين")?.value == NumberValue(2))
    }

    /// No two lines of number-words.tsv fold to the same key (they would silently overwrite each other).
    @Test func lexiconKeysAreUnique() throws {
        let text = try String(contentsOf: Self.resources.appendingPathComponent("number-words.tsv"), encoding: .utf8)
        var seen: [String: String] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let word = String(line.split(separator: "\t")[0])
            let key = WordKey.fold(word).key
            #expect(seen[key] == nil, "\(word) folds like \(seen[key] ?? "")")
            seen[key] = word
        }
    }

    /// Every row of number-words.tsv and number-words-dialect.tsv is read (none silently dropped), and
    /// no dialect row folds like an MSA row or another dialect row (it would never be used).
    @Test func lexiconRowsAllParse() throws {
        var msaKeys: Set<UInt128> = []
        for (file, dialect) in [("number-words.tsv", false), ("number-words-dialect.tsv", true)] {
            let text = try String(contentsOf: Self.resources.appendingPathComponent(file), encoding: .utf8)
            var keys: Set<UInt128> = []
            var rows = 0
            for line in text.split(separator: "\n") where !line.hasPrefix("#") {
                rows += 1
                let parsed = Lexicon.parse(line, dialectColumn: dialect)
                #expect(parsed != nil, "\(file): \(line)")
                guard let (key, _) = parsed else { continue }
                #expect(!keys.contains(key), "\(file): \(line) folds like another row")
                if dialect { #expect(!msaKeys.contains(key), "\(file): \(line) folds like an MSA row") }
                keys.insert(key)
            }
            #expect(rows >= (dialect ? 80 : 280), "\(file): \(rows) rows")
            if !dialect { msaKeys = keys }
        }
        #expect(Lexicon.shared.dialect.count >= 80)
        #expect(Lexicon.shared.entry(for: "تلتاشر")?.int == 13)
        #expect(Lexicon.shared.entry(for: "تلتاشر", dialects: []) == nil)
        #expect(Lexicon.shared.entry(for: "كوادريليونات")?.exponent == 15)
    }

    @Test func spellingTableIsComplete() {
        let t = SpellingTable.shared
        let scales = [3, 6, 9, 12, 15, 18, 21, 24].flatMap { e in
            ["singular", "dual", "plural", "accusative"].map { "scale.1" + String(repeating: "0", count: e) + ".\($0)" }
        }
        for key in ["zero", "point", "percent", "minus", "teen.ten", "hundred.2.construct"] + scales + (1...10).map({ "unit.\($0)" })
            + (1...9).map({ "teen.\($0)" }) + stride(from: 20, through: 90, by: 10).map({ "tens.\($0)" })
            + (1...9).map({ "hundred.\($0)" }) {
            #expect(t.rows[key] != nil, "\(key)")
        }
    }
}
