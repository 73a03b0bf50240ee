// The span steps in the engine (`html`, `web`, `emoji`): the input is cut at the spans the
// `SpanScanner` finds; the text between them takes the usual pass (`process`, with its block
// run and fast run), and each span is copied (protected), replaced, removed, turned into a space
// or replaced by text that the pass then normalizes. Input without a candidate byte costs one
// SIMD scan and then goes through `process` whole.
extension Engine {
    mutating func runWithSpans(_ p: UnsafePointer<UInt8>, _ n: Int, rules: SpanRules) {
        var scanner = SpanScanner(rules: rules)
        var position = 0
        while position < n {
            guard let span = scanner.next(p, from: position, n) else {
                process(p, n, normalized: false, from: position)
                return
            }
            if span.start > position { process(p, span.start, normalized: false, from: position) }
            apply(span, p, n)
            position = span.end
        }
    }

    /// Does the output end with a character the next one meets (no line start, pending space,
    /// space or line feed between them), so that a context rule may judge the two together?
    var outputEndsMidLine: Bool {
        !lineStart && !pendingSpace && outCount > 0 && out[outCount &- 1] != 0x20 && out[outCount &- 1] != 0x0A
    }

    /// Does the output (with its pending space) end with the same bytes as the input before
    /// `start`, over the bytes a web span's recognizer may look back at
    /// (`WebSpans.lookBehindBytes`; near the text's start, all of them)?
    func outputEndsAsInput(_ p: UnsafePointer<UInt8>, before start: Int) -> Bool {
        let pending = pendingSpace ? 1 : 0
        let written = outCount + pending
        let width = min(WebSpans.lookBehindBytes, start)
        if written < width || (width < WebSpans.lookBehindBytes && written != start) { return false }
        var k = 1
        while k <= width {
            let o = k <= pending ? UInt8(0x20) : out[outCount - (k - pending)]
            if o != p[start - k] { return false }
            k += 1
        }
        return true
    }

    mutating func apply(_ span: Span, _ p: UnsafePointer<UInt8>, _ n: Int) {
        if !spanHeldIllFormed && !UTF8Decoding.isWellFormed(p + span.start, span.end - span.start) {
            spanHeldIllFormed = true  // `Normalizer` runs the pass again on repaired input
        }
        if let counter = span.counter {
            counts[span.step.index] += 1
            counts[Counter.spans + counter] += 1
        }
        switch span.action {
        case .keep:
            // A web span is known by what stands before it (`٪#٥ك` holds a hashtag, `%#٥ك` none):
            // when the steps wrote something else there, the pass runs again on its output, as
            // the reference path's passes do.
            if span.step == .web && !outputEndsAsInput(p, before: span.start) { needsAnotherPass = true }
            emitProtected(p + span.start, span.end - span.start, inStart: span.start, inEnd: nil)
        case .replace(let bytes):
            bytes.withUnsafeBufferPointer {
                emitProtected($0.baseAddress!, $0.count, inStart: span.start, inEnd: span.end)
            }
        case .remove:
            // Markup removed between two characters (`ب,</b>\u{200D}ا`, `مر\u{200C}<b></b>حبا`):
            // they meet in the output, where the context rules (de-obfuscation, join controls,
            // numbers) see them side by side; the pass runs again on its output, as the reference
            // path runs its passes to a fixed point.
            if outputEndsMidLine && span.end < n && p[span.end] != 0x20 && p[span.end] != 0x0A {
                needsAnotherPass = true
            }
        case .space:
            spanSpace(span.start, span.end)
        case .text(let bytes):
            if outputEndsMidLine && !Self.startsWithSpace(bytes) {
                // Text read out of a span (a decoded character reference, a hashtag's words) after
                // a character whose look-ahead saw the span's first character (`ن‌&#1575;`: a ZWNJ
                // between two letters once decoded, which the invisible step deletes; `5٫#20`: a
                // decimal separator before a digit once the hashtag is words): the pass runs
                // again on its output, as the reference path does.
                needsAnotherPass = true
            }
            processReplacement(bytes, span.start, span.end)
        }
    }

