import CICU

/// An ICU transform (for example `Any-Latin`) applied through the C shim.
public struct ICUTransform: Transliterator, Hashable {
    /// The ICU transform id.
    public let id: String

    /// Creates a transform by id; `nil` if the linked ICU does not know it.
    public init?(_ id: String) {
        guard id.utf8.count < 64, cicu_translit_available(id) != 0 else { return nil }
        self.id = id
    }

    /// Applies the transform; returns the input unchanged if ICU fails.
    public func transliterate(_ text: String) -> String {
        if text.isEmpty { return text }
        let src = Array(text.utf16)
        var cap = src.count * 3 + 16
        for _ in 0..<3 {
            var dst = [UInt16](repeating: 0, count: cap)
            let needed = Int(cicu_translit_utf16(id, src, Int32(src.count), &dst, Int32(cap)))
            if needed < 0 { return text }
            if needed <= cap { return String(decoding: dst[0..<needed], as: UTF16.self) }
            cap = needed
        }
        return text
    }
}
