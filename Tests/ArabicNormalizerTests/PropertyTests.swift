import Foundation
import Testing
@testable import ArabicNormalizer

private func randomTexts(seed: UInt64, count: Int, length: Int) -> [String] {
    var rng = SplitMix64(seed: seed)
    return (0..<count).map { _ in RandomText.make(&rng, length: Int(rng.next() % UInt64(length)) + 1) }
}

@Test("idempotent on random and corpus text", arguments: Preset.allCases)
func idempotence(_ preset: Preset) {
    let n = Normalizer(preset: preset)
    for text in randomTexts(seed: 1, count: 1500, length: 40) + TestData.corpusTexts() {
        let once = n.normalize(text)
        let twice = n.normalize(once)
        #expect(Array(twice.utf8) == Array(once.utf8), "input: \(text.unicodeScalars.map { String($0.value, radix: 16) })")
        if !twice.utf8.elementsEqual(once.utf8) { return }
    }
}

@Test("idempotent for every single step", arguments: Step.allCases)
func idempotenceSingleStep(_ step: Step) {
    let n = Normalizer(Configuration(preset: nil, steps: StepSet([step, .unicode])))
    for text in randomTexts(seed: 2, count: 400, length: 30) {
        let once = n.normalize(text)
        #expect(Array(n.normalize(once).utf8) == Array(once.utf8), "input: \(text.unicodeScalars.map { String($0.value, radix: 16) })")
    }
}

@Test("fast path equals the ICU reference path", arguments: Preset.allCases)
func differential(_ preset: Preset) {
    let fast = Normalizer(preset: preset)
    let reference = ReferenceNormalizer(fast.configuration)
    for text in randomTexts(seed: 3, count: 1500, length: 40) + TestData.corpusTexts() {
        let a = fast.normalize(text), b = reference.normalize(text)
        // Bytes, not String ==: canonical equivalence would hide a difference in mark order.
        #expect(Array(a.utf8) == Array(b.utf8), "input: \(text.unicodeScalars.map { String($0.value, radix: 16) })")
        if !a.utf8.elementsEqual(b.utf8) { return }
    }
}

@Test("valid UTF-8 out for any bytes in", arguments: Preset.allCases)
func anyBytes(_ preset: Preset) {
    let n = Normalizer(preset: preset)
    var rng = SplitMix64(seed: 4)
    for _ in 0..<2000 {
        let length = Int(rng.next() % 24)
        var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        if rng.next() % 2 == 0 {  // mix in valid Arabic so both paths meet
            bytes += Array("خـ.ـسائر ١٢".utf8)
            bytes.shuffle(using: &rng)
        }
        let out = n.normalize(utf8: bytes)
        let decoded = String(decoding: out, as: UTF8.self)
        #expect(Array(decoded.utf8) == out, "not valid UTF-8 for input \(bytes)")
        // Same as normalizing what Swift decodes (ill-formed sequences → U+FFFD the same way).
        #expect(decoded == n.normalize(String(decoding: bytes, as: UTF8.self)), "input \(bytes)")
    }
}

@Test func invalidSequencesAreCountedAndLocated() {
    let n = Normalizer(preset: .clean)
    var out: [UInt8] = []
    var stats = NormalizationStats()
    let bytes: [UInt8] = Array("سلام ".utf8) + [0xFF] + Array(" و".utf8) + [0xED, 0xA0, 0x80]
    bytes.withUnsafeBytes { n.normalize(utf8: $0, appendingTo: &out, stats: &stats) }
    #expect(String(decoding: out, as: UTF8.self) == "سلام \u{FFFD} و\u{FFFD}\u{FFFD}\u{FFFD}")
    #expect(stats.invalidSequences == 4)
    #expect(stats.firstInvalidOffset == 9)
}

@Test("ASCII text already tidy is untouched by clean")
func asciiUntouched() {
    let n = Normalizer(preset: .clean)
    var rng = SplitMix64(seed: 5)
    for _ in 0..<2000 {
        let length = Int(rng.next() % 60) + 1
        var s = String((0..<length).map { _ in Character(Unicode.Scalar(UInt8(32 + rng.next() % 95))) })
        // Tidy spacing: the whitespace step would collapse runs and trim lines.
        while s.contains("  ") { s = s.replacingOccurrences(of: "  ", with: " ") }
        s = s.trimmingCharacters(in: .whitespaces)
        #expect(n.normalize(s) == s)
    }
    #expect(n.normalize("Hello, world!\nLine 2: 1.2 + 14.5 = 15.7 (100%)") == "Hello, world!\nLine 2: 1.2 + 14.5 = 15.7 (100%)")
}

