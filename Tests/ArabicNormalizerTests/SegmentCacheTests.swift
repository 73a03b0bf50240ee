@testable import ArabicNormalizer
import Testing

/// ICU's results for short segments are kept per thread (`SegmentCache`): a hit must be exactly
/// what ICU returns, for the form asked.
@Suite("segment cache") struct SegmentCacheTests {
    /// NFC and NFKC normalizers on one thread, alternately, on the same characters: `…` and NBSP
    /// change under NFKC only, so a key without the form would hand one the other's result.
    @Test func formsDoNotShareResults() {
        let nfkc = Normalizer(Configuration(preset: nil, steps: StepSet([.unicode, .nfkc])))
        let nfc = Normalizer(Configuration(preset: nil, steps: StepSet([.unicode])))
        let text = "قال\u{A0}نعم… ﻻ ﷲ"
        // An isolated-form alef with madda above: both forms send it to ICU (the mark may
        // combine), NFC leaves it, NFKC composes آ.
        let both = "ب\u{FE8D}\u{653}ب"
        for _ in 0..<3 {
            #expect(nfkc.normalize(text) == "قال نعم... لا الله")
            #expect(nfc.normalize(text) == text)
            #expect(nfc.normalize(both) == both)
            #expect(nfkc.normalize(both) == "بآب")
        }
    }

    /// Many distinct short segments (more than the cache's 256 entries: presentation forms,
    /// ligatures, compatibility characters), twice: every result equals ICU's, hit or miss.
    @Test func everyResultEqualsICU() {
        let normalizer = Normalizer(Configuration(preset: nil, steps: StepSet([.unicode, .nfkc])))
        let scalars = (0xFB50...0xFDFF).compactMap(Unicode.Scalar.init) + (0xFE70...0xFEFC).compactMap(Unicode.Scalar.init)
            + (0x2000...0x206F).compactMap(Unicode.Scalar.init) + (0xFF01...0xFF5E).compactMap(Unicode.Scalar.init)
        for _ in 0..<2 {
            for scalar in scalars {
                let text = "ب" + String(Character(scalar)) + "ب"
                #expect(normalizer.normalize(text) == ICU.normalize(text, form: .nfkc), "U+\(String(scalar.value, radix: 16))")
            }
        }
    }

    @Test func keysHoldTheBytesTheirLengthAndTheForm() {
        let a: [UInt8] = [0xC2, 0xA0], b: [UInt8] = [0xC2, 0xA0, 0x00]
        let ka = a.withUnsafeBufferPointer { SegmentCache.key($0, form: .nfkc) }
        let kb = b.withUnsafeBufferPointer { SegmentCache.key($0, form: .nfkc) }
        let kc = a.withUnsafeBufferPointer { SegmentCache.key($0, form: .nfc) }
        #expect(ka != nil && kb != nil && kc != nil)
        #expect(ka!.input == kb!.input && ka!.meta != kb!.meta)    // same bytes, another length
        #expect(ka!.input == kc!.input && ka!.meta != kc!.meta)    // same bytes, another form
        let long = [UInt8](repeating: 0x41, count: 9)
        #expect(long.withUnsafeBufferPointer { SegmentCache.key($0, form: .nfkc) } == nil)
    }
}
