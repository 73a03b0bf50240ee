import CBlockScan
import CICU

// The output buffer and what writing to it does to the context state: reserve and grow, offsets
// records, the pending space, copies, replacements, deletions, and the state every emitted scalar
// updates (last class, combining class, a changed starter).
extension Engine {
    // MARK: - Emitting

    @inline(__always)
    mutating func reserve(_ extra: Int) {
        if outCount &+ extra > outCapacity { grow(extra) }
    }

    /// Moves the output to a buffer of the engine's own, twice as large (or as large as needed),
    /// which becomes the thread's buffer.
    @inline(never)
    mutating func grow(_ extra: Int) {
        let newCapacity = max(outCapacity * 2, outCount + extra + 64)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: out, count: outCount)
        buffers.bytes?.deallocate()    // (the output, unless it was the caller's)
        buffers.bytes = bigger
        buffers.capacity = newCapacity
        out = bigger
        outCapacity = newCapacity
        writesInPlace = false
    }

    @inline(__always)
    mutating func record(_ outStart: Int, _ inStart: Int, _ inEnd: Int) {
        guard Sink.isActive else { return }
        if segment.active {
            sink.record(outStart: outStart, inStart: segment.start, inEnd: segment.end)
        } else {
            sink.record(outStart: outStart, inStart: inStart, inEnd: inEnd)
        }
    }

    @inline(__always)
    mutating func flushPendingSpace() {
        guard pendingSpace else { return }
        pendingSpace = false
        reserve(1)
        out[outCount] = 0x20
        if Sink.isActive { sink.record(outStart: outCount, inStart: pendingStart, inEnd: pendingEnd) }
        outCount &+= 1
        lastClass = 0
        lastOutCCC = 0
        starterAltered = false
    }

    mutating func emitInvalid(_ i: Int, _ len: Int) {
        flushPendingSpace()
        reserve(3)
        out[outCount] = 0xEF; out[outCount + 1] = 0xBF; out[outCount + 2] = 0xBD
        record(outCount, i, i + len)
        outCount &+= 3
        counts[Counter.invalidSequences] += 1
        if firstInvalidOffset < 0 { firstInvalidOffset = i }
        lineStart = false
        lastClass = 0
        letterRepeat = 0
        lastOutCCC = 0
        starterAltered = false
    }

    /// State updates shared by every emitted scalar. `altered`: it is not the input character.
    @inline(__always)
    mutating func emitted(_ a: UInt32, altered: Bool) {
        lineStart = false
        let cc = (a >> ActionTable.cccShift) & 0xFF
        if a & ActionTable.isMark == 0 || altered {
            if a & ActionTable.arabicLetter != 0 {
                lastClass = 1
            } else if a & ActionTable.digit != 0 {
                lastClass = 2
            } else {
                lastClass = a & ActionTable.arabicBase != 0 && a & ActionTable.isMark == 0 ? 1 : 0
            }
        }
        if altered {
            // Replacements are starters.
            lastOutCCC = 0
            starterAltered = true
        } else if cc == 0 {
            if a & ActionTable.composesBackward != 0 && starterAltered { needsAnotherPass = true }
            lastOutCCC = 0
            starterAltered = false
        } else {
            if cc < lastOutCCC || (a & ActionTable.composesBackward != 0 && starterAltered) { needsAnotherPass = true }
            lastOutCCC = cc
        }
    }

    /// Elongation: returns true when the letter is swallowed as a repeat.
    @inline(__always)
    mutating func swallowRepeat(_ letter: UInt32, _ inEnd: Int) -> Bool {
        if letterRepeat > 0 && letter == lastLetter {
            letterRepeat += 1
            if letterRepeat == ContextRules.Elongation.collapsedRun - 1 {
                lastLetterOut = outCount
                return false
            }
            if letterRepeat == ContextRules.Elongation.collapsedRun {
                outCount = lastLetterOut
                if Sink.isActive { sink.removeLast() }
            }
            if Sink.isActive { sink.extendLast(to: segment.active ? segment.end : inEnd) }
            counts[Step.elongation.index] += 1
            return true
        }
        lastLetter = letter
        letterRepeat = 1
        return false
    }

    @inline(__always)
    mutating func emitCopy(_ c: UInt32, _ a: UInt32, _ p: UnsafePointer<UInt8>, _ i: Int, _ len: Int) {
        flushPendingSpace()
        if a & ActionTable.arabicLetter != 0 && elongation {
            if swallowRepeat(c, i + len) { return }
        } else {
            letterRepeat = 0
        }
        reserve(4)
        let o = out + outCount
        o[0] = p[i]
        if len > 1 { o[1] = p[i + 1] }
        if len > 2 { o[2] = p[i + 2] }
        if len > 3 { o[3] = p[i + 3] }
        record(outCount, i, i + len)
        outCount &+= len
        emitted(a, altered: false)
    }

    @inline(__always)
    mutating func emitReplacement(_ a: UInt32, _ i: Int, _ end: Int) {
        let r = replacements[Int(a >> ActionTable.replacementShift) & 0x1FF]
        flushPendingSpace()
        credit(a)
        if a & ActionTable.arabicLetter != 0 && elongation {
            if swallowRepeat(r.scalar, end) { return }
        } else {
            letterRepeat = 0
        }
        reserve(8)
        UnsafeMutableRawPointer(out + outCount).storeBytes(of: r.bytes.littleEndian, as: UInt64.self)
        record(outCount, i, end)
        outCount &+= r.length
        emitted(a, altered: true)
    }

    /// A deleted character. A deleted starter changes the base that follows marks attach to; a
    /// deleted mark may unblock a later mark's composition with the base (`c` U+06D6 U+0301 is
    /// `ć` once the Quranic mark is gone): either way a later mark that composes backward asks for
    /// another pass.
    @inline(__always)
    mutating func deleted(_ a: UInt32) {
        credit(a)
        starterAltered = true
    }
}
