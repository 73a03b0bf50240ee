/// One line-level transform combining the numeral conversions, as `arnorm numerals` applies them
/// (number words → digits, then digits → words, then the digit system).
public struct NumeralsTransform: Sendable {
    /// Convert number words to digits (`replacingNumberWords`), with these options.
    public var wordsToDigits: NumberWordsOptions?
    /// Convert digits to words with this speller.
    public var digitsToWords: NumberSpeller?
    /// Finally rewrite every number run in this digit system.
    public var digits: DigitSystem?

    /// Creates a transform; each part is off when nil.
    public init(wordsToDigits: NumberWordsOptions? = nil, digitsToWords: NumberSpeller? = nil,
                digits: DigitSystem? = nil) {
        self.wordsToDigits = wordsToDigits
        self.digitsToWords = digitsToWords
        self.digits = digits
    }

    /// Returns a function applying the transform to one line (parsers and tables are built once).
    public func makeFunction() -> @Sendable (String) -> String {
        let parser = wordsToDigits.map { NumberWordsParser(options: $0) }
        let speller = digitsToWords
        let converter = digits.map { DigitConverter(target: $0) }
        return { line in
            var s = line
            if let parser { s = parser.replacingNumberWords(in: s) }
            if let speller { s = speller.replacingDigits(in: s) }
            if let converter { s = converter.convert(s) }
            return s
        }
    }
}
