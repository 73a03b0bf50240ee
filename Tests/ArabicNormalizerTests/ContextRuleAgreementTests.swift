import Testing
@testable import ArabicNormalizer

/// The context rules (`ContextRules`) at their edges: texts built from long repeats of the
/// characters they look at (glue, separators, marks out of order, Quranic signs, digits and
/// number separators, join controls), normalized by the engine and by the reference, byte for
/// byte. Fuzz findings 7 and 8 were of this kind: a limit reached, a mark order, a sign taken for a
/// letter.
@Suite("context rules: engine and reference agree")
struct ContextRuleAgreementTests {
    static let pieces: [[UInt32]] = [
        [0x646], [0x644, 0x627, 0x62D], [0x640], [0x200C], [0x200B], [0x200D], [0x2F], [0x2E], [0x20], [0x61],
        [0x64E], [0x651], [0x316], [0x301], [0x6D6], [0x6E6], [0x6E5], [0x6DD], [0x6DE], [0x670], [0x8F0],
        [0x661], [0x662], [0x66B], [0x66C], [0x66A], [0x25], [0x2D], [0x30], [0xFEFB], [0xFDF2], [0x6CC], [0x622],
        [0x653], [0x654], [0x0A], [0xA0],
    ]

    static let configurations: [Configuration] = [
        Configuration(preset: .clean), Configuration(preset: .standard), Configuration(preset: .search),
        Configuration(preset: .clean, enabling: [.punctuation]), Configuration(preset: .clean, disabling: [.unicode]),
        Configuration(preset: .standard, options: NormalizationOptions(keepShadda: true)),
    ]

    @Test(arguments: 0..<configurations.count)
    func denseContextTextsAgree(configuration index: Int) {
        let configuration = Self.configurations[index]
        let fast = Normalizer(configuration), reference = ReferenceNormalizer(configuration)
        var random = SplitMix64(seed: UInt64(index) &* 7919 &+ 1)
        var mismatches = 0
        for _ in 0..<400 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 2...12, using: &random) {
                let piece = Self.pieces.randomElement(using: &random)!
                let repeats = Bool.random(using: &random) ? 1 : Int.random(in: 1...40, using: &random)
                for _ in 0..<repeats { for c in piece { scalars.append(Unicode.Scalar(c)!) } }
            }
            let text = String(scalars)
            let a = Array(fast.normalize(text).utf8), b = Array(reference.normalize(text).utf8)
            if a != b {
                mismatches += 1
                if mismatches <= 3 {
                    Issue.record("\(text.unicodeScalars.map { String($0.value, radix: 16) })")
                }
            }
        }
        #expect(mismatches == 0)
    }
}
