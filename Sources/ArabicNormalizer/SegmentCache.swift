/// ICU's results for short segments (up to 8 bytes: one character, such as a no-break space, `…`
/// or a presentation form), kept per thread in `EngineBuffers`. The same few such characters come
/// back all through a text, and each ICU call costs two UTF-8/UTF-16 conversions and the
/// normalizer's own set-up. ICU's result depends only on the segment's bytes and the form, which
/// together are the key, so a hit is exactly what ICU would return.
///
/// Direct-mapped (256 entries, about 6 KB); results longer than 8 bytes are not kept.
final class SegmentCache {
    private struct Entry {
        var input: UInt64 = 0
        var meta: UInt32 = 0          // 0: empty; else form << 8 | input length
        var result: UInt64 = 0
        var resultCount: UInt32 = 0
    }

    /// The longest segment and result kept, in bytes (one `UInt64`).
    static let longestKept = 8

    private let entries: UnsafeMutablePointer<Entry>
    private static let size = 256

    init() {
        entries = .allocate(capacity: Self.size)
        entries.initialize(repeating: Entry(), count: Self.size)
    }

    deinit { entries.deallocate() }

    /// `ICU.normalize(input, form:, into:)`, answered from the cache when `input` is short.
    func normalize(_ input: UnsafeBufferPointer<UInt8>, form: ICU.Form, into output: inout [UInt8]) {
        guard let key = Self.key(input, form: form) else {
            ICU.normalize(input, form: form, into: &output)
            return
        }
        if lookup(key, into: &output) { return }
        ICU.normalize(input, form: form, into: &output)
        store(key, output)
    }

    /// The key of `bytes` (at most 8) under `form`, or nil when the segment is too long.
    @inline(__always)
    static func key(_ bytes: UnsafeBufferPointer<UInt8>, form: ICU.Form) -> (input: UInt64, meta: UInt32)? {
        guard bytes.count <= longestKept, let base = bytes.baseAddress else { return nil }
        var packed: UInt64 = 0
        for k in 0..<bytes.count { packed |= UInt64(base[k]) << (8 * UInt64(k)) }
        return (packed, (form.raw.rawValue + 1) << 8 | UInt32(bytes.count))
    }

    @inline(__always)
    private func slot(_ key: (input: UInt64, meta: UInt32)) -> Int {
        Int(truncatingIfNeeded: ((key.input &+ UInt64(key.meta)) &* 0x9E37_79B9_7F4A_7C15) >> 56)
    }

    /// Replaces `output`'s contents with the cached result, if there is one.
    private func lookup(_ key: (input: UInt64, meta: UInt32), into output: inout [UInt8]) -> Bool {
        let entry = entries[slot(key)]
        guard entry.meta == key.meta && entry.input == key.input else { return false }
        output.removeAll(keepingCapacity: true)
        for k in 0..<Int(entry.resultCount) { output.append(UInt8(truncatingIfNeeded: entry.result >> (8 * UInt64(k)))) }
        return true
    }

    /// Keeps `result` for `key` (if it is at most 8 bytes).
    private func store(_ key: (input: UInt64, meta: UInt32), _ result: [UInt8]) {
        guard result.count <= Self.longestKept else { return }
        var packed: UInt64 = 0
        for (k, b) in result.enumerated() { packed |= UInt64(b) << (8 * UInt64(k)) }
        entries[slot(key)] = Entry(input: key.input, meta: key.meta, result: packed, resultCount: UInt32(result.count))
    }
}
