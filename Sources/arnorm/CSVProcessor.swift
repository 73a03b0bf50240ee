import ArabicNormalizer
import Foundation

/// CSV and TSV: the chosen columns of every record after the header go through the transform;
/// other fields, the header and quoting of unchanged fields are copied as they are.
struct CSVProcessor: ChunkProcessor {
    let transform: any TextTransform
    let policy: InvalidPolicy
    let parser: CSVParser
    /// 0-based column indexes to transform; nil: every column.
    let columns: Set<Int>?
    /// The number of fields in the header.
    let width: Int
    let names: [String]
    let explain: Bool

    func process(_ chunk: UnsafeRawBufferPointer, isFirst: Bool, isLast: Bool) -> ChunkResult {
        var result = ChunkResult()
        result.newlines = countNewlines(chunk)
        result.output.reserveCapacity(chunk.count + chunk.count / 8 + 16)
        var first = isFirst
        parser.forEachRecord(chunk) { record in
            let mark = result.output.count
            defer {
                result.stats.bytesIn += record.full.count
                result.stats.bytesOut += result.output.count - mark
            }
            let fullBytes = UnsafeRawBufferPointer(rebasing: chunk[record.full])
            // A quote never closed makes the rest of the input one field: the rows after it would
            // be changed as its text. The record is a bad row.
            if let unclosed = record.unclosedQuote {
                InputIssue.record(&result.badRecords, kind: .badRecord, chunk: chunk, offset: unclosed,
                                  message: "a quoted field that no quote closes (it runs to the end of the file)")
            }
            if record.content.isEmpty {
                // A blank line (before the header too) is copied and is not a record.
                result.output.append(contentsOf: fullBytes)
                return
            }
            if first {
                first = false
                if record.unclosedQuote != nil && policy == .skip { return }
                result.output.append(contentsOf: fullBytes)
                return
            }
            result.records += 1
            if record.unclosedQuote != nil {
                if policy == .skip { result.records -= 1 } else { result.output.append(contentsOf: fullBytes) }
                return
            }
            if record.fields.count != width {
                InputIssue.record(&result.badRecords, kind: .badRecord, chunk: chunk, offset: record.full.lowerBound,
                                  message: "\(record.fields.count) column\(record.fields.count == 1 ? "" : "s"), the header has \(width)")
                if policy == .skip { result.records -= 1 } else { result.output.append(contentsOf: fullBytes) }
                return
            }
            var copied = record.full.lowerBound
            var recordStats = NormalizationStats()
            var firstInvalid: Int?
            var explained: [Explanation] = []
            for (index, field) in record.fields.enumerated() where columns?.contains(index) ?? true {
                let value = parser.value(chunk, field)
                var out: [UInt8] = []
                out.reserveCapacity(value.count + 8)
                var stats = NormalizationStats()
                transformKeepingDelimiters(value, into: &out, stats: &stats)
                if stats.invalidSequences > 0 && firstInvalid == nil {
                    firstInvalid = field.range.lowerBound + (field.quoted ? 1 : 0) + (stats.firstInvalidOffset ?? 0)
                }
                stats.bytesIn = 0
                stats.bytesOut = 0
                recordStats.add(stats)
                guard out != value else { continue }
                if explain {
                    let name = index < names.count && !names[index].isEmpty ? names[index] : "column \(index + 1)"
                    explained.append(Explanation(lineInChunk: countNewlines(chunk, upTo: record.full.lowerBound),
                                                 label: name, before: value, after: out, stats: stats))
                }
                result.output.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[copied..<field.range.lowerBound]))
                parser.appendField(out, quoted: field.quoted, to: &result.output)
                copied = field.range.upperBound
            }
            if let firstInvalid {
                InputIssue.record(&result.invalid, kind: .invalidUTF8, chunk: chunk, offset: firstInvalid,
                                  message: "invalid UTF-8", count: policy == .replace ? recordStats.invalidSequences : 1)
                if policy == .skip {
                    result.output.removeSubrange(mark...)
                    result.records -= 1
                    return
                }
            }
            result.output.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[copied..<record.full.upperBound]))
            result.stats.add(recordStats)
            result.explanations += explained
        }
        return result
    }

    /// Transforms a field's value. A whitespace delimiter inside it (a tab in a quoted TSV field)
    /// is kept as it is, between the pieces on either side, instead of going through the
    /// transform, whose whitespace step would turn it into a space. Other delimiters (`,`, `;`)
    /// are text like any other inside a quoted field.
    private func transformKeepingDelimiters(_ value: [UInt8], into out: inout [UInt8], stats: inout NormalizationStats) {
        value.withUnsafeBytes { bytes in
            guard parser.delimiter == 0x09 || parser.delimiter == 0x20, let base = bytes.baseAddress,
                  memchr(base, Int32(parser.delimiter), bytes.count) != nil else {
                transform.apply(bytes, appendingTo: &out, stats: &stats)
                return
            }
            var start = 0
            var firstInvalid: Int?
            for (index, byte) in bytes.enumerated() where byte == parser.delimiter {
                var piece = NormalizationStats()
                transform.apply(UnsafeRawBufferPointer(rebasing: bytes[start..<index]), appendingTo: &out, stats: &piece)
                if firstInvalid == nil, let offset = piece.firstInvalidOffset { firstInvalid = start + offset }
                stats.add(piece)
                out.append(byte)
                start = index + 1
            }
            var piece = NormalizationStats()
            transform.apply(UnsafeRawBufferPointer(rebasing: bytes[start...]), appendingTo: &out, stats: &piece)
            if firstInvalid == nil, let offset = piece.firstInvalidOffset { firstInvalid = start + offset }
            stats.add(piece)
            stats.firstInvalidOffset = firstInvalid
        }
    }
}
