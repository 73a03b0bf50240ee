import CICU

/// What the toolkit needs to know about one code point, read once from ICU's character properties.
struct CharacterProperties {
    var flags: UInt32
    var combiningClass: UInt8
    var category: UInt8
    /// Decimal digit value for Nd, -1 otherwise.
    var digitValue: Int8

    struct Flag {
        static let arabicScript: UInt32 = 1 << 0
        static let arabicBlock: UInt32 = 1 << 1
        static let bidiControl: UInt32 = 1 << 2
        static let joinControl: UInt32 = 1 << 3
        static let defaultIgnorable: UInt32 = 1 << 4
        static let whiteSpace: UInt32 = 1 << 5
        static let nfcYes: UInt32 = 1 << 6
        static let nfcMaybe: UInt32 = 1 << 7
        static let nfkcYes: UInt32 = 1 << 8
        static let nfkcMaybe: UInt32 = 1 << 9
        static let nfcBoundaryBefore: UInt32 = 1 << 10
        static let nfkcBoundaryBefore: UInt32 = 1 << 11
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

/// The properties of every code point below U+20000, built once on first use; the rest are read on demand.
enum CharacterDatabase {
    static var tableSize: Int { 0x20000 }

    nonisolated(unsafe) static let table: UnsafeMutablePointer<CharacterProperties> = {
        let table = UnsafeMutablePointer<CharacterProperties>.allocate(capacity: tableSize)
        for c in 0..<UInt32(tableSize) {
            (table + Int(c)).initialize(to: CharacterProperties(c))
        }
        return table
    }()

    @inline(__always)
    static func properties(_ c: UInt32) -> CharacterProperties {
        c < UInt32(tableSize) ? table[Int(c)] : CharacterProperties(c)
    }
}
