import Testing
@testable import ArabicNormalizer

private func check(_ n: Normalizer, _ input: String) {
    let r = n.normalizeWithOffsets(input)
    #expect(r.text == n.normalize(input))
    #expect(r.scalarRanges.count == r.text.unicodeScalars.count)
    let inScalars = Array(input.unicodeScalars)
    var previous = 0..<0
    for range in r.scalarRanges {
        #expect(range.lowerBound >= 0 && range.upperBound <= inScalars.count)
        #expect(range.lowerBound >= previous.lowerBound && range.upperBound >= previous.upperBound, "non-decreasing")
        previous = range
    }
}

@Test func offsetsOfDeletionsJoinsAndExpansions() {
    let n = Normalizer(preset: .standard)
    let r = n.normalizeWithOffsets("خـ.ـسائر هجومٍ ﷲ")
    #expect(r.text == "خسائر هجوم الله")
    let out = Array(r.text.unicodeScalars)
    #expect(out.count == r.scalarRanges.count)
    #expect(r.scalarRanges[0] == 0..<1)     // خ
    #expect(r.scalarRanges[1] == 4..<5)     // س after ـ.ـ
    #expect(r.scalarRanges[5] == 8..<9)     // the space
    #expect(r.scalarRanges[9] == 12..<13)   // م (its tanween is deleted)
    // The four letters of الله all come from the one ligature.
    for k in 11..<15 { #expect(r.scalarRanges[k] == 15..<16) }
    #expect(r.utf8Ranges[0] == 0..<2)
}

@Test func unchangedCharactersMapToThemselves() {
    let r = Normalizer(preset: .clean).normalizeWithOffsets("abc مرحبا")
    #expect(r.scalarRanges == (0..<9).map { $0..<($0 + 1) })
}

@Test func wholeOutputWordMapsToWholeInputWord() {
    let input = "قال خـ.ـسائر مرحباااا"
    let r = Normalizer(preset: .standard, enabling: [.elongation]).normalizeWithOffsets(input)
    let words = r.text.split(separator: " ")
    #expect(words == ["قال", "خسائر", "مرحبا"])
    let inputWords = input.split(separator: " ").map(String.init)
    var k = 0
    let inScalars = Array(input.unicodeScalars)
    for (w, word) in words.enumerated() {
        let count = word.unicodeScalars.count
        let lower = r.scalarRanges[k].lowerBound, upper = r.scalarRanges[k + count - 1].upperBound
        #expect(String(String.UnicodeScalarView(inScalars[lower..<upper])) == inputWords[w])
        k += count + 1
    }
}

@Test("offset properties on random and corpus input", arguments: Preset.allCases)
func offsetProperties(_ preset: Preset) {
    let n = Normalizer(preset: preset)
    var rng = SplitMix64(seed: 11)
    for _ in 0..<300 { check(n, RandomText.make(&rng, length: 30)) }
    for text in TestData.corpusTexts() { check(n, text) }
}