    /// Whether `bytes` (a decoded reference) starts with whitespace.
    static func startsWithSpace(_ bytes: [UInt8]) -> Bool {
        guard let first = bytes.first else { return true }
        let c = bytes.withUnsafeBufferPointer { first < 0x80 ? UInt32(first) : UTF8Decoding.decode($0.baseAddress!, 0, $0.count).scalar }
        return c != UTF8Decoding.invalid && CharacterSets.isSpace(c, PropertyTable.properties(c))
    }

    /// Copies protected bytes. Each scalar maps to its own input bytes (`inEnd` nil: the bytes
    /// are the input's, from `inStart`) or to the whole span (a placeholder). The context after
    /// it is what its last scalar gives (`SpanContext`).
    mutating func emitProtected(_ q: UnsafePointer<UInt8>, _ count: Int, inStart: Int, inEnd: Int?) {
        guard count > 0 else { return }
        flushPendingSpace()
        reserve(count)
        (out + outCount).update(from: q, count: count)
        var last: UInt32 = 0
        var k = 0
        while k < count {
            let (c, length) = q[k] < 0x80 ? (UInt32(q[k]), 1) : UTF8Decoding.decode(q, k, count)
            if Sink.isActive {
                if let inEnd {
                    sink.record(outStart: outCount + k, inStart: inStart, inEnd: inEnd)
                } else {
                    sink.record(outStart: outCount + k, inStart: inStart + k, inEnd: inStart + k + length)
                }
            }
            last = c
            k += length
        }
        outCount &+= count
        lineStart = false
        // The span's last mark: a mark written after the span with a lower combining class
        // (`#بْ` then `ـّ`, its tatweel deleted) is out of canonical order, and the pass runs
        // again, as the reference path's passes do (the span may not be one in the new text).
        lastOutCCC = UInt32(PropertyTable.properties(last).combiningClass)
        starterAltered = false
        let context = SpanContext(after: last)
        lastClass = context.lastClass
        if context.letter {
            lastLetter = last
            letterRepeat = 1
        } else {
            letterRepeat = 0
        }
    }

    /// A span that becomes a space: as a space a step produces.
    mutating func spanSpace(_ start: Int, _ end: Int) {
        letterRepeat = 0
        if whitespace {
            if lineStart { return }
            if pendingSpace { pendingEnd = end; return }
            pendingSpace = true
            lastClass = 0
            pendingStart = start
            pendingEnd = end
        } else {
            reserve(1)
            out[outCount] = 0x20
            if Sink.isActive { sink.record(outStart: outCount, inStart: start, inEnd: end) }
            outCount &+= 1
            lineStart = false
            lastClass = 0
            lastOutCCC = 0
            starterAltered = true
        }
    }

    /// Runs the pass over replacement text standing for input `start..<end`: every output scalar
    /// maps to the whole span; look-ahead stops at the text's end.
    mutating func processReplacement(_ bytes: [UInt8], _ start: Int, _ end: Int) {
        guard !bytes.isEmpty else { return }
        let saved = segment
        let savedVerdicts = verdicts
        let savedRuns = runWait
        segment = SegmentFrame()
        segment.active = true
        segment.start = start
        segment.end = end
        verdicts = ObfuscationVerdicts()
        runWait = BlockRunWait()
        bytes.withUnsafeBufferPointer { buffer in
            process(buffer.baseAddress!, buffer.count, normalized: false)
        }
        segment = saved
        verdicts = savedVerdicts
        runWait = savedRuns
    }
}

/// The context a protected span leaves for what follows, the same in the engine and the
/// reference path: its last scalar's class (1 an Arabic letter or tatweel, 2 a digit, 0 anything
/// else) and whether that scalar starts an elongation count.
struct SpanContext {
    var lastClass: UInt8
    var letter: Bool

    init(after c: UInt32) {
        let p = PropertyTable.properties(c)
        if CharacterSets.isArabicLetter(p) {
            lastClass = 1; letter = true
        } else if c == CharacterSets.tatweel {
            lastClass = 1; letter = false
        } else if p.isDigit {
            lastClass = 2; letter = false
        } else {
            lastClass = 0; letter = false
        }
    }
}
