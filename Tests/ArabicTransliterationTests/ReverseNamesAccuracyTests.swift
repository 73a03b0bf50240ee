import Foundation
import Testing
import TestSupport
@testable import ArabicTransliteration

/// Exact-match accuracy of Latin → Arabic names on the reverse sets (Corpora/names), with the
/// lexicon and by the rules alone, held to floors a little under the measured figures
/// (`python3 Benchmarks/names/score_reverse.py` prints them in full).
@Suite("names scheme: Latin → Arabic accuracy")
struct ReverseNamesAccuracyTests {
    static func set(_ name: String) throws -> [VectorFile.Row] {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let path = root.appendingPathComponent("Corpora/names/\(name)").path
        return try VectorFile(path: path, columns: 4...4, minimumRows: 400).rows.filter { $0[0] != "latin" }
    }

    static func accuracy(_ rows: [VectorFile.Row], _ t: LatinNameTransliterator, origin: String?) -> (Double, Int) {
        let picked = rows.filter { origin == nil || ($0[3] == "arabic") == (origin == "arabic") }
        let right = picked.filter { row in row[1].split(separator: "|").contains { $0 == t.transliterate(row[0]) } }.count
        return (Double(right) / Double(max(1, picked.count)), picked.count)
    }

    @Test("accuracy floors", arguments: [
        // set, origin, with lexicon floor, rules-only floor
        ("reverse-dev.tsv", "arabic", 0.50, 0.15),
        ("reverse-dev.tsv", "foreign", 0.50, 0.25),
        ("reverse-test.tsv", "arabic", 0.50, 0.10),
        ("reverse-test.tsv", "foreign", 0.15, 0.15),
    ])
    func floors(set: String, origin: String, lexiconFloor: Double, rulesFloor: Double) throws {
        let rows = try Self.set(set)
        let (withLexicon, n) = Self.accuracy(rows, LatinNameTransliterator(), origin: origin)
        let (rulesOnly, _) = Self.accuracy(rows, LatinNameTransliterator(usesLexicon: false), origin: origin)
        print("reverse names \(set) origin=\(origin) n=\(n): exact \(withLexicon), rules only \(rulesOnly)")
        #expect(withLexicon >= lexiconFloor)
        #expect(rulesOnly >= rulesFloor)
    }
}
