import Testing
import TestSupport
@testable import ArabicTransliteration

@Suite("Lossless Buckwalter-family schemes")
struct LosslessTests {
    @Test("every table entry maps both ways", arguments: LosslessScheme.allCases)
    func tableEntries(scheme: LosslessScheme) throws {
        let entries = try VectorFile("lossless-tables.tsv", columns: 3...3, minimumRows: 204).rows
        let rows = entries.filter { $0[0] == scheme.rawValue }
        #expect(rows.count == 51)
        let t = LosslessTransliterator(scheme)
        for row in rows {
            #expect(t.transliterate(row[1]) == row[2], "\(scheme) \(row[1])")
            #expect(t.reverse(row[2]) == row[1], "\(scheme) \(row[2])")
        }
        // The resource table has exactly these entries, no more.
        #expect(LosslessTable.table(for: scheme).forward.count == rows.count)
    }

    @Test func knownSentences() {
        #expect(LosslessTransliterator(.bw).transliterate("كَتَبَ") == "kataba")
        #expect(LosslessTransliterator(.bw).transliterate("مَدْرَسَةٌ") == "madorasapN")
        #expect(LosslessTransliterator(.bw).transliterate("إِدْلِب 12") == "<idolib 12")
        #expect(LosslessTransliterator(.safebw).transliterate("شَيْء") == "cayoC")
        #expect(LosslessTransliterator(.xmlbw).transliterate("أُسْرَة") == "Ousorap")
        #expect(LosslessTransliterator(.hsb).transliterate("ظِلّ") == "Ďil~")
        #expect(LosslessTransliterator(.hsb).reverse("ςaliy~") == "عَلِيّ")
    }

    @Test func charactersOutsideTheSchemePassThrough() {
        let t = LosslessTransliterator(.bw)
        #expect(t.transliterate("Брифинг 2020 — ok") == "Брифинг 2020 — ok")
        #expect(t.transliterate("٣") == "٣")
    }

    @Test func escapeKeepsCollidingAsciiExact() {
        let plain = LosslessTransliterator(.hsb)
        let text = "قال. ok\\"
        // Without escaping, the ASCII full stop comes back as a sukun.
        #expect(plain.reverse(plain.transliterate(text)) != text)
        let escaping = LosslessTransliterator(.hsb, escapesCollisions: true)
        #expect(escaping.transliterate(text) == "qAl\\. o\\k\\\\")
        #expect(escaping.reverse(escaping.transliterate(text)) == text)
        let bw = LosslessTransliterator(.bw, escapesCollisions: true)
        #expect(bw.transliterate("بab") == "b\\a\\b")
        #expect(bw.reverse("b\\a\\b") == "بab")
    }

    static let alphabet: [Unicode.Scalar] = Array("ءآأؤإئابةتثجحخدذرزسشصضطظعغـفقكلمنهوىيًٌٍَُِّْٰٱپچڤگ".unicodeScalars) + [" ", " ", "\n", "،"]

    @Test("round trip over random Arabic text with diacritics", arguments: LosslessScheme.allCases)
    func randomRoundTrip(scheme: LosslessScheme) {
        var rng = SplitMix64(state: 0xA11CE + UInt64(scheme.column))
        let t = LosslessTransliterator(scheme)
        for _ in 0..<500 {
            let n = Int.random(in: 0...40, using: &rng)
            var s = String.UnicodeScalarView()
            for _ in 0..<n { s.append(Self.alphabet.randomElement(using: &rng)!) }
            let text = String(s)
            let back = t.reverse(t.transliterate(text))
            #expect(Array(back.utf8) == Array(text.utf8))
        }
    }

    @Test("round trip with escaping over any text", arguments: LosslessScheme.allCases)
    func randomRoundTripAnyText(scheme: LosslessScheme) {
        var rng = SplitMix64(state: 0xBEEF + UInt64(scheme.column))
        let t = LosslessTransliterator(scheme, escapesCollisions: true)
        let ascii = (0x20...0x7E).compactMap(Unicode.Scalar.init)
        let extra: [Unicode.Scalar] = ["Ā", "θ", "ς", "\u{0301}", "é", "Ж"]
        let pool = Self.alphabet + ascii + extra
        for _ in 0..<500 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...40, using: &rng) { s.append(pool.randomElement(using: &rng)!) }
            let text = String(s)
            #expect(Array(t.reverse(t.transliterate(text)).utf8) == Array(text.utf8))
        }
    }

    @Test("reverse then forward restores scheme text", arguments: LosslessScheme.allCases)
    func reverseRoundTrip(scheme: LosslessScheme) {
        var rng = SplitMix64(state: 0xC0DE + UInt64(scheme.column))
        let t = LosslessTransliterator(scheme)
        let symbols = Array(LosslessTable.table(for: scheme).backward.keys).sorted { $0.value < $1.value }
        for _ in 0..<300 {
            var s = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...30, using: &rng) { s.append(symbols.randomElement(using: &rng)!) }
            let text = String(s)
            #expect(Array(t.transliterate(t.reverse(text)).utf8) == Array(text.utf8))
        }
    }
}
