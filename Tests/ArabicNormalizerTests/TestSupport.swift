import Foundation
import Testing
import TestSupport
@testable import ArabicNormalizer

/// One line of a vector file: a step or preset name, an input, the expected output.
struct Vector: CustomTestStringConvertible, Sendable {
    let name: String
    let input: String
    let expected: String
    let note: String
    let line: Int
    var testDescription: String { "\(name) line \(line): \(note)" }
}

enum TestData {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let repository = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    /// The rows of `Vectors/<file>` (step or preset, input, expected, note) through the shared
    /// loader: a missing file, an empty table, a malformed row or fewer than `minimumRows` rows
    /// fail the test that asked.
    static func vectors(_ file: String, minimumRows: Int) throws -> [Vector] {
        try VectorFile(file, columns: 4...4, minimumRows: minimumRows).rows.map {
            Vector(name: $0[0], input: $0[1], expected: $0[2], note: $0[3], line: $0.line)
        }
    }

    /// The news articles and the hand-written samples.
    static func corpusFiles() -> [URL] {
        var files: [URL] = []
        for folder in ["Corpora/news", "Corpora/samples"] {
            let dir = repository.appendingPathComponent(folder)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            files += names.filter { $0.hasSuffix(".txt") }.sorted().map { dir.appendingPathComponent($0) }
        }
        return files
    }

    static func corpusTexts() -> [String] {
        corpusFiles().compactMap { try? String(contentsOf: $0, encoding: .utf8) }
    }
}

/// A small deterministic random generator (SplitMix64) so property tests are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Random text drawn from what Arabic web text holds: letters, marks, tatweel, separators,
/// digits of three systems, spaces, line breaks, invisible characters, presentation forms, Latin.
enum RandomText {
    static let pieces: [String] = [
        "ا", "أ", "إ", "آ", "ٱ", "ب", "ت", "ة", "ث", "ج", "ح", "خ", "د", "ر", "س", "ع", "ف", "ق", "ك", "ل", "م",
        "ن", "ه", "و", "ؤ", "ي", "ى", "ئ", "ء", "ک", "ی", "ۀ", "ہ", "ے",
        "\u{064B}", "\u{064E}", "\u{064F}", "\u{0650}", "\u{0651}", "\u{0652}", "\u{0670}", "\u{0654}", "\u{0655}",
        "\u{0653}", "\u{06D6}", "\u{0300}",
        "ـ", "ـ", ".", ".", "؟", "،", ",", "*", "_", "-", "…", ":", "%", "٪", "«", "»",
        "0", "1", "2", "5", "٠", "١", "٥", "۴", "٫", "٬",
        " ", " ", " ", "\u{00A0}", "\t", "\n", "\r\n", "\u{2009}",
        "\u{200B}", "\u{200C}", "\u{200D}", "\u{200F}", "\u{FEFF}", "\u{00AD}",
        "ﻻ", "ﷲ", "ﻷ", "ﺑ", "ﷺ",
        "a", "b", "Z", "é", "e\u{0301}", "😀", "Б",
    ]

    static func make(_ rng: inout SplitMix64, length: Int) -> String {
        var s = ""
        for _ in 0..<length { s += pieces[Int(rng.next() % UInt64(pieces.count))] }
        return s
    }
}
