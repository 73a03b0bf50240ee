import CICU

/// The named character sets the steps work on, each derived from ICU's properties in one place.
///
/// | set | definition |
/// |---|---|
/// | Arabic letter | Script=Arabic and a letter (L*), so ء and Persian letters too, not tatweel (Lm) |
/// | diacritic | a mark (Mn/Me) in the Arabic blocks, plus the Quranic annotation range U+06D6–U+06ED |
/// | invisible | Bidi_Control, plus format characters (Cf) that are Default_Ignorable, less ZWJ/ZWNJ and tag characters |
/// | space | White_Space that is not a line break (NBSP, thin spaces, tab …) |
/// | line break | LF, CR, NEL, LINE SEPARATOR, PARAGRAPH SEPARATOR |
/// | separator (deobfuscation) | punctuation (P*) and the symbols `| + ~ ^ `` ` `` |
/// | number separator | `. , ٫ ٬ : / -` between two digits |
/// | percent | `% ٪ ‰ ؉ ؊` after a digit |
enum CharacterSets {
    static let tatweel: UInt32 = 0x0640
    static let zwnj: UInt32 = 0x200C
    static let zwj: UInt32 = 0x200D
    static let shadda: UInt32 = 0x0651
    static let superscriptAlef: UInt32 = 0x0670
    static let alef: UInt32 = 0x0627
    static let arabicDecimalSeparator: UInt32 = 0x066B
    static let arabicThousandsSeparator: UInt32 = 0x066C
    static let arabicPercent: UInt32 = 0x066A

    static func isArabicLetter(_ p: CharacterProperties) -> Bool {
        p.has(CharacterProperties.Flag.arabicScript) && p.isLetter
    }

    static func isDiacritic(_ c: UInt32, _ p: CharacterProperties) -> Bool {
        if (0x06D6...0x06ED).contains(c) { return true }  // Quranic annotation signs, whatever their category
        return p.isMark && p.has(CharacterProperties.Flag.arabicBlock)
    }

    /// Characters that are part of an Arabic word: letters, tatweel and Arabic marks.
    static func isArabicWordCharacter(_ c: UInt32, _ p: CharacterProperties) -> Bool {
        isArabicLetter(p) || c == tatweel || isDiacritic(c, p)
    }

    static func isInvisible(_ c: UInt32, _ p: CharacterProperties) -> Bool {
        if p.has(CharacterProperties.Flag.bidiControl) { return true }
        if p.has(CharacterProperties.Flag.joinControl) { return false }
        if (0xE0000...0xE007F).contains(c) { return false }  // tags: emoji flag sequences need them
        return p.isFormat && p.has(CharacterProperties.Flag.defaultIgnorable)
    }

    static func isLineBreak(_ c: UInt32) -> Bool {
        c == 0x0A || c == 0x0D || c == 0x85 || c == 0x2028 || c == 0x2029
    }

    static func isSpace(_ c: UInt32, _ p: CharacterProperties) -> Bool {
        p.has(CharacterProperties.Flag.whiteSpace) && !isLineBreak(c)
    }

    /// Zero-width characters that obfuscators put inside words: join controls and invisible characters.
    static func isZeroWidth(_ c: UInt32, _ p: CharacterProperties) -> Bool {
        p.has(CharacterProperties.Flag.joinControl) || isInvisible(c, p)
    }

    static func isSeparator(_ c: UInt32, _ p: CharacterProperties) -> Bool {
        p.isPunctuation || c == 0x7C || c == 0x2B || c == 0x7E || c == 0x5E || c == 0x60
    }

    static func isNumberSeparator(_ c: UInt32) -> Bool {
        c == 0x2E || c == 0x2C || c == 0x3A || c == 0x2F || c == 0x2D
            || c == arabicDecimalSeparator || c == arabicThousandsSeparator
    }

    static func isPercent(_ c: UInt32) -> Bool {
        c == 0x25 || c == arabicPercent || c == 0x2030 || c == 0x0609 || c == 0x060A
    }
}
