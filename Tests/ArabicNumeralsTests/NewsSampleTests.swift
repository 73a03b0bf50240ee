import Foundation
import Testing
import TestSupport
@testable import ArabicNumerals

/// The number expressions of the news sample (Corpora/news), listed by hand in
/// Vectors/news-expressions.tsv: each must be converted, and nothing else may be.
@Suite struct NewsSampleTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Corpora/news").standardized

    static func article(_ name: String) -> String? {
        try? String(contentsOf: corpus.appendingPathComponent(name), encoding: .utf8)
    }

    @Test func everyListedExpressionIsConvertedAndNothingElse() throws {
        let rows = try VectorFile("news-expressions.tsv", columns: 5...5, minimumRows: 20).rows
        let parser = NumberWordsParser()
        var byFile: [String: [VectorFile.Row]] = [:]
        for row in rows { byFile[row[0], default: []].append(row) }
        for (file, expected) in byFile {
            let text = try #require(Self.article(file), "missing \(file)")
            let matches = parser.parse(text)
            let converted = expected.filter { $0[3] == "yes" }
            #expect(matches.map(\.text) == converted.map { $0[1] }, "\(file)")
            #expect(matches.map { $0.value.description } == converted.map { $0[2] }, "\(file)")
            let output = parser.replacingNumberWords(in: text)
            for row in expected where row[3] == "no" {
                #expect(output.contains(row[1]), "\(file): \(row[1]) should stay")
            }
        }
    }
}
