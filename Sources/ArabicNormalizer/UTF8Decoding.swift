/// UTF-8 decoding with the Unicode "maximal subpart" policy: every ill-formed subsequence
/// becomes one U+FFFD, exactly as Swift's `String(decoding:as:)` and ICU do.
enum UTF8Decoding {
    /// Marks an ill-formed sequence in `decode`'s result.
    static let invalid: UInt32 = 0xFFFF_FFFF

    /// Decodes the scalar starting at `p[i]` (a non-ASCII lead byte or anything else).
    /// Returns the scalar and its length, or `invalid` and the length of the maximal subpart.
    @inline(__always)
    static func decode(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> (scalar: UInt32, length: Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xC2 { return (invalid, 1) }
        if b0 < 0xE0 {
            guard i + 1 < n else { return (invalid, 1) }
            let b1 = UInt32(p[i + 1])
            guard b1 & 0xC0 == 0x80 else { return (invalid, 1) }
            return ((b0 & 0x1F) << 6 | (b1 & 0x3F), 2)
        }
        if b0 < 0xF0 {
            guard i + 1 < n else { return (invalid, 1) }
            let b1 = UInt32(p[i + 1])
            let lo: UInt32 = b0 == 0xE0 ? 0xA0 : 0x80
            let hi: UInt32 = b0 == 0xED ? 0x9F : 0xBF
            guard b1 >= lo && b1 <= hi else { return (invalid, 1) }
            guard i + 2 < n else { return (invalid, 2) }
            let b2 = UInt32(p[i + 2])
            guard b2 & 0xC0 == 0x80 else { return (invalid, 2) }
            return ((b0 & 0x0F) << 12 | (b1 & 0x3F) << 6 | (b2 & 0x3F), 3)
        }
        if b0 < 0xF5 {
            guard i + 1 < n else { return (invalid, 1) }
            let b1 = UInt32(p[i + 1])
            let lo: UInt32 = b0 == 0xF0 ? 0x90 : 0x80
            let hi: UInt32 = b0 == 0xF4 ? 0x8F : 0xBF
            guard b1 >= lo && b1 <= hi else { return (invalid, 1) }
            guard i + 2 < n else { return (invalid, 2) }
            let b2 = UInt32(p[i + 2])
            guard b2 & 0xC0 == 0x80 else { return (invalid, 2) }
            guard i + 3 < n else { return (invalid, 3) }
            let b3 = UInt32(p[i + 3])
            guard b3 & 0xC0 == 0x80 else { return (invalid, 3) }
            return ((b0 & 0x07) << 18 | (b1 & 0x3F) << 12 | (b2 & 0x3F) << 6 | (b3 & 0x3F), 4)
        }
        return (invalid, 1)
    }

    /// The well-formed scalar that ends right before `end` (`end > from`; it starts at or after
    /// `from`) and where it starts, or nil: for the recognizers' look-behinds.
    @inline(__always)
    static func scalar(endingAt end: Int, _ p: UnsafePointer<UInt8>, from: Int) -> (scalar: UInt32, start: Int)? {
        var start = end - 1
        while start > from && p[start] & 0xC0 == 0x80 && end - start < 4 { start -= 1 }
        let (c, length) = decode(p, start, end)
        guard c != invalid, start + length == end else { return nil }
        return (c, start)
    }

    /// Whether `p[0..<n]` is well-formed UTF-8 (ASCII checked eight bytes at a time).
    static func isWellFormed(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        while i < n {
            if i + 8 <= n && UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let (c, length) = p[i] < 0x80 ? (UInt32(p[i]), 1) : decode(p, i, n)
            if c == invalid { return false }
            i += length
        }
        return true
    }
}
