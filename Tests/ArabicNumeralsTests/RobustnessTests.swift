import Testing
@testable import ArabicNumerals

/// Random word salads of number words, digits, `و` and other words: nothing traps, spans are well
/// formed, values read back from their digits, and nothing is converted partly in any dialect mode.
@Suite struct RobustnessTests {
    static let pieces = [
        "ألف", "آلاف", "ألفين", "ألفا", "ألفًا", "مليون", "ملايين", "مليار", "تريليون", "مئة", "مئتا", "ثلاثمئة",
        "خمسة", "خمس", "عشر", "عشرة", "أحد", "إحدى", "اثنا", "اثنين", "عشرون", "تسعين", "و", "وخمسة", "والعشرين",
        "نصف", "ربع", "ونصف", "أرباع", "الحادي", "الثاني", "كانون", "فاصلة", "صفر", "الأحد", "عبد", "كل", "من",
        "999999999999999999999", "12", "1.5", "٣٫٥", "3,5", "BMP3", "،", "-", "قتل", "نحو", "\u{0640}", "\u{064B}",
        "بالمئة", "في", "المئة", "%", "سالب", "ناقص", "فاصل", "نقطة", "كوادريليون", "سبتليونات", "العشرون", "المليون",
        "تلتاشر", "تمن", "تلات", "تلاف", "ربعمية", "مية", "حدعش", "طناش", "ونص", "١٠٠٬٠٠٠", "-5", "إلى",
    ]

    @Test(arguments: [false, true])
    func randomWordSalads(allOptions: Bool) {
        let parser = NumberWordsParser(options: NumberWordsOptions(ordinals: allOptions, fractions: allOptions))
        var x: UInt64 = allOptions ? 0xDEAD_BEEF : 0x1234_5678
        for _ in 0..<1500 {
            var words: [String] = []
            x ^= x << 13; x ^= x >> 7; x ^= x << 17
            for _ in 0..<(Int(x % 12) + 1) {
                x ^= x << 13; x ^= x >> 7; x ^= x << 17
                words.append(Self.pieces[Int(x % UInt64(Self.pieces.count))])
            }
            let text = words.joined(separator: x & 1 == 0 ? " " : "")
            let matches = parser.parse(text)
            var last = 0
            for m in matches {
                #expect(m.scalarRange.lowerBound >= last)
                #expect(m.value.denominator > 0)
                #expect(NumberValue(m.value.description) == m.value)
                last = m.scalarRange.upperBound
            }
            _ = parser.replacingNumberWords(in: text)
            // Whole or nothing, in every dialect mode.
            for mode in Dialect.allCases {
                var o = parser.options
                o.dialect = mode
                let p = NumberWordsParser(options: o)
                let partial = PartialConversions.find(in: text, parser: p)
                #expect(partial.isEmpty, "\(text) (\(mode)): \(partial)")
            }
            _ = NumberSpeller().replacingDigits(in: text)
            _ = DigitConverter(target: .persian).convert(text)
        }
    }

    @Test func oddValuesFormatWithoutTrapping() {
        // 2^-60 is a finite decimal: written in full, never rounded.
        #expect(NumberValue(1, 1 << 60)?.description == "0.000000000000000000867361737988403547205962240695953369140625")
        #expect(NumberValue(1, 3 << 60)?.description == "1/\(3 << 60)")
        #expect(NumberValue(Int64(999_999_999_999_999_999), 1)?.description == "999999999999999999")
    }
}
