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

/// UTF-8 validity checks for the paths that do not go through the normalizer.
enum UTF8Validation {
    /// The offset of the first ill-formed sequence, or nil when `bytes` is valid UTF-8.
    static func firstInvalid(in bytes: UnsafeRawBufferPointer) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            let len = sequenceLength(bytes, i)
            if len == 0 { return i }
            i += len
        }
        return nil
    }

    /// How many ill-formed sequences `bytes` has (each maximal bad subpart counts once).
    static func countInvalid(in bytes: UnsafeRawBufferPointer) -> Int {
        var i = 0, bad = 0
        let n = bytes.count
        while i < n {
            let len = sequenceLength(bytes, i)
            if len == 0 { bad += 1; i += 1; while i < n && bytes[i] & 0xC0 == 0x80 { i += 1 } } else { i += len }
        }
        return bad
    }

    /// The length of the well-formed sequence at `i`, or 0 when it is ill-formed.
    @inline(__always)
    static func sequenceLength(_ b: UnsafeRawBufferPointer, _ i: Int) -> Int {
        let n = b.count
        let c0 = b[i]
        if c0 < 0x80 { return 1 }
        func cont(_ k: Int) -> Bool { i + k < n && b[i + k] & 0xC0 == 0x80 }
        switch c0 {
        case 0xC2...0xDF:
            return cont(1) ? 2 : 0
        case 0xE0...0xEF:
            guard cont(1), cont(2) else { return 0 }
            let c1 = b[i + 1]
            if c0 == 0xE0 && c1 < 0xA0 { return 0 }
            if c0 == 0xED && c1 >= 0xA0 { return 0 }
            return 3
        case 0xF0...0xF4:
            guard cont(1), cont(2), cont(3) else { return 0 }
            let c1 = b[i + 1]
            if c0 == 0xF0 && c1 < 0x90 { return 0 }
            if c0 == 0xF4 && c1 >= 0x90 { return 0 }
            return 4
        default:
            return 0
        }
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
