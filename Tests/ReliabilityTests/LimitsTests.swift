import ArabicNormalizer
import ArabicNumerals
import Testing

/// Issue 8: numbers too large to hold, and hostile scalars, give documented results, never a trap.
struct LimitsTests {
    let parser = NumberWordsParser()

    /// `ألف` × 6 is 10^18, the largest value the parser produces (`NumberValue.limit`); × 7 and more is
    /// left as written, however long the chain.
    @Test func numberWordsPastTenToTheEighteenAreLeftUnchanged() {
        let six = Array(repeating: "ألف", count: 6).joined(separator: " ")
        #expect(parser.replacingNumberWords(in: six) == "1000000000000000000")
        for count in [7, 8, 20, 300] {
            let chain = Array(repeating: "ألف", count: count).joined(separator: " ")
            #expect(parser.replacingNumberWords(in: chain) == chain, "\(count) × ألف")
            #expect(parser.value(of: chain) == nil)
        }
        #expect(parser.replacingNumberWords(in: "مليار مليار") == "1000000000000000000")
        #expect(parser.replacingNumberWords(in: "مليار مليار مليار") == "مليار مليار مليار")
    }

    /// A 500-digit number: not spelled (above `NumberSpeller.maximum`), left as it is in text,
    /// converted digit by digit between digit systems, and `11 ألف`-style scaling of it is refused.
    @Test func fiveHundredDigitNumber() {
        let digits = String(repeating: "9", count: 500)
        let speller = NumberSpeller()
        #expect(speller.spell(digits: digits) == nil)
        #expect(speller.replacingDigits(in: "قتل \(digits) شخصا") == "قتل \(digits) شخصا")
        let arabic = DigitConverter(target: .arabic).convert(digits)
        #expect(arabic == String(repeating: "٩", count: 500))
        #expect(DigitConverter(target: .western).convert(arabic) == digits)
        #expect(parser.replacingNumberWords(in: "\(digits) ألف") == "\(digits) ألف")
        #expect(speller.spell(NumberSpeller.maximum) != nil)
        #expect(speller.spell(NumberSpeller.maximum + 1) == nil)
        #expect(speller.spell(Int64.max) == nil)
        #expect(speller.spell(-1) == nil)
        #expect(NumberValue(Int64.max) == nil)
        #expect(NumberValue(1, 0) == nil)
    }

    /// Lines of only combining marks, NUL bytes, lone surrogates encoded in UTF-8 (`ED A0 80`),
    /// 4-byte characters: valid output for every preset, the same from the bytes and String APIs.
    @Test(arguments: Preset.allCases)
    func hostileScalars(_ preset: Preset) {
        let normalizer = Normalizer(preset: preset)
        let cases: [[UInt8]] = [
            Array(String(repeating: "\u{064E}\u{0651}\u{0670}", count: 200).utf8),
            Array("\u{0301}\u{0301}\u{0301}\n\u{064B}".utf8),
            [0, 0, 0x0A, 0],
            [0xED, 0xA0, 0x80],
            [0xED, 0xBF, 0xBF, 0xED, 0xA0, 0x80],
            Array("😀🇸🇦👨‍👩‍👧𝔸\u{10FFFF}".utf8),
            [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
            [0xC0, 0x80],              // overlong NUL
        ]
        for bytes in cases {
            let out = normalizer.normalize(utf8: bytes)
            let decoded = String(decoding: out, as: UTF8.self)
            #expect(Array(decoded.utf8) == out, "not valid UTF-8 for \(bytes)")
            #expect(Array(normalizer.normalize(String(decoding: bytes, as: UTF8.self)).utf8) == out)
            #expect(out.filter { $0 == 0x0A }.count == bytes.filter { $0 == 0x0A }.count)
        }
        #expect(normalizer.normalize(utf8: [0xED, 0xA0, 0x80]) == Array("\u{FFFD}\u{FFFD}\u{FFFD}".utf8))
        #expect(normalizer.normalize(utf8: [0, 0x61, 0]) == [0, 0x61, 0])
        #expect(normalizer.normalize("😀") == "😀")
    }
}
