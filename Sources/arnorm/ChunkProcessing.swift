import ArabicNormalizer
import ArgumentParser
import Foundation

/// The input formats `--format` accepts.
enum InputFormat: String, ExpressibleByArgument, CaseIterable, Sendable, Codable {
    case text, jsonl, csv, tsv

    /// The format a file's extension suggests (`.jsonl`/`.ndjson`, `.csv`, `.tsv`; anything else is text).
    static func guess(path: String) -> InputFormat {
        let ext = (path as NSString).pathExtension.lowercased()
        switch ext {
        case "jsonl", "ndjson": return .jsonl
        case "csv": return .csv
        case "tsv", "tab": return .tsv
        default: return .text
        }
    }
}

/// What to do with ill-formed input (`--invalid`): bad UTF-8, a JSONL line that is not JSON or
/// whose field is not a string, a CSV row with the wrong number of columns.
enum InvalidPolicy: String, ExpressibleByArgument, CaseIterable, Sendable, Codable {
    /// Bad UTF-8 becomes U+FFFD; a bad record is passed through (a JSONL field that is not a
    /// string is left as it is, a line that is not JSON or a CSV row of the wrong width is copied
    /// unchanged). One warning per file.
    case replace
    /// The line or record is left out of the output. One warning per file.
    case skip
    /// Stop: exit 1 naming file and line; outputs written to files are left as they were.
    case fail
}

/// The first problem of one kind in a chunk, and how many there were.
struct InputIssue: Sendable {
    enum Kind: Sendable { case invalidUTF8, badRecord }
    var kind: Kind
    /// Byte offset of the first case in the chunk.
    var offset: Int
    /// Line breaks (`\n`) in the chunk before the first case: its line within the chunk.
    var lineInChunk: Int
    /// What is wrong with the first case ("not valid JSON", "3 columns, the header has 4").
    var message: String
    /// How many cases (sequences replaced, lines or records skipped or copied).
    var count: Int

    /// Adds a case: the first one is kept.
    static func record(_ issue: inout InputIssue?, kind: Kind, chunk: UnsafeRawBufferPointer, offset: Int,
                       message: @autoclosure () -> String, count: Int = 1) {
        if issue == nil {
            issue = InputIssue(kind: kind, offset: offset, lineInChunk: countNewlines(chunk, upTo: offset),
                               message: message(), count: count)
        } else {
            issue!.count += count
        }
    }
}

/// What a worker hands back for one chunk.
struct ChunkResult: Sendable {
    var output: [UInt8] = []
    var stats = NormalizationStats()
    /// Lines (text) or records (jsonl, csv, tsv; the header is not counted) in the chunk.
    var records = 0
    /// `\n` bytes in the chunk, to number the lines of the next chunks.
    var newlines = 0
    /// Bad UTF-8 and bad records, first case of each.
    var invalid: InputIssue?
    var badRecords: InputIssue?
    /// Explanations of changed lines (`--explain`), in order.
    var explanations: [Explanation] = []
}

/// Turns one chunk of whole records into output. Thread-safe: used from every worker at once.
protocol ChunkProcessor: Sendable {
    /// Processes `chunk`; `isFirst` is true for a file's first chunk (the CSV header is in it),
    /// `isLast` for its last one (it may end without a line break).
    func process(_ chunk: UnsafeRawBufferPointer, isFirst: Bool, isLast: Bool) -> ChunkResult
}

/// The number of `\n` bytes in `bytes[0..<end]`.
func countNewlines(_ bytes: UnsafeRawBufferPointer, upTo end: Int? = nil) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    let limit = end ?? bytes.count
    var count = 0
    var p = base
    var left = limit
    while left > 0, let hit = memchr(p, 0x0A, left) {
        count += 1
        let next = UnsafeRawPointer(hit) + 1
        left -= next - p
        p = next
    }
    return count
}

