import Foundation
import Testing
@testable import ArabicNormalizer

// (Outputs are compared as UTF-8 bytes throughout: Swift's `String ==` holds for canonically
// equivalent strings, so it would not see marks left out of canonical order.)

/// Every step alone, from `Vectors/steps.tsv`.
@Test("step vectors", arguments: try TestData.vectors("steps.tsv", minimumRows: 70))
func stepVector(_ v: Vector) throws {
    let step = try #require(Step(name: v.name), "unknown step \(v.name)")
    let normalizer = Normalizer(Configuration(preset: nil, steps: StepSet([step])))
    #expect(Array(normalizer.normalize(v.input).utf8) == Array(v.expected.utf8), "\(v.note)")
}

/// Presets, from `Vectors/presets.tsv` (the Lucene filter tests among them).
@Test("preset vectors", arguments: try TestData.vectors("presets.tsv", minimumRows: 45))
func presetVector(_ v: Vector) throws {
    let preset = try #require(Preset(rawValue: v.name), "unknown preset \(v.name)")
    #expect(Array(Normalizer(preset: preset).normalize(v.input).utf8) == Array(v.expected.utf8), "\(v.note)")
    // The reference agrees, and the output is a fixed point.
    #expect(Array(ReferenceNormalizer(Configuration(preset: preset)).normalize(v.input).utf8) == Array(v.expected.utf8),
            "reference: \(v.note)")
    #expect(Normalizer(preset: preset).normalize(v.expected) == v.expected, "idempotence: \(v.note)")
}

@Test func everyStepHasVectorsOfItsOwn() throws {
    let named = Set(try TestData.vectors("steps.tsv", minimumRows: 70).map(\.name))
    for step in Step.allCases where step != .nfkc {
        #expect(named.contains(step.rawValue), "no vector for \(step.rawValue)")
    }
}

@Test func nfkcStepExpandsPresentationForms() {
    let nfkc = Normalizer(Configuration(preset: nil, steps: StepSet([.unicode, .nfkc])))
    #expect(nfkc.normalize("ﻻ ﷲ ﻷ") == "لا الله لأ")
    // What users may not want: the honorific ligature becomes a whole phrase; digits are not converted.
    #expect(nfkc.normalize("ﷺ").unicodeScalars.count == 18)
    #expect(nfkc.normalize("١٢٣") == "١٢٣")
}

@Test func diacriticsOptions() {
    let keepShadda = Normalizer(Configuration(preset: nil, steps: StepSet([.diacritics]),
                                              options: .init(keepShadda: true)))
    #expect(keepShadda.normalize("مُحَمَّد") == "محمّد")
    let alef = Normalizer(Configuration(preset: nil, steps: StepSet([.diacritics]),
                                        options: .init(superscriptAlefToAlef: true)))
    #expect(alef.normalize("الرَّحْمَٰنِ") == "الرحمان")
    #expect(alef.normalize("هَٰذَا") == "هاذا")
}

@Test func stepNamesParse() {
    #expect(Step(name: "alef-maksura") == .alefMaksura)
    #expect(Step(name: "alef_maksura") == .alefMaksura)
    #expect(Step(name: "tehMarbuta") == .tehMarbuta)
    #expect(Step(name: "nope") == nil)
    #expect(Preset.standard.steps.contains(.nfkc))
    #expect(!Preset.clean.steps.contains(.diacritics))
    #expect(Preset.search.steps.isSuperset(of: Preset.standard.steps))
}

@Test func configurationOverrides() {
    let c = Configuration(preset: .standard, enabling: [.tehMarbuta], disabling: [.digits, .tehMarbuta])
    #expect(c.steps.contains(.diacritics))
    #expect(!c.steps.contains(.digits))
    #expect(!c.steps.contains(.tehMarbuta), "disabling wins")
}

/// The corpora normalized by each preset, compared with outputs reviewed by eye
/// (`Expected/<preset>/<file>`). To refresh after an intended change: regenerate with
/// `arnorm normalize --preset P FILE > Tests/ArabicNormalizerTests/Expected/P/FILE`, review the diff.
@Test("corpus outputs match the reviewed expectations", arguments: Preset.allCases)
func corpusExpectations(_ preset: Preset) throws {
    let files = TestData.corpusFiles()
    #expect(files.count >= 12)
    for file in files {
        let expectedURL = TestData.testsDirectory.appendingPathComponent("Expected/\(preset.rawValue)/\(file.lastPathComponent)")
        let expected = try String(contentsOf: expectedURL, encoding: .utf8)
        let input = try String(contentsOf: file, encoding: .utf8)
        #expect(Array(Normalizer(preset: preset).normalize(input).utf8) == Array(expected.utf8), "\(file.lastPathComponent)")
    }
}

/// Fuzz finding 2: the table cache grew by about 1 MiB per configuration ever asked for.
@Test func tableCacheIsBounded() {
    for bits in 0..<40 {
        let steps = StepSet(rawValue: UInt32(bits) << 6 | 0b11)  // unicode, nfkc + varying steps
        _ = Normalizer(Configuration(preset: nil, steps: steps)).normalize("مرحبا")
    }
    #expect(ActionTable.cachedConfigurations <= ActionTable.cacheLimit)
}

/// Fuzz finding 1: the reference path compared passes with String == (canonical equivalence)
/// and so returned marks out of canonical order.
@Test func referenceKeepsCanonicalReordering() {
    let input = "\u{064F}\u{064E}"  // damma, fatha: fatha (ccc 30) sorts first
    let expected: [UInt8] = Array("\u{064E}\u{064F}".utf8)
    let config = Configuration(preset: .clean)
    #expect(Array(ReferenceNormalizer(config).normalize(input).utf8) == expected)
    #expect(Array(Normalizer(config).normalize(input).utf8) == expected)
}

@Test func configurationJSONRoundTripAndDefaults() throws {
    let c = Configuration(preset: .search, enabling: [], disabling: [.hamza], options: .init(keepShadda: true))
    let data = try JSONEncoder().encode(c)
    #expect(try JSONDecoder().decode(Configuration.self, from: data) == c)
    let partial = try JSONDecoder().decode(Configuration.self, from: Data(#"{"preset":"clean","options":{"keepShadda":true}}"#.utf8))
    #expect(partial.steps == Preset.clean.steps)
    #expect(partial.options.keepShadda && !partial.options.superscriptAlefToAlef)
    #expect(throws: DecodingError.self) {
        try JSONDecoder().decode(Configuration.self, from: Data(#"{"steps":["nope"]}"#.utf8))
    }
    // A key neither the configuration nor its options know is refused, not ignored.
    #expect(throws: DecodingError.self) {
        try JSONDecoder().decode(Configuration.self, from: Data(#"{"preset":"search","disable":["digits"]}"#.utf8))
    }
    #expect(throws: DecodingError.self) {
        try JSONDecoder().decode(Configuration.self, from: Data(#"{"preset":"search","options":{"keep_shadda":true}}"#.utf8))
    }
}
