/// A transliteration from one writing to another, applied to whole strings.
///
/// Every scheme of this module has its own value type conforming to this protocol:
/// ``LosslessTransliterator`` (Buckwalter family), ``RomanizationTransliterator``
/// (ALA-LC, DIN 31635, ASCII) and ``NameTransliterator`` (readable English names).
public protocol Transliterator: Sendable {
    /// Transliterates `text`. Characters the scheme does not cover pass through.
    func transliterate(_ text: String) -> String
}

/// A transliterator that can undo itself exactly.
public protocol ReversibleTransliterator: Transliterator {
    /// Turns the output of ``Transliterator/transliterate(_:)`` back into its input.
    func reverse(_ text: String) -> String
}

/// The schemes offered by the toolkit, by their command-line names.
public enum TransliterationScheme: String, CaseIterable, Sendable, Codable, Hashable {
    /// Buckwalter (lossless, uses `'|><&}*$` and friends).
    case bw
    /// Safe Buckwalter: letters only, safe in identifiers and regular expressions.
    case safebw
    /// XML Buckwalter: Buckwalter without `<`, `>` and `&`.
    case xmlbw
    /// Habash-Soudi-Buckwalter: one Latin or Greek letter per Arabic character.
    case hsb
    /// ALA-LC romanization, with diacritics.
    case alaLC = "ala-lc"
    /// DIN 31635 romanization.
    case din
    /// ALA-LC without diacritics, for file names and keys.
    case ascii
    /// Readable English spellings of names (`بشار الأسد` → `Bashar al-Assad`).
    case names
    /// A matching key for names, the same across scripts and spelling variants
    /// (`محمد`, `Mohammed`, `Muhammad` → `MHMD`); see ``NameKey``.
    case nameKey = "name-key"

    /// True for the four exactly reversible schemes.
    public var isLossless: Bool { LosslessScheme(rawValue: rawValue) != nil }

    /// A transliterator for this scheme with default options.
    public func makeTransliterator() -> any Transliterator {
        if let lossless = LosslessScheme(rawValue: rawValue) { return LosslessTransliterator(lossless) }
        switch self {
        case .alaLC: return RomanizationTransliterator(.alaLC)
        case .din: return RomanizationTransliterator(.din)
        case .ascii: return RomanizationTransliterator(.ascii)
        case .nameKey: return NameKey()
        default: return NameTransliterator()
        }
    }
}
