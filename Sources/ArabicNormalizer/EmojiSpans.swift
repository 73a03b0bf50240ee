import CICU

/// The `emoji` step's recognizer: an emoji sequence as UTS #51 builds it from ICU's emoji
/// properties (read through `CICU`), found from a lead byte of E2 or more on one line of UTF-8.
/// Used by the engine and the reference path alike (through `SpanScanner`).
///
/// element := a regional-indicator pair (a flag) or one regional indicator
///          | a keycap: `0-9 # *` [U+FE0F] U+20E3
///          | a base — Emoji_Presentation, or Extended_Pictographic and Emoji from U+2000 on, or
///            Emoji followed by U+FE0F — then [U+FE0F or U+FE0E] [a skin tone] [U+20E3]
///            [tag characters U+E0020–U+E007E ending with U+E007F]
/// sequence := element (ZWJ element)*
///
/// A sequence is one span: no step can delete a ZWJ or a variation selector inside it.
enum EmojiSpans {
    static let zwj: UInt32 = 0x200D
    static let presentationSelector: UInt32 = 0xFE0F
    static let textSelector: UInt32 = 0xFE0E
    static let keycap: UInt32 = 0x20E3
    static let tableSize = 0x20000

    /// ICU's emoji properties below `tableSize`, read once.
    nonisolated(unsafe) static let table: UnsafeMutablePointer<UInt8> = {
        let t = UnsafeMutablePointer<UInt8>.allocate(capacity: tableSize)
        cicu_fill_emoji_properties(t, 0, Int32(tableSize))
        return t
    }()

    @inline(__always)
    static func properties(_ c: UInt32) -> UInt8 {
        c < UInt32(tableSize) ? table[Int(c)] : cicu_emoji_properties(Int32(bitPattern: c))
    }

    static func has(_ c: UInt32, _ bit: Int32) -> Bool { Int32(properties(c)) & bit != 0 }

    /// The scalar at `k` (before `n`), or nil.
    @inline(__always)
    static func scalar(_ p: UnsafePointer<UInt8>, _ k: Int, _ n: Int) -> (UInt32, Int)? {
        guard k < n else { return nil }
        let (c, length) = UTF8Decoding.decode(p, k, n)
        return c == UTF8Decoding.invalid ? nil : (c, length)
    }

    /// The emoji sequence the candidate byte at `i` belongs to (it may start one or two bytes
    /// earlier: a keycap's digit, `©` before U+FE0F), if any.
    static func sequence(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, from: Int) -> Range<Int>? {
        guard let (c, _) = scalar(p, i, n) else { return nil }
        var start = i
        if c == keycap || c == presentationSelector {
            if i - 1 >= from && isKeycapBase(p[i - 1]) {
                start = i - 1
            } else if c == presentationSelector && i - 2 >= from && p[i - 2] == 0xC2 && (p[i - 1] == 0xA9 || p[i - 1] == 0xAE) {
                start = i - 2
            } else {
                return nil
            }
        }
        guard var end = element(p, start, n) else { return nil }
        while let (z, zl) = scalar(p, end, n), z == zwj, let next = element(p, end + zl, n) { end = next }
        return start..<end
    }

    static func isKeycapBase(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || b == 0x23 || b == 0x2A }

    /// The end of the element starting at `k`, if one starts there.
    static func element(_ p: UnsafePointer<UInt8>, _ k: Int, _ n: Int) -> Int? {
        guard k < n else { return nil }
        if isKeycapBase(p[k]) {
            var j = k + 1
            if let (c, l) = scalar(p, j, n), c == presentationSelector { j += l }
            guard let (c, l) = scalar(p, j, n), c == keycap else { return nil }
            return j + l
        }
        guard let (c, length) = scalar(p, k, n), c >= 0x80 else { return nil }
        var j = k + length
        if has(c, Int32(CICU_REGIONAL_INDICATOR)) {
            if let (d, l) = scalar(p, j, n), has(d, Int32(CICU_REGIONAL_INDICATOR)) { j += l }
            return j
        }
        let next = scalar(p, j, n)
        let selected = next?.0 == presentationSelector
        let base = has(c, Int32(CICU_EMOJI_PRESENTATION))
            || (c >= 0x2000 && has(c, Int32(CICU_EMOJI)) && has(c, Int32(CICU_EXTENDED_PICTOGRAPHIC)))
            || (selected && has(c, Int32(CICU_EMOJI)))
        guard base else { return nil }
        if let (d, l) = scalar(p, j, n), d == presentationSelector || d == textSelector { j += l }
        if let (d, l) = scalar(p, j, n), has(d, Int32(CICU_EMOJI_MODIFIER)) { j += l }
        if let (d, l) = scalar(p, j, n), d == keycap { j += l }
        var t = j
        while let (d, l) = scalar(p, t, n), (0xE0020...0xE007E).contains(d) { t += l }
        if t > j, let (d, l) = scalar(p, t, n), d == 0xE007F { j = t + l }
        return j
    }
}
