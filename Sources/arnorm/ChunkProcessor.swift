import ArabicNormalizer
import Foundation

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
    /// JSONL: the indexes of the `--field` paths met in the chunk.
    var fieldsFound = Set<Int>()
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