@Test("N lines in, N lines out", arguments: Preset.allCases)
func lineCount(_ preset: Preset) {
    let n = Normalizer(preset: preset)
    for text in randomTexts(seed: 6, count: 500, length: 60) + TestData.corpusTexts() {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(n.normalize(text).split(separator: "\n", omittingEmptySubsequences: false).count == lines)
    }
}

@Test("numbers are never broken", arguments: Preset.allCases)
func numbersKept(_ preset: Preset) {
    let n = Normalizer(preset: preset)
    var rng = SplitMix64(seed: 7)
    for _ in 0..<300 {
        let number = ["1.2", "14.5", "6,077", "91%", "2019-2020", "10:30", "3.14159"][Int(rng.next() % 7)]
        let left = ["", "بلغ ", "(", "خـ.ـسائر ", "«", "نحو "][Int(rng.next() % 6)]
        let right = ["", " مليون", ")", "،", ".", "»", " "][Int(rng.next() % 7)]
        let out = n.normalize(left + number + right)
        #expect(out.contains(number), "\(left + number + right) → \(out)")
    }
}

@Test func newsSampleIsFullyDeobfuscated() throws {
    let url = TestData.repository.appendingPathComponent("Corpora/news/002_912fbafef7bfc2d5.txt")
    let text = try String(contentsOf: url, encoding: .utf8)
    var out: [UInt8] = []
    var stats = NormalizationStats()
    Array(text.utf8).withUnsafeBytes { Normalizer(preset: .clean).normalize(utf8: $0, appendingTo: &out, stats: &stats) }
    let result = String(decoding: out, as: UTF8.self)
    #expect(stats.wordsDeobfuscated == 49)
    #expect(!result.contains("ـ"))
    // No separator is left between two Arabic letters.
    let scalars = Array(result.unicodeScalars)
    for k in 1..<(scalars.count - 1) where [".", "؟"].contains(scalars[k]) {
        let isArabic = { (s: Unicode.Scalar) in (0x0621...0x064A).contains(s.value) }
        #expect(!(isArabic(scalars[k - 1]) && isArabic(scalars[k + 1])), "left: \(String(String.UnicodeScalarView(scalars[max(0, k - 10)..<min(scalars.count, k + 10)])))")
    }
    for word in ["خسائر", "الثورية", "تعرضت", "دبابات", "بخسائرها", "هجوم"] {
        #expect(result.contains(word))
    }
    #expect(result.contains("100 عنصر"))
}

@Test func bytesAndStringEntryPointsAgree() {
    let n = Normalizer(preset: .search)
    for text in TestData.corpusTexts() {
        #expect(String(decoding: n.normalize(utf8: Array(text.utf8)), as: UTF8.self) == n.normalize(text))
    }
}

/// Per-thread buffers are reused between calls: results stay right when calls alternate between
/// short and long inputs and run on several threads at once.
@Test func bufferReuseAcrossCallsAndThreads() async {
    let n = Normalizer(preset: .standard)
    let long = String(repeating: "خـ.ـسائر هجومٍ ١٢٣ ", count: 20_000)
    let expectedLong = String(repeating: "خسائر هجوم 123 ", count: 20_000).dropLast()
    await withTaskGroup(of: Bool.self) { group in
        for t in 0..<4 {
            group.addTask {
                var ok = true
                for k in 0..<50 {
                    if (k + t) % 7 == 0 {
                        ok = ok && n.normalize(long) == String(expectedLong)
                    } else {
                        ok = ok && n.normalize("إدلب \(k)") == "ادلب \(k)"
                    }
                }
                return ok
            }
        }
        for await ok in group { #expect(ok) }
    }
}

/// The property table, filled by ranges of equal values (`cicu_fill_properties`), holds for every
/// code point below U+20000 what one ICU lookup per code point and property says.
@Test func propertyTableMatchesPerCodePointLookups() {
    var mismatches: [String] = []
    for c in 0..<UInt32(PropertyTable.tableSize) {
        let bulk = PropertyTable.table[Int(c)], single = CharacterProperties(c)
        if bulk.flags != single.flags || bulk.combiningClass != single.combiningClass
            || bulk.category != single.category || bulk.digitValue != single.digitValue {
            mismatches.append(String(c, radix: 16, uppercase: true))
        }
    }
    #expect(mismatches.isEmpty, "U+\(mismatches.prefix(20).joined(separator: ", U+")) (\(mismatches.count) in all)")
    // Spot checks of what the steps rely on.
    #expect(PropertyTable.table[0x0628].has(CharacterProperties.Flag.arabicScript)
            && !PropertyTable.table[0x0640].has(CharacterProperties.Flag.arabicScript))   // tatweel: Common
    #expect(PropertyTable.table[0x200C].has(CharacterProperties.Flag.joinControl))
    #expect(PropertyTable.table[0x0663].digitValue == 3 && PropertyTable.table[0x0651].combiningClass == 33)
}
