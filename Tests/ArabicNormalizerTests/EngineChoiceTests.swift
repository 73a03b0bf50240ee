import Testing
@testable import ArabicNormalizer

/// `Normalizer(_:engine:)`: the reference engine gives what `ReferenceNormalizer` gives, through
/// every entry point, and the fast engine agrees with it.
@Suite("engine choice")
struct EngineChoiceTests {
    static let text = "خـ.ـسائر فادحة  أَحْمَدُ ١٢٣٫٥ ﻻ"

    @Test(arguments: Preset.allCases)
    func referenceEngineIsTheReferencePath(preset: Preset) {
        let configuration = Configuration(preset: preset)
        let reference = Normalizer(configuration, engine: .reference)
        #expect(reference.engine == .reference)
        #expect(Normalizer(configuration).engine == .fast)
        let expected = ReferenceNormalizer(configuration).normalize(Self.text)
        #expect(Array(reference.normalize(Self.text).utf8) == Array(expected.utf8))
        #expect(reference.normalize(utf8: Array(Self.text.utf8)) == Array(expected.utf8))
        #expect(Normalizer(configuration).normalize(utf8: Array(Self.text.utf8)) == Array(expected.utf8))
        #expect(Normalizer(preset: preset, engine: .reference).normalize(Self.text) == expected)
    }

    @Test func referenceEngineCountsBytesAndIllFormedSequences() {
        var stats = NormalizationStats()
        var out: [UInt8] = []
        let input: [UInt8] = Array("ab ".utf8) + [0xFF, 0xE0, 0x80] + Array(" c".utf8)
        input.withUnsafeBytes { Normalizer(preset: .clean, engine: .reference).normalize(utf8: $0, appendingTo: &out, stats: &stats) }
        var fastStats = NormalizationStats()
        var fastOut: [UInt8] = []
        input.withUnsafeBytes { Normalizer(preset: .clean).normalize(utf8: $0, appendingTo: &fastOut, stats: &fastStats) }
        #expect(out == fastOut)
        #expect(stats.invalidSequences == fastStats.invalidSequences && stats.invalidSequences == 3)
        #expect(stats.firstInvalidOffset == 3)
        #expect(stats.bytesIn == input.count && stats.bytesOut == out.count)
    }

    @Test func referenceEngineOffsetsCoverTheWholeInput() {
        let result = Normalizer(preset: .standard, engine: .reference).normalizeWithOffsets("أَحمد")
        #expect(result.text == "احمد")
        #expect(result.utf8Ranges.count == 4 && result.utf8Ranges.allSatisfy { $0 == 0..<"أَحمد".utf8.count })
    }

    @Test func engineNamesParse() {
        #expect(NormalizationEngine(rawValue: "reference") == .reference)
        #expect(NormalizationEngine.allCases.map(\.rawValue) == ["fast", "reference"])
    }
}
