import CBlockScan
import CICU

// ICU segments: which characters start a normalization segment, which segments ICU must
// normalize (a quick check "no"/"maybe", marks out of canonical order), and running the pass over
// ICU's output for a segment with offsets pointing at the whole input segment.
extension Engine {
    /// Is the scalar at `j` one that continues the current normalization segment?
    @inline(__always)
    mutating func continuesSegment(_ p: UnsafePointer<UInt8>, _ j: Int, _ n: Int,
                                  _ actions: UnsafeMutablePointer<UInt32>) -> Bool {
        guard j < n, p[j] >= 0x80 else { return false }
        let (c, _) = UTF8Decoding.decode(p, j, n)
        guard c != UTF8Decoding.invalid else { return false }
        let a = c < UInt32(PropertyTable.tableSize) ? actions[Int(c)] : table.action(c, normalized: false)
        return a & ActionTable.noBoundaryBefore != 0
    }

    /// What a segment needs before the pass reads it.
    enum SegmentNeed {
        /// It is normalized already.
        case nothing
        /// Every character passes the quick check ("yes") but its marks are out of canonical
        /// order: the normal form is the segment with its marks sorted by combining class.
        case reorder
        /// ICU's normalizer (a quick check "no" or "maybe").
        case icu
    }

    /// The segment starting at `i`: the character there and the combining characters after it.
    /// Says what it needs (`SegmentNeed`).
    mutating func scanSegment(_ p: UnsafePointer<UInt8>, _ i: Int, _ len: Int, _ a: UInt32, _ n: Int,
                             _ actions: UnsafeMutablePointer<UInt32>) -> (Int, SegmentNeed) {
        var needs = a & ActionTable.kindMask == ActionTable.Kind.icu.rawValue
        var outOfOrder = false
        // Marks that are all deleted (and compose with nothing: those are `icu`) need no reordering.
        var allDeleted = true
        var last = (a >> ActionTable.cccShift) & 0xFF
        var j = i + len
        var marks = 0
        while j < n && p[j] >= 0x80 && marks < 4096 {
            let (c, l) = UTF8Decoding.decode(p, j, n)
            if c == UTF8Decoding.invalid { break }
            let a2 = c < UInt32(PropertyTable.tableSize) ? actions[Int(c)] : table.action(c, normalized: false)
            if a2 & ActionTable.noBoundaryBefore == 0 { break }
            switch a2 & ActionTable.kindMask {
            case ActionTable.Kind.icu.rawValue: needs = true
            case ActionTable.Kind.delete.rawValue: break
            default: allDeleted = false
            }
            let cc = (a2 >> ActionTable.cccShift) & 0xFF
            if cc != 0 {
                if cc < last { outOfOrder = true }
                last = cc
            }
            j += l
            marks += 1
        }
        return (j, needs ? .icu : outOfOrder && !allDeleted ? .reorder : .nothing)
    }

    /// Normalizes `p[i..<end]` (by ICU, or by sorting its marks when that is all it needs) and
    /// runs the result through the other steps.
    mutating func normalizeSegment(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int, _ n: Int,
                                   _ need: SegmentNeed, _ actions: UnsafeMutablePointer<UInt32>) {
        let input = UnsafeBufferPointer(start: p + i, count: end - i)
        if need != .reorder || !CanonicalOrder.sortMarks(input, into: &scratch, actions, table) {
            buffers.segments.normalize(input, form: table.form, into: &scratch)
        }
        if !scratch.elementsEqual(input) { counts[Step.unicode.index] += 1 }
        // Borrow the scratch buffer (no copy): processing normalized text never calls ICU again.
        var normalized: [UInt8] = []
        swap(&normalized, &scratch)
        defer { swap(&normalized, &scratch) }
        let saved = (verdicts.joinUntil, verdicts.noJoinUntil, segment.active, segment.start, segment.end)
        let savedOuter = (segment.outerInput, segment.outerResume, segment.outerCount)
        // (The block runs' wait is a position in this buffer, not in ICU's output.)
        let savedRuns = (runWait.poorRuns, runWait.runFrom)
        runWait.poorRuns = 0
        if !segment.active {
            segment.active = true
            segment.start = i
            segment.end = end
            segment.outerInput = p
            segment.outerResume = end
            segment.outerCount = n
        }
        // A segment inside a run already judged keeps that judgement.
        verdicts.joinUntil = i < saved.0 ? Int.max : 0
        verdicts.noJoinUntil = i < saved.1 ? Int.max : 0
        normalized.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { process(base, buffer.count, normalized: true) }
        }
        (verdicts.joinUntil, verdicts.noJoinUntil, segment.active, segment.start, segment.end) = saved
        (runWait.poorRuns, runWait.runFrom) = savedRuns
        (segment.outerInput, segment.outerResume, segment.outerCount) = savedOuter
    }
}
