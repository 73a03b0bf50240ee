import Testing
@testable import ArabicNumerals

/// n → words → n.
@Suite struct RoundTripTests {
    static let parser = NumberWordsParser()

    /// Every n in 0…100 000, in both genders (split in chunks so Swift Testing can run them in parallel).
    @Test(arguments: [NumberGender.masculine, .feminine], [0, 1, 2, 3])
    func everyNumberUpTo100000(gender: NumberGender, quarter: Int) {
        let speller = NumberSpeller(gender: gender)
        var failures: [Int64] = []
        for n in Int64(quarter * 25_000)...Int64(quarter * 25_000 + (quarter == 3 ? 25_000 : 24_999)) {
            guard let words = speller.spell(n), Self.parser.value(of: words)?.integer == n else {
                failures.append(n)
                continue
            }
        }
        #expect(failures.isEmpty, "first failures: \(failures.prefix(5).map { "\($0) \(speller.spell($0) ?? "nil")" })")
    }

    /// Decimals: digits → words → value.
    @Test func decimals() {
        let speller = NumberSpeller()
        for (digits, value) in [("3.5", NumberValue(7, 2)), ("14.5", NumberValue(29, 2)), ("1.05", NumberValue(105, 100)),
                                ("0.125", NumberValue(1, 8)), ("1200.75", NumberValue(4803, 4))] {
            let words = speller.spell(digits: digits)
            #expect(words.flatMap { Self.parser.value(of: $0) } == value, "\(digits): \(words ?? "nil")")
        }
    }

    /// Samples up to 10^12 (and beyond, to the speller's maximum), every gender and case.
    @Test(arguments: NumberCase.allCases)
    func largeSamples(grammaticalCase: NumberCase) {
        var samples: [Int64] = [1_000_000_000_000, 999_999_999_999, 100_000_000_000, 101_000_000, 102_000_000_000,
                                2_000_000_000_000, 123_456_789_012, 999_999_999_999_999, 11_000_000, 3_000_000_000]
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2000 {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17
            samples.append(Int64(x % 1_000_000_000_001))
        }
        for gender in NumberGender.allCases {
            let speller = NumberSpeller(gender: gender, case: grammaticalCase)
            for n in samples {
                let words = speller.spell(n)
                #expect(words.flatMap { Self.parser.value(of: $0) }?.integer == n, "\(n): \(words ?? "nil")")
            }
        }
    }
}
