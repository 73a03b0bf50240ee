/// The context rules: what a step decides by looking at a character's neighbours, each written
/// once, with its limits named. The reference path (`ReferenceNormalizer`), the engine's general
/// path (`Engine.contextual`), its fast run and the SIMD block run (through `arn_run_tables`) all
/// take them from here.
///
/// | rule | step | what it looks at | limit |
/// |---|---|---|---|
/// | de-obfuscation | `deobfuscate` | after an Arabic word character, a stretch of glue (tatweel, zero-width characters), separators and diacritics; joined (its zero-width characters and separators deleted) when it holds glue and a separator and an Arabic letter follows it | `Deobfuscation.stretchLimit` characters |
/// | join controls | `invisible` | ZWJ/ZWNJ after an Arabic word character, before one (past other zero-width characters): deleted | `lookAhead` characters |
/// | number separators | `digits`, `punctuation` | `. , ٫ ٬ : / -` after a digit and before one (past zero-width characters, marks and, under `tatweel`, tatweel); `%`-like signs after a digit; a minus sign (`Numbers.isSign`) before a digit | `lookAhead` characters |
/// | tatweel between digits | `tatweel` | a tatweel after a digit (or after a tatweel this rule kept) and before one (past what the number look-ahead passes over): kept, as a dash (`1939ـ1945`) | `lookAhead` characters |
/// | elongation | `elongation` | the letters written before: a letter repeated `Elongation.collapsedRun` times is written once | `Elongation.collapsedRun` |
/// | whitespace | `whitespace` | spaces collapsed into one, dropped at line starts and ends | none |
/// | line ends | every step | `CharacterSets.isLineBreak` ends a line: context state reset | none |
enum ContextRules {
    /// How far the look-ahead of the join-control and number-separator rules goes, in characters
    /// (it skips zero-width characters, marks, tatweel): past this many, the answer is "no".
    static let lookAhead = 8

    /// The look-ahead of the join-control and number-separator rules: the first of the following
    /// characters (`next` gives them, nil at the end of the text or an ill-formed byte) that
    /// `passing` does not pass over, looking at `lookAhead` characters at most. With
    /// `canonicalMarks` (Unicode normalization on), a run of combining marks is read in canonical
    /// order: the mark returned is the one with the lowest combining class. `limitReached`: the
    /// limit, not the text, ended the look.
    @inline(__always)
    static func lookAhead(canonicalMarks: Bool, passing: (UInt32, CharacterProperties) -> Bool,
                          next: () -> UInt32?) -> (found: (UInt32, CharacterProperties)?, limitReached: Bool) {
        for _ in 0..<lookAhead {
            guard let c = next() else { return (nil, false) }
            let p = PropertyTable.properties(c)
            if passing(c, p) { continue }
            guard canonicalMarks && p.combiningClass != 0 else { return ((c, p), false) }
            var first = (c, p)
            while let d = next() {
                let q = PropertyTable.properties(d)
                guard q.combiningClass != 0 else { break }
                if q.combiningClass < first.1.combiningClass { first = (d, q) }
            }
            return (first, false)
        }
        return (nil, true)
    }

    /// The join-control rule (`invisible`): ZWJ or ZWNJ after an Arabic word character is deleted
    /// when the next character past zero-width characters is one too.
    enum JoinControls {
        static func passedOver(_ c: UInt32, _ p: CharacterProperties) -> Bool { CharacterSets.isZeroWidth(c, p) }
        static func deletedBefore(_ c: UInt32, _ p: CharacterProperties) -> Bool { CharacterSets.isArabicWordCharacter(c, p) }
    }

    /// The most passes either path runs over a text to reach a fixed point. A pass runs again when
    /// a removal moved a combining mark (`Engine.needsAnotherPass`) or a look-ahead or stretch
    /// stopped at its limit: what the pass deleted inside it may change the next pass's answer.
    static let passLimit = 6

    enum Deobfuscation {
        /// The longest stretch judged, in characters (scalars of the text as Unicode
        /// normalization leaves it): a longer one is judged on its first `stretchLimit`
        /// characters, which then hold no letter after them, so it is not joined.
        static let stretchLimit = 32

        /// What a character is to a stretch.
        enum Role { case glue, separator, carried, ends }

        /// Glue: tatweel and zero-width characters. Separators: punctuation and `| + ~ ^ ``.
        /// Carried along (neither, but the stretch goes on): diacritics, the Quranic signs among them.
        @inline(__always)
        static func role(_ c: UInt32, _ p: CharacterProperties) -> Role {
            if c == CharacterSets.tatweel || CharacterSets.isZeroWidth(c, p) { return .glue }
            if CharacterSets.isSeparator(c, p) { return .separator }
            if CharacterSets.isDiacritic(c, p) { return .carried }
            return .ends
        }

        /// A character that continues a stretch without being a combining mark (U+06DD, U+06DE,
        /// U+06E5, U+06E6, U+06E9: Quranic signs of category Lm, So, Cf). The fast paths take a
        /// plain starter as the end of a stretch, so these are never plain while `deobfuscate` is on.
        static func continuesAsStarter(_ c: UInt32, _ p: CharacterProperties) -> Bool {
            role(c, p) == .carried && p.combiningClass == 0 && !p.isMark
        }
    }

    /// The elongation rule (`elongation`): an Arabic letter written this many times in a row (no
    /// space, line end or other character written between) is written once; the slow path
    /// (`Engine.swallowRepeat`) and the block run (`arn_run_tables.repeatRun`) take it from here.
    enum Elongation {
        static let collapsedRun = 3
    }

    /// The tatweel rule (`tatweel`): tatweel is deleted, except between two digits (`1939ـ1945`,
    /// `صفحة ٥ـ١٠`), where it stands for a dash: a kashida stretches no digit, and deleting it
    /// would join two numbers into one. The run of tatweel there is kept whole: a tatweel is kept
    /// when the character written before it is a digit or a tatweel this rule kept, and the next
    /// character past what `Numbers.passedOver` passes over is a digit.
    enum Tatweel {
        @inline(__always)
        static func kept(afterDigit: Bool, afterKeptTatweel: Bool, beforeDigit: @autoclosure () -> Bool) -> Bool {
            (afterDigit || afterKeptTatweel) && beforeDigit()    // (the look-ahead only after a digit)
        }
    }

    enum Numbers {
        /// A minus sign `punctuation` keeps before a digit, whatever precedes it (`و-5`, `(-3.5)`):
        /// the hyphen-minus and its small and fullwidth forms. (U+2212 `−` is a math symbol, which
        /// `punctuation` leaves alone anyway.)
        @inline(__always)
        static func isSign(_ c: UInt32) -> Bool { c == 0x2D || c == 0xFE63 || c == 0xFF0D }

        /// What the look-ahead for a digit after a number separator passes over: what a pass
        /// deletes around a number and leaves out of the next pass's view — zero-width characters
        /// (not ZWNJ under `persian`, which becomes a space), marks and diacritics, and tatweel
        /// under the tatweel step. (`٢٥٠٬ـ٠٠` is 250,00: the separator sits between two digits once
        /// the tatweel is gone, and a pass must reach that fixed point at once.)
        @inline(__always)
        static func passedOver(_ c: UInt32, _ p: CharacterProperties, tatweelStep: Bool, persianStep: Bool) -> Bool {
            (CharacterSets.isZeroWidth(c, p) && !(persianStep && c == CharacterSets.zwnj))
                || p.isMark || CharacterSets.isDiacritic(c, p)
                || (tatweelStep && c == CharacterSets.tatweel)
        }
    }
}
