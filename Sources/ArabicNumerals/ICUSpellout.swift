import CICU

/// ICU's RBNF Arabic spellout, kept for comparison with `NumberSpeller` (which does not use it:
/// ICU writes `إثنان`, `مائة`, `ثلاثة مائة`, and its feminine and case rules differ from MSA usage).
enum ICUSpellout {
    /// ICU's `ar` spellout of `n`, nil on error.
    static func spell(_ n: Int64, locale: String = "ar") -> String? {
        var buf = [UInt16](repeating: 0, count: 256)
        var len = cicu_numbers_spellout(locale, n, &buf, Int32(buf.count))
        if len > Int32(buf.count) {
            buf = [UInt16](repeating: 0, count: Int(len))
            len = cicu_numbers_spellout(locale, n, &buf, len)
        }
        guard len >= 0 else { return nil }
        return String(decoding: buf[0..<Int(len)], as: UTF16.self)
    }
}