/// Calls `body` for every line of `bytes`: content range (without `\r\n`/`\n`) and full range.
@inline(__always)
func forEachLine(_ bytes: UnsafeRawBufferPointer, _ body: (_ content: Range<Int>, _ full: Range<Int>) -> Void) {
    guard let base = bytes.baseAddress else { return }
    var start = 0
    let n = bytes.count
    while start < n {
        let end: Int
        if let hit = memchr(base + start, 0x0A, n - start) { end = UnsafeRawPointer(hit) - base } else { end = n }
        var contentEnd = end
        if contentEnd > start && bytes[contentEnd - 1] == 0x0D { contentEnd -= 1 }
        body(start..<contentEnd, start..<min(end + 1, n))
        start = end + 1
    }
}

/// Plain text: the whole chunk goes through the transform in one call.
struct TextProcessor: ChunkProcessor {
    let transform: any TextTransform
    let policy: InvalidPolicy
    let explain: Bool

    func process(_ chunk: UnsafeRawBufferPointer, isFirst: Bool, isLast: Bool) -> ChunkResult {
        var result = ChunkResult()
        result.newlines = countNewlines(chunk)
        result.records = result.newlines + (isLast && chunk.count > 0 && chunk[chunk.count - 1] != 0x0A ? 1 : 0)
        if explain { return explainLines(chunk, result) }
        result.output.reserveCapacity(chunk.count + chunk.count / 8 + 16)
        // A chunk that is not the last ends with `\n`, or with the space of a cut inside a very
        // long line (`LineBoundary`): that space is kept as it is, between the two pieces.
        let softCut = !isLast && chunk.count > 0 && chunk[chunk.count - 1] == 0x20
        let body = softCut ? UnsafeRawBufferPointer(rebasing: chunk[0..<chunk.count - 1]) : chunk
        transform.apply(body, appendingTo: &result.output, stats: &result.stats)
        if softCut {
            result.output.append(0x20)
            result.stats.bytesIn += 1
            result.stats.bytesOut += 1
        }
        guard result.stats.invalidSequences > 0 else { return result }
        let first = result.stats.firstInvalidOffset ?? 0
        switch policy {
        case .replace:
            InputIssue.record(&result.invalid, kind: .invalidUTF8, chunk: chunk, offset: first,
                              message: "invalid UTF-8", count: result.stats.invalidSequences)
        case .fail:
            InputIssue.record(&result.invalid, kind: .invalidUTF8, chunk: chunk, offset: first,
                              message: "invalid UTF-8")
        case .skip:
            // Rare: redo the chunk line by line, leaving out the lines with bad bytes.
            let records = result.records, newlines = result.newlines
            result = ChunkResult()
            result.records = records
            result.newlines = newlines
            forEachLine(chunk) { content, full in
                let line = UnsafeRawBufferPointer(rebasing: chunk[full])
                if let bad = UTF8Validation.firstInvalid(in: UnsafeRawBufferPointer(rebasing: chunk[content])) {
                    InputIssue.record(&result.invalid, kind: .invalidUTF8, chunk: chunk, offset: content.lowerBound + bad,
                                      message: "invalid UTF-8")
                    result.records -= 1
                    return
                }
                transform.apply(line, appendingTo: &result.output, stats: &result.stats)
            }
        }
        return result
    }

    /// `--explain`: each line on its own, an explanation for each line that changed, no output.
    private func explainLines(_ chunk: UnsafeRawBufferPointer, _ partial: ChunkResult) -> ChunkResult {
        var result = partial
        var lineIndex = 0
        forEachLine(chunk) { content, _ in
            defer { lineIndex += 1 }
            let line = UnsafeRawBufferPointer(rebasing: chunk[content])
            var out: [UInt8] = []
            var stats = NormalizationStats()
            transform.apply(line, appendingTo: &out, stats: &stats)
            result.stats.add(stats)
            if stats.invalidSequences > 0 {
                InputIssue.record(&result.invalid, kind: .invalidUTF8, chunk: chunk,
                                  offset: content.lowerBound + (stats.firstInvalidOffset ?? 0),
                                  message: "invalid UTF-8", count: stats.invalidSequences)
            }
            if !out.elementsEqual(line) {
                result.explanations.append(Explanation(lineInChunk: lineIndex, label: nil, before: Array(line),
                                                       after: out, stats: stats))
            }
        }
        return result
    }
}
