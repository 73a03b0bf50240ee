import Foundation
import Testing
import TestSupport
@testable import ArabicNumerals

/// Words → digits accuracy per family (MSA, dialect, decimals, percentages, negatives, big scales,
/// fractions with and without the option) on
/// the development split (every row must pass) and the test split (written apart and not tuned on:
/// at least 95% overall and 80% per family). The accuracy per family is printed on standard error.
@Suite struct FamilyAccuracyTests {
    static func parser(_ flags: String) -> NumberWordsParser {
        var dialect = Dialect.auto
        for f in flags.split(separator: ",") where f.hasPrefix("dialect=") {
            dialect = Dialect(rawValue: String(f.dropFirst("dialect=".count))) ?? .auto
        }
        return NumberWordsParser(options: NumberWordsOptions(
            ordinals: flags.contains("ordinals"), fractions: flags.contains("fractions"), dialect: dialect))
    }

    /// Runs a split; returns (family → (right, total)) and the failures.
    static func run(_ file: String, minimumRows: Int) throws -> ([String: (Int, Int)], [String]) {
        var score: [String: (Int, Int)] = [:]
        var failures: [String] = []
        for row in try VectorFile(file, columns: 3...4, minimumRows: minimumRows).rows {
            let got = parser(row.optional(3)).replacingNumberWords(in: row[1])
            let ok = got == row[2]
            let (r, t) = score[row[0], default: (0, 0)]
            score[row[0]] = (r + (ok ? 1 : 0), t + 1)
            if !ok { failures.append("\(row) → \(got)") }
        }
        let table = score.keys.sorted().map { k in "\(k) \(score[k]!.0)/\(score[k]!.1)" }.joined(separator: ", ")
        FileHandle.standardError.write(Data("accuracy \(file): \(table)\n".utf8))
        return (score, failures)
    }

    static let families: Set = ["msa", "dialect", "decimals", "percentages", "negatives", "bigscales", "fractions"]

    @Test func developmentSplit() throws {
        let (score, failures) = try Self.run("families-dev.tsv", minimumRows: 90)
        #expect(Set(score.keys) == Self.families, "every family has rows")
        for (family, (_, total)) in score { #expect(total >= 6, "\(family) has \(total) rows") }
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    @Test func testSplit() throws {
        let (score, failures) = try Self.run("families-test.tsv", minimumRows: 60)
        #expect(Set(score.keys) == Self.families, "every family has rows")
        let right = score.values.map(\.0).reduce(0, +), total = score.values.map(\.1).reduce(0, +)
        #expect(Double(right) >= 0.95 * Double(total), "\(right)/\(total): \(failures.joined(separator: "\n"))")
        for (family, (r, t)) in score {
            #expect(t >= 6, "\(family) has \(t) rows")
            #expect(Double(r) >= 0.8 * Double(t), "\(family) \(r)/\(t): \(failures.joined(separator: "\n"))")
        }
    }
}
