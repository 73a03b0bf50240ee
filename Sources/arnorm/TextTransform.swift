import ArabicNormalizer
import Foundation

/// What the corpus pipeline does to text: to chunks of whole lines (text format), to JSON string
/// fields (jsonl) and to cells (csv, tsv). `normalize`, and later `translit` and `numerals`, plug
/// into the same inputs, formats, outputs and `--jobs` through it.
///
/// Implementations must be thread-safe: one value is used from every worker at once.
protocol TextTransform: Sendable {
    /// Transforms `input` (UTF-8, possibly ill-formed; its end ends a line), appends the result to
    /// `output` and adds what changed to `stats` (ill-formed sequences in `invalidSequences`, the
    /// first one's offset in `firstInvalidOffset`).
    func apply(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8], stats: inout NormalizationStats)

    /// Whether a very long line may be cut at a space between two letters and its pieces
    /// transformed separately with the same result (see `LineBoundary`). False by default.
    var splitsLongLinesAtSpaces: Bool { get }
}

extension TextTransform {
    var splitsLongLinesAtSpaces: Bool { false }
}

/// The library's normalizer: one pass over the bytes, no `String`.
struct NormalizerTransform: TextTransform {
    let normalizer: Normalizer

    func apply(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8], stats: inout NormalizationStats) {
        normalizer.normalize(utf8: input, appendingTo: &output, stats: &stats)
    }

    /// Not with `html`: a tag's attributes hold spaces.
    var splitsLongLinesAtSpaces: Bool { !normalizer.configuration.steps.contains(.html) }
}

/// A `(String) -> String` function applied to every line; line breaks (`\n`, `\r\n`) are kept.
/// Ill-formed UTF-8 becomes U+FFFD and is counted.
struct LineFunctionTransform: TextTransform {
    /// The per-line function (without the line break).
    let function: @Sendable (String) -> String
    /// The name under which lines it changed are counted in `stats.changes` (nil: not counted).
    var stepName: String?

    func apply(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8], stats: inout NormalizationStats) {
        stats.bytesIn += input.count
        let start = output.count
        var lineStart = 0
        let n = input.count
        while lineStart < n {
            var end = lineStart
            while end < n && input[end] != 0x0A { end += 1 }
            var contentEnd = end
            if contentEnd > lineStart && input[contentEnd - 1] == 0x0D { contentEnd -= 1 }
            let line = UnsafeRawBufferPointer(rebasing: input[lineStart..<contentEnd])
            if let bad = UTF8Validation.firstInvalid(in: line) {
                stats.invalidSequences += UTF8Validation.countInvalid(in: line)
                if stats.firstInvalidOffset == nil { stats.firstInvalidOffset = lineStart + bad }
            }
            let text = String(decoding: line, as: UTF8.self)
            let result = function(text)
            if let stepName, result != text { stats.changes[stepName, default: 0] += 1 }
            output.append(contentsOf: result.utf8)
            output.append(contentsOf: UnsafeRawBufferPointer(rebasing: input[contentEnd..<min(end + 1, n)]))
            lineStart = end + 1
        }
        stats.bytesOut += output.count - start
    }
}

/// Two transforms, one after the other.
struct ChainedTransform: TextTransform {
    let first: any TextTransform
    let second: any TextTransform

    func apply(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8], stats: inout NormalizationStats) {
        var middle: [UInt8] = []
        middle.reserveCapacity(input.count + input.count / 8)
        var firstStats = NormalizationStats()
        first.apply(input, appendingTo: &middle, stats: &firstStats)
        var secondStats = NormalizationStats()
        middle.withUnsafeBytes { second.apply($0, appendingTo: &output, stats: &secondStats) }
        // The second pass sees U+FFFD, not ill-formed bytes; keep the first pass's byte counts in.
        secondStats.bytesIn = 0
        firstStats.bytesOut = 0
        firstStats.add(secondStats)
        stats.add(firstStats)
        if stats.firstInvalidOffset == nil { stats.firstInvalidOffset = firstStats.firstInvalidOffset }
    }
}

extension CorpusRunner {
    /// Runs a per-line `(String) -> String` function over the inputs of `io` — files, trees,
    /// stdin, jsonl fields, csv columns, `-o`/`--output-dir`/`--in-place`, `--jobs`, `--invalid`,
    /// `--report` — the way `normalize` runs the normalizer. For `translit` and `numerals`:
    ///
    ///     @OptionGroup var io: IOOptions          // instead of @Argument var files
    ///     func run() throws { try CorpusRunner.runLines(io: io, command: "translit", makeLineTransform()) }
    static func runLines(io: IOOptions, command: String, configuration: (any Encodable)? = nil,
                         _ function: @escaping @Sendable (String) -> String) throws {
        let transform = LineFunctionTransform(function: function, stepName: command)
        try CorpusRunner(io: io, transform: transform, command: command, configuration: configuration).run()
    }
}
