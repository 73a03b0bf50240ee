/// Receives, for each output scalar, the input byte range it came from.
/// The engine is generic over it so the plain path pays nothing for offsets.
protocol OffsetSink {
    /// An empty sink (also what a further pass starts with).
    init()
    static var isActive: Bool { get }
    /// A new output scalar at output byte `outStart`, made from input bytes `inStart..<inEnd`.
    mutating func record(outStart: Int, inStart: Int, inEnd: Int)
    /// The last output scalar was taken back.
    mutating func removeLast()
    /// The last output scalar also covers input up to `inEnd` (collapsed repeats).
    mutating func extendLast(to inEnd: Int)
}

/// The sink of the plain path: records nothing.
struct NoOffsets: OffsetSink {
    static var isActive: Bool { false }
    @inline(__always) mutating func record(outStart: Int, inStart: Int, inEnd: Int) {}
    @inline(__always) mutating func removeLast() {}
    @inline(__always) mutating func extendLast(to inEnd: Int) {}
}

/// Records offsets in parallel arrays.
struct OffsetLog: OffsetSink {
    static var isActive: Bool { true }
    var outStarts: [Int] = []
    var inStarts: [Int] = []
    var inEnds: [Int] = []

    mutating func record(outStart: Int, inStart: Int, inEnd: Int) {
        outStarts.append(outStart)
        inStarts.append(inStart)
        inEnds.append(inEnd)
    }
    mutating func removeLast() {
        outStarts.removeLast(); inStarts.removeLast(); inEnds.removeLast()
    }
    mutating func extendLast(to inEnd: Int) {
        if let last = inEnds.indices.last { inEnds[last] = max(inEnds[last], inEnd) }
    }
}

extension OffsetSink {
    /// The offsets of a pass run on this pass's output, mapped back to this pass's input.
    func composed(with later: Self) -> Self {
        guard let first = self as? OffsetLog, let second = later as? OffsetLog else { return later }
        var result = OffsetLog()
        // Output byte offset of the first pass → index of its scalar record.
        for k in second.outStarts.indices {
            let start = first.scalarIndex(containingOutputByte: second.inStarts[k])
            let end = first.scalarIndex(containingOutputByte: max(second.inEnds[k] - 1, second.inStarts[k]))
            result.record(outStart: second.outStarts[k], inStart: first.inStarts[start],
                          inEnd: max(first.inEnds[end], first.inEnds[start]))
        }
        return result as! Self
    }
}

extension OffsetLog {
    /// The record whose output scalar contains output byte `byte`.
    func scalarIndex(containingOutputByte byte: Int) -> Int {
        var lo = 0, hi = outStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if outStarts[mid] <= byte { lo = mid } else { hi = mid - 1 }
        }
        return max(lo, 0)
    }
}
