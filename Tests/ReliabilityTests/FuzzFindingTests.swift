import Testing
import ArabicNormalizer

// One test per crash or mismatch the fuzz targets found (Fuzz/findings.md), named after what broke,
// with the minimal input. A finding the owner has not fixed yet is wrapped in `withKnownIssue` so the
// suite stays green; the wrapper goes when the fix lands.

private func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

/// Finding 1 (differential target): `ReferenceNormalizer.normalize` stops as soon as a pass gives a
/// string that is `==` to its input, and Swift's `String ==` is canonical equivalence, so a pass that
/// only puts marks in canonical order (U+064F U+064E → U+064E U+064F) is thrown away and the
/// reference returned text that is not NFC. The fast path was right. Fixed in 7b45383.
@Test func referenceNormalizerKeepsCanonicalReordering() {
    let input = "\u{064F}\u{064E}"  // damma (ccc 31), fatha (ccc 30)
    let configuration = Configuration(preset: .clean)
    #expect(scalars(Normalizer(configuration).normalize(input)) == [0x064E, 0x064F])
    #expect(scalars(ReferenceNormalizer(configuration).normalize(input)) == [0x064E, 0x064F])
    #expect(scalars(ReferenceNormalizer(configuration).normalize("a\u{064F}\u{064E}")) == [0x61, 0x064E, 0x064F])
    // Same with only the unicode step, and with NFKC.
    for steps in [StepSet([.unicode]), StepSet([.unicode, .nfkc])] {
        let c = Configuration(preset: nil, steps: steps)
        #expect(scalars(ReferenceNormalizer(c).normalize(input)) == [0x064E, 0x064F], "\(steps)")
        #expect(Normalizer(c).normalize(utf8: Array(input.utf8)) == Array(ReferenceNormalizer(c).normalize(input).utf8))
    }
}
