import ArabicNormalizer
import Foundation

/// JSON Lines: one JSON document per line. The string values at the chosen field paths go through
/// the transform; every other byte of the line (other fields, key order, spacing, escapes) is
/// copied unchanged, and so is a field whose value the transform leaves as it is.
struct JSONLProcessor: ChunkProcessor {
    let transform: any TextTransform
    let policy: InvalidPolicy
    /// Dotted field paths split into keys (`meta.title` → ["meta", "title"]); empty: every string value.
    let fields: [[String]]
    let explain: Bool

    func process(_ chunk: UnsafeRawBufferPointer, isFirst: Bool, isLast: Bool) -> ChunkResult {
        var result = ChunkResult()
        result.newlines = countNewlines(chunk)
        result.output.reserveCapacity(chunk.count + chunk.count / 8 + 16)
        let keys = fields.map { $0.map { Array($0.utf8) } }
        var lineIndex = 0
        forEachLine(chunk) { content, full in
            defer { lineIndex += 1 }
            let line = UnsafeRawBufferPointer(rebasing: chunk[content])
            // Blank lines are kept as they are and are not records.
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                result.output.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[full]))
                result.stats.bytesIn += full.count   // fuzz finding 3: they count in the byte totals
                result.stats.bytesOut += full.count
                return
            }
            result.records += 1
            let mark = result.output.count
            var stats = NormalizationStats()
            var editor = JSONEditor(line: line, fields: keys, transform: transform)
            editor.explain = explain
            let outcome = editor.rewrite(into: &result.output, stats: &stats)
            result.fieldsFound.formUnion(editor.fieldsFound)
            if case .failure(let problem) = outcome {
                result.output.removeSubrange(mark...)
                InputIssue.record(&result.badRecords, kind: .badRecord, chunk: chunk,
                                  offset: content.lowerBound + problem.offset, message: problem.message)
                result.stats.bytesIn += full.count
                if policy != .skip {
                    result.output.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[full]))
                    result.stats.bytesOut += full.count
                } else {
                    result.records -= 1
                }
                return
            }
            if let problem = editor.fieldProblem {
                InputIssue.record(&result.badRecords, kind: .badRecord, chunk: chunk,
                                  offset: content.lowerBound + problem.offset, message: problem.message)
                if policy == .skip {
                    result.output.removeSubrange(mark...)
                    result.records -= 1
                    result.stats.bytesIn += full.count
                    return
                }
            }
            if stats.invalidSequences > 0 {
                InputIssue.record(&result.invalid, kind: .invalidUTF8, chunk: chunk,
                                  offset: content.lowerBound + editor.firstInvalidInLine,
                                  message: editor.firstInvalidIsLoneSurrogate
                                    ? "a lone surrogate escape (\(String(decoding: UnsafeRawBufferPointer(rebasing: line[editor.firstInvalidInLine..<min(editor.firstInvalidInLine + 6, line.count)]), as: UTF8.self)))"
                                    : "invalid UTF-8", count: policy == .replace ? stats.invalidSequences : 1)
                if policy == .skip {
                    result.output.removeSubrange(mark...)
                    result.records -= 1
                    return
                }
            }
            result.output.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[content.upperBound..<full.upperBound]))
            stats.bytesIn = full.count
            stats.bytesOut = result.output.count - mark
            result.stats.add(stats)
            for e in editor.explanations {
                result.explanations.append(Explanation(lineInChunk: lineIndex, label: e.label, before: e.before,
                                                       after: e.after, stats: e.stats))
            }
        }
        return result
    }
}
