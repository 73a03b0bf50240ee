import ArabicNormalizer
import Foundation

/// The run report (`--report FILE`, `--stats`): what ran, on what, how fast, and what changed.
struct RunReport: Encodable {
    /// Counts for one file (and for the whole run).
    struct Totals: Encodable {
        var files = 0
        var lines = 0
        var records = 0
        var bytesIn = 0
        var bytesOut = 0
        /// Changes per step (`diacritics`: marks removed, `digits`: digits converted, …).
        var changes: [String: Int] = [:]
        var wordsDeobfuscated = 0
        var invalidSequencesReplaced = 0
        /// Lines or records left out (`--invalid skip`) or copied unchanged because they were
        /// not valid JSON / had the wrong number of columns.
        var badRecords = 0
        var linesSkipped = 0
        /// `--in-place`: files whose normalized bytes equal their bytes, left as they were.
        var filesUnchanged = 0
        /// Several inputs to one output: line breaks added after a file that did not end with one.
        var lineBreaksAdded = 0

        mutating func add(_ stats: NormalizationStats) {
            for (k, v) in stats.changes { changes[k, default: 0] += v }
            wordsDeobfuscated += stats.wordsDeobfuscated
            bytesIn += stats.bytesIn
            bytesOut += stats.bytesOut
        }

        mutating func add(_ other: Totals) {
            files += other.files
            lines += other.lines
            records += other.records
            bytesIn += other.bytesIn
            bytesOut += other.bytesOut
            for (k, v) in other.changes { changes[k, default: 0] += v }
            wordsDeobfuscated += other.wordsDeobfuscated
            invalidSequencesReplaced += other.invalidSequencesReplaced
            badRecords += other.badRecords
            linesSkipped += other.linesSkipped
            filesUnchanged += other.filesUnchanged
            lineBreaksAdded += other.lineBreaksAdded
        }
    }

    /// One processed input.
    struct FileEntry: Encodable {
        var path: String
        var output: String?
        var format: String
        var totals: Totals
        var error: String?
        /// The encoding the input was read in, and whether it had a byte order mark.
        var encoding: String?
        var byteOrderMark: Bool?
        /// `--in-place`: whether the file was left as it was, and the encoding it was written in.
        var unchanged: Bool?
        var outputEncoding: String?
        /// `--in-place`: the other hard links of a rewritten file, which keep its old text.
        var otherHardLinks: Int?
    }

    var tool = "arnorm"
    var version = ToolkitVersion.string
    var command: String
    /// The resolved configuration (`normalize`: preset, steps, options, as `--config` reads it).
    var configuration: AnyEncodable?
    var invalidPolicy: String
    var jobs: Int
    var totals = Totals()
    var seconds = 0.0
    var megabytesPerSecond = 0.0
    var errors = 0
    /// True when the output was a pipe its reader closed (`| head`): the run stopped there, and
    /// the totals count the files written whole. Absent otherwise.
    var outputClosed: Bool?
    /// `--field` / `--column` names never found in any input.
    var fieldsNeverFound: [String] = []
    var files: [FileEntry] = []

    /// Pretty JSON with sorted keys.
    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

/// Any `Encodable` value, for the configuration part of the report.
struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ value: any Encodable) { self.value = value }
    func encode(to encoder: Encoder) throws { try value.encode(to: encoder) }
}
