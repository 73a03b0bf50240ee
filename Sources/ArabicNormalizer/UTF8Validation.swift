/// UTF-8 validity for the paths that do not go through the normalizer (the CLI's line transforms
/// and its encoding sniffer), with the normalizer's policy (`UTF8Decoding`): each maximal
/// ill-formed subpart is one ill-formed sequence, as it becomes one U+FFFD — so the counts a
/// report gives are the replacement characters written, whatever the command.
public enum UTF8Validation {
    /// The offset of the first ill-formed sequence, or nil when `bytes` is well-formed UTF-8.
    public static func firstInvalid(in bytes: UnsafeRawBufferPointer) -> Int? {
        guard let p = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
        let n = bytes.count
        var i = 0
        while i < n {
            let (c, length) = UTF8Decoding.decode(p, i, n)
            if c == UTF8Decoding.invalid { return i }
            i += length
        }
        return nil
    }

    /// How many ill-formed sequences `bytes` holds: the U+FFFDs that decoding it writes.
    public static func countInvalid(in bytes: UnsafeRawBufferPointer) -> Int {
        guard let p = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return 0 }
        let n = bytes.count
        var i = 0, bad = 0
        while i < n {
            let (c, length) = UTF8Decoding.decode(p, i, n)
            if c == UTF8Decoding.invalid { bad += 1 }
            i += length
        }
        return bad
    }

    /// The length of the well-formed sequence at `i` (1 to 4), or 0 when one starts there that is
    /// ill-formed.
    public static func sequenceLength(_ bytes: UnsafeRawBufferPointer, _ i: Int) -> Int {
        guard let p = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), i >= 0, i < bytes.count else { return 0 }
        let (c, length) = UTF8Decoding.decode(p, i, bytes.count)
        return c == UTF8Decoding.invalid ? 0 : length
    }
}
