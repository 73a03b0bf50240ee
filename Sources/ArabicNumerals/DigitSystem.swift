import CICU

/// A decimal digit system used for numbers in Arabic-script text.
public enum DigitSystem: String, CaseIterable, Sendable, Hashable {
    /// Western (ASCII) digits `0`–`9`, `.` decimal, `,` thousands, `%`.
    case western
    /// Arabic-Indic digits `٠`–`٩`, `٫` decimal, `٬` thousands, `٪` (ICU numbering system `arab`).
    case arabic
    /// Extended Arabic-Indic digits `۰`–`۹` used for Persian and Urdu (ICU numbering system `arabext`).
    case persian

    /// ICU numbering system name.
    var icuName: String {
        switch self {
        case .western: return "latn"
        case .arabic: return "arab"
        case .persian: return "arabext"
        }
    }

    /// ICU locale whose symbols belong to this system.
    var icuLocale: String {
        switch self {
        case .western: return "en"
        case .arabic: return "ar@numbers=arab"
        case .persian: return "fa@numbers=arabext"
        }
    }

    /// The ten digits and separators of this system, read from ICU once.
    public var symbols: DigitSymbols { DigitSymbols.table[self]! }

    /// The system a decimal digit belongs to and its value, or nil for other characters.
    public static func classify(_ scalar: Unicode.Scalar) -> (system: DigitSystem, value: Int)? {
        let v = scalar.value
        switch v {
        case 0x30...0x39: return (.western, Int(v - 0x30))
        case 0x660...0x669: return (.arabic, Int(v - 0x660))
        case 0x6F0...0x6F9: return (.persian, Int(v - 0x6F0))
        default: return nil
        }
    }
}

/// Digits and number symbols of one `DigitSystem`.
public struct DigitSymbols: Sendable, Hashable {
    /// The digits 0…9.
    public let digits: [Unicode.Scalar]
    /// Decimal separator (`.`, `٫`).
    public let decimalSeparator: Unicode.Scalar
    /// Thousands separator (`,`, `٬`).
    public let groupingSeparator: Unicode.Scalar
    /// Percent sign (`%`, `٪`).
    public let percentSign: Unicode.Scalar

    static let table: [DigitSystem: DigitSymbols] = {
        var t: [DigitSystem: DigitSymbols] = [:]
        for s in DigitSystem.allCases { t[s] = load(s) }
        return t
    }()

    /// Reads the digits from ICU's numbering system and the symbols from the matching locale;
    /// bidi marks ICU puts around symbols (ALM, LRM, RLM) are dropped. Falls back to the
    /// Unicode code points if ICU does not answer.
    static func load(_ system: DigitSystem) -> DigitSymbols {
        var buf = [UInt32](repeating: 0, count: 10)
        let base: UInt32 = system == .western ? 0x30 : (system == .arabic ? 0x660 : 0x6F0)
        var digits = (0..<10).map { Unicode.Scalar(base + UInt32($0))! }
        if cicu_numbers_digits(system.icuName, &buf) == 10 {
            let got = buf.compactMap(Unicode.Scalar.init)
            if got.count == 10 { digits = got }
        }
        func symbol(_ id: cicu_numbers_symbol_id, _ fallback: Unicode.Scalar) -> Unicode.Scalar {
            var units = [UInt16](repeating: 0, count: 16)
            let n = cicu_numbers_symbol(system.icuLocale, id, &units, 16)
            guard n > 0, n <= 16 else { return fallback }
            let s = String(decoding: units[0..<Int(n)], as: UTF16.self)
            let kept = s.unicodeScalars.filter { ![0x200E, 0x200F, 0x061C].contains($0.value) }
            return kept.count == 1 ? kept.first! : fallback
        }
        let western = system == .western
        return DigitSymbols(
            digits: digits,
            decimalSeparator: symbol(CICU_NUMBERS_DECIMAL_SEPARATOR, western ? "." : "\u{066B}"),
            groupingSeparator: symbol(CICU_NUMBERS_GROUPING_SEPARATOR, western ? "," : "\u{066C}"),
            percentSign: symbol(CICU_NUMBERS_PERCENT, western ? "%" : "\u{066A}"))
    }
}
