import CICU

/// What the toolkit needs to know about one code point, read once from ICU's character properties.
struct CharacterProperties {
    var flags: UInt32
    var combiningClass: UInt8
    var category: UInt8
    /// Decimal digit value for Nd, -1 otherwise.
    var digitValue: Int8

    /// The flag bits (the C shim's, so that `cicu_fill_properties` fills them).
    struct Flag {
        static let arabicScript = UInt32(CICU_FLAG_ARABIC_SCRIPT)
        static let arabicBlock = UInt32(CICU_FLAG_ARABIC_BLOCK)
        static let bidiControl = UInt32(CICU_FLAG_BIDI_CONTROL)
        static let joinControl = UInt32(CICU_FLAG_JOIN_CONTROL)
        static let defaultIgnorable = UInt32(CICU_FLAG_DEFAULT_IGNORABLE)
        static let whiteSpace = UInt32(CICU_FLAG_WHITE_SPACE)
        static let nfcYes = UInt32(CICU_FLAG_NFC_YES)
        static let nfcMaybe = UInt32(CICU_FLAG_NFC_MAYBE)
        static let nfkcYes = UInt32(CICU_FLAG_NFKC_YES)
        static let nfkcMaybe = UInt32(CICU_FLAG_NFKC_MAYBE)
        static let nfcBoundaryBefore = UInt32(CICU_FLAG_NFC_BOUNDARY_BEFORE)
        static let nfkcBoundaryBefore = UInt32(CICU_FLAG_NFKC_BOUNDARY_BEFORE)
    }

    init(flags: UInt32, combiningClass: UInt8, category: UInt8, digitValue: Int8) {
        self.flags = flags
        self.combiningClass = combiningClass
        self.category = category
        self.digitValue = digitValue
    }

    init(_ c: UInt32) {
        var f: UInt32 = 0
        func set(_ flag: UInt32, _ on: Bool) { if on { f |= flag } }
        set(Flag.arabicScript, cicu_property(c, CICU_PROP_SCRIPT_IS_ARABIC) != 0)
        set(Flag.arabicBlock, cicu_property(c, CICU_PROP_IN_ARABIC_BLOCK) != 0)
        set(Flag.bidiControl, cicu_property(c, CICU_PROP_BIDI_CONTROL) != 0)
        set(Flag.joinControl, cicu_property(c, CICU_PROP_JOIN_CONTROL) != 0)
        set(Flag.defaultIgnorable, cicu_property(c, CICU_PROP_DEFAULT_IGNORABLE) != 0)
        set(Flag.whiteSpace, cicu_property(c, CICU_PROP_WHITE_SPACE) != 0)
        let nfc = cicu_quick_check(CICU_NFC, c), nfkc = cicu_quick_check(CICU_NFKC, c)
        set(Flag.nfcYes, nfc == 1)
        set(Flag.nfcMaybe, nfc == 2)
        set(Flag.nfkcYes, nfkc == 1)
        set(Flag.nfkcMaybe, nfkc == 2)
        set(Flag.nfcBoundaryBefore, cicu_has_boundary_before(CICU_NFC, c) != 0)
        set(Flag.nfkcBoundaryBefore, cicu_has_boundary_before(CICU_NFKC, c) != 0)
        flags = f
        combiningClass = UInt8(truncatingIfNeeded: cicu_combining_class(c))
        category = UInt8(truncatingIfNeeded: cicu_property(c, CICU_PROP_GENERAL_CATEGORY))
        digitValue = Int8(truncatingIfNeeded: cicu_property(c, CICU_PROP_DIGIT_VALUE))
    }

    func has(_ flag: UInt32) -> Bool { flags & flag != 0 }

    var isLetter: Bool { category == UInt8(CICU_GC_LETTER.rawValue) }
    var isMark: Bool {
        category == UInt8(CICU_GC_NONSPACING_MARK.rawValue) || category == UInt8(CICU_GC_OTHER_MARK.rawValue)
    }
    var isFormat: Bool { category == UInt8(CICU_GC_FORMAT.rawValue) }
    var isPunctuation: Bool {
        category == UInt8(CICU_GC_PUNCTUATION.rawValue) || category == UInt8(CICU_GC_CONNECTOR_PUNCTUATION.rawValue)
            || category == UInt8(CICU_GC_DASH_PUNCTUATION.rawValue)
    }
    var isDigit: Bool { digitValue >= 0 }
    var isSpaceSeparator: Bool { category == UInt8(CICU_GC_SPACE_SEPARATOR.rawValue) }
}
