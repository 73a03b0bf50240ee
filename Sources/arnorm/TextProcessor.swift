import ArabicNormalizer
import Foundation

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
