// Canonical order without ICU: a segment that needs nothing but its marks sorted.

enum CanonicalOrder {
    /// Writes `input` (a segment whose every character passes the quick check) into `output`
    /// with its marks in canonical order: a stable sort by combining class, which is the
    /// segment's normal form (a text that passes the quick check character by character, in
    /// canonical order, is normalized; reordering marks of different classes keeps a text
    /// canonically equivalent). Returns false (nothing written) for a segment of more than 32
    /// characters or one holding a second starter: ICU takes those.
    static func sortMarks(_ input: UnsafeBufferPointer<UInt8>, into output: inout [UInt8],
                          _ actions: UnsafeMutablePointer<UInt32>, _ table: ActionTable) -> Bool {
        guard let p = input.baseAddress else { return false }
        let n = input.count
        // Each character as start << 16 | length << 8 | combining class, sorted in place.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 32) { keys in
            var count = 0
            var j = 0
            while j < n {
                guard count < 32 else { return false }
                let (c, l) = UTF8Decoding.decode(p, j, n)
                if c == UTF8Decoding.invalid { return false }
                let a = c < UInt32(PropertyTable.tableSize) ? actions[Int(c)] : table.action(c, normalized: false)
                let cc = Int((a >> ActionTable.cccShift) & 0xFF)
                if cc == 0 && count > 0 { return false }
                keys[count] = j << 16 | l << 8 | cc
                count += 1
                j += l
            }
            // Insertion sort by class, stable (a segment holds a few marks).
            for k in 1..<max(count, 1) {
                let key = keys[k]
                var m = k
                while m > 0 && keys[m - 1] & 0xFF > key & 0xFF {
                    keys[m] = keys[m - 1]
                    m -= 1
                }
                keys[m] = key
            }
            output.removeAll(keepingCapacity: true)
            for k in 0..<count {
                let start = keys[k] >> 16, length = (keys[k] >> 8) & 0xFF
                output.append(contentsOf: UnsafeBufferPointer(start: p + start, count: length))
            }
            return true
        }
    }
}
