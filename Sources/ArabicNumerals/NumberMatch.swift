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

/// Options of the words → digits conversion.
public struct NumberWordsOptions: Sendable, Hashable {
    /// Also convert ordinals (`الأول` → `1`, `الحادي عشر` → `11`). Month names (`كانون الثاني`) stay.
    public var ordinals: Bool
    /// Also convert simple fractions (`نصف` → `0.5`, `ثلث` → `1/3`, `ثلاثة ونصف` → `3.5`).
    public var fractions: Bool
    /// Digit system of the written numbers.
    public var digits: DigitSystem

    /// Creates options; by default cardinals only, written in Western digits.
    public init(ordinals: Bool = false, fractions: Bool = false, digits: DigitSystem = .western) {
        self.ordinals = ordinals
        self.fractions = fractions
        self.digits = digits
    }
}
