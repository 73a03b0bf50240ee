/// A number expression found in text by `NumberWordsParser`.
public struct NumberMatch: Sendable, Hashable {
    /// What kind of number the expression is.
    public enum Kind: String, Sendable, Hashable {
        /// A cardinal (`خمسمئة وثلاث وعشرون`, `11 ألف`).
        case cardinal
        /// An ordinal (`الحادي عشر`), only when `NumberWordsOptions.ordinals` is on.
        case ordinal
        /// A fraction (`نصف`, `ثلاثة أرباع`), only when `NumberWordsOptions.fractions` is on.
        case fraction
    }

    /// The parsed value.
    public let value: NumberValue
    /// Cardinal, ordinal or fraction.
    public let kind: Kind
    /// The span in the searched string. Attached conjunctions and prepositions (`و`, `ب`, `ل`, `ك`, `ف`)
    /// of the first word are outside it and stay in the text; the article `ال` is inside.
    public let range: Range<String.Index>
    /// The same span as UTF-8 byte offsets.
    public let utf8Range: Range<Int>
    /// The same span as offsets in the string's characters (extended grapheme clusters).
    public let characterRange: Range<Int>
    /// The same span as offsets in the string's Unicode scalars.
    public let scalarRange: Range<Int>
    /// The text of the span.
    public let text: String
}

/// Which dialect number forms the words → digits conversion accepts, besides MSA.
public enum Dialect: String, CaseIterable, Sendable, Hashable {
    /// Every dialect form, except that forms which are also ordinary words (`تمن` "price", `تلت`
    /// "a third") are read only next to another number word of the same expression. The default.
    case auto
    /// MSA only.
    case msa
    /// Egyptian (`تلتاشر`, `ربعمية`, `تلات تلاف`).
    case egy
    /// Levantine (`تلتعش`, `تلتمية`).
    case lev
    /// Gulf (`ثلطعش`, `اثنعش`).
    case glf
    /// Maghrebi (`تلطاش`, `طناش`).
    case mgr

    /// The dialect tables this mode reads.
    var set: DialectSet {
        switch self {
        case .auto: return .all
        case .msa: return []
        case .egy: return .egy
        case .lev: return .lev
        case .glf: return .glf
        case .mgr: return .mgr
        }
    }
}

/// A set of dialects (the dialect column of `number-words-dialect.tsv`).
struct DialectSet: OptionSet, Sendable, Hashable {
    let rawValue: UInt8
    static let egy = DialectSet(rawValue: 1), lev = DialectSet(rawValue: 2)
    static let glf = DialectSet(rawValue: 4), mgr = DialectSet(rawValue: 8)
    static let all: DialectSet = [.egy, .lev, .glf, .mgr]

    mutating func insert(_ d: Dialect) { formUnion(d.set) }
}

/// Options of the words → digits conversion.
public struct NumberWordsOptions: Sendable, Hashable {
    /// Also convert ordinals (`الأول` → `1`, `الحادي عشر` → `11`, `العشرون` → `20`). Month names
    /// (`كانون الثاني`) stay.
    public var ordinals: Bool
    /// Also convert simple fractions (`نصف` → `0.5`, `ثلث` → `1/3`, `ثلاثة ونصف` → `3.5`). Without
    /// it, a number followed by `ونصف`/`وربع`/`وثلث` is left as written, whole (`مليون ونصف`, which is a
    /// whole number, is converted in any case).
    public var fractions: Bool
    /// Digit system of the written numbers.
    public var digits: DigitSystem
    /// Dialect number forms accepted (`auto` by default).
    public var dialect: Dialect

    /// Creates options; by default cardinals only, written in Western digits, dialect forms in `auto` mode.
    public init(ordinals: Bool = false, fractions: Bool = false, digits: DigitSystem = .western,
                dialect: Dialect = .auto) {
        self.ordinals = ordinals
        self.fractions = fractions
        self.digits = digits
        self.dialect = dialect
    }
}
