import Testing
@testable import ArabicNormalizer

/// `UTF8Validation` (the CLI's checks outside the normalizer) counts what decoding replaces: one
/// ill-formed sequence per U+FFFD that `String(decoding:as:)` writes, the normalizer's policy.
@Suite("UTF-8 validation")
struct UTF8ValidationTests {
    static func count(_ bytes: [UInt8]) -> (first: Int?, count: Int) {
        bytes.withUnsafeBytes { (UTF8Validation.firstInvalid(in: $0), UTF8Validation.countInvalid(in: $0)) }
    }

    @Test func maximalSubpartsCountOnceEach() {
        #expect(Self.count(Array("ab كتب".utf8)) == (nil, 0))
        #expect(Self.count([]) == (nil, 0))
        #expect(Self.count([0x61, 0xE0, 0x80, 0x62]) == (1, 2))          // E0 needs A0-BF next: two
        #expect(Self.count([0xED, 0xA0, 0x80]) == (0, 3))                // a surrogate: three
        #expect(Self.count([0xF0, 0x90, 0x80, 0x61]) == (0, 1))          // a cut four-byte sequence: one
        #expect(Self.count([0x61, 0xC3]) == (1, 1))
        #expect(Self.count([0xFF, 0xFE, 0x80]) == (0, 3))
    }

    @Test func countsEqualTheReplacementsDecodingWrites() {
        var random = SplitMix64(seed: 8)
        // Bytes without EF, so that no U+FFFD is in the input itself.
        let alphabet: [UInt8] = [0x61, 0x20, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xC3, 0xD8, 0xD9, 0xDF,
                                 0xE0, 0xE1, 0xED, 0xF0, 0xF4, 0xF5, 0xFF, 0x0A]
        for _ in 0..<5000 {
            let bytes = (0..<Int.random(in: 0...24, using: &random)).map { _ in alphabet.randomElement(using: &random)! }
            let decoded = String(decoding: bytes, as: UTF8.self)
            let replacements = decoded.unicodeScalars.filter { $0 == "\u{FFFD}" }.count
            let (first, count) = Self.count(bytes)
            #expect(count == replacements, "\(bytes)")
            #expect((first == nil) == (replacements == 0), "\(bytes)")
            if let first { #expect(String(validating: bytes[..<first], as: UTF8.self) != nil, "\(bytes)") }
        }
    }
}
