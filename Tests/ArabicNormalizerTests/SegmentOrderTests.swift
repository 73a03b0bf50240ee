@testable import ArabicNormalizer
import Testing

/// A segment whose characters all pass the quick check but whose marks are out of canonical order
/// is normalized by sorting its marks by combining class (`CanonicalOrder.sortMarks`), not by ICU. The
/// sort is checked against ICU, its oracle, on random segments of every mark below U+20000.
@Suite("segment order") struct SegmentOrderTests {
    /// Every character with a combining class other than 0 below the property table's end.
    static let marks: [UInt32] = (0x300..<UInt32(PropertyTable.tableSize)).filter {
        Unicode.Scalar($0) != nil && PropertyTable.properties($0).combiningClass != 0
    }

    @Test(arguments: [ICU.Form.nfc, ICU.Form.nfkc])
    func sortedMarksEqualICU(form: ICU.Form) {
        let steps: StepSet = form == .nfkc ? StepSet([.unicode, .nfkc]) : StepSet([.unicode])
        let table = ActionTable.table(for: Configuration(preset: nil, steps: steps))
        let bases: [UInt32] = [0x628, 0x640, 0x627, 0x41, 0x20, 0x5D0, 0x915, 0x1100, 0xE01]
        var rng = SplitMix64(seed: 0x5E6_0DE5)
        var compared = 0, reordered = 0
        for _ in 0..<40_000 {
            var scalars = [bases[Int.random(in: 0..<bases.count, using: &rng)]]
            // Marks from a small window, so that many samples hold only quick-check "yes" marks.
            let from = Int.random(in: 0..<Self.marks.count, using: &rng)
            for _ in 0..<Int.random(in: 1...6, using: &rng) {
                let k = min(from + Int.random(in: 0..<12, using: &rng), Self.marks.count - 1)
                scalars.append(Self.marks[k])
            }
            let bytes = Array(String(String.UnicodeScalarView(scalars.compactMap(Unicode.Scalar.init))).utf8)
            // The contract: every character passes the quick check (none is ICU's).
            var allPass = true
            var j = 0
            bytes.withUnsafeBufferPointer { b in
                while j < b.count {
                    let (c, l) = UTF8Decoding.decode(b.baseAddress!, j, b.count)
                    if table.action(c, normalized: false) & ActionTable.kindMask == ActionTable.Kind.icu.rawValue { allPass = false }
                    j += l
                }
            }
            guard allPass else { continue }
            var sorted: [UInt8] = [], expected: [UInt8] = []
            let done = bytes.withUnsafeBufferPointer { b in
                ICU.normalize(b, form: form, into: &expected)
                return CanonicalOrder.sortMarks(b, into: &sorted, table.actions, table)
            }
            #expect(done, "\(scalars.map { String($0, radix: 16) })")
            #expect(sorted == expected, "\(scalars.map { String($0, radix: 16) })")
            compared += 1
            if sorted != bytes { reordered += 1 }
        }
        // The samples reach the contract often, and many of them are out of order.
        #expect(compared > 10_000 && reordered > 2_000, "compared \(compared), reordered \(reordered)")
    }

    /// The engine on Uthmani-style text (marks out of order on letters and on tatweel, open
    /// tanween, small high signs) equals the reference, under every preset.
    @Test func markedTextEqualsReference() {
        let text = "بِسْمِ ٱللَّهِ ٱلرَّحْمَٰنِ ذَٰلِكَ ٱلْكِتَٰبُ لَا رَيْبَ فِيهِ هُدًۭى لِّلْمُتَّقِينَ "
            + "كَـٰتِبٌ عَلِيمًۢا مِّنۢ بَعْدِ ٱلظَّـٰلِمِينَ ۝ يَـٰٓأَيُّهَا رَّبِّهِمْۖ وَأُو۟لَـٰٓئِكَ ٍّ ب\u{651}\u{64E}\u{8F0}\u{652}"
        for preset in Preset.allCases {
            let configuration = Configuration(preset: preset)
            #expect(Normalizer(configuration).normalize(text) == ReferenceNormalizer(configuration).normalize(text), "\(preset)")
        }
    }
}
