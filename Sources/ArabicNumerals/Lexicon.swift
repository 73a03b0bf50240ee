import Foundation

/// One entry of `number-words.tsv` or `number-words-dialect.tsv`.
struct LexEntry: Sendable {
    enum Kind: String, Sendable {
        case zero, unit, teen, ten, tens, hundred, scale, ordinal, fraction, fractionplural
        case nameprefix, monthprefix, monthword, eachword, ofword, point, minus
    }
    enum Number: Sendable { case none, singular, dual, plural, accdual }

    let kind: Kind
    let value: NumberValue
    /// The value as an integer (0 for fractions and for scales past Int64).
    let int: Int64
    /// For scales, the power of ten (`مليون` 6, `سبتليون` 24); 0 otherwise.
    let exponent: Int
    let ahad: Bool, twelve: Bool, notAlone: Bool, mult: Bool, needsAl: Bool, compound: Bool
    let wahid: Bool, vague: Bool
    let number: Number
    /// Dialects the form belongs to (empty for MSA forms, accepted in every mode).
    let dialects: DialectSet
    /// A dialect form that is also an ordinary word: with `Dialect.auto` it is read only next to
    /// another number word of the same expression, never alone.
    let wordLike: Bool
}

/// The number-word lexicon, loaded once from the bundled `number-words.tsv` (MSA) and
/// `number-words-dialect.tsv` (dialect forms, used only when the options accept them).
struct Lexicon: Sendable {
    /// MSA entries by packed folded key (`WordKey.pack`).
    let entries: [UInt128: LexEntry]
    /// Dialect entries by packed folded key (MSA entries win when both have a key).
    let dialect: [UInt128: LexEntry]

    /// The entry of a word written in any spelling variant (no prefixes removed), MSA first.
    func entry(for word: String, dialects: DialectSet = .all) -> LexEntry? {
        WordKey.packedKey(word).flatMap { lookup($0, dialects) }
    }

    @inline(__always)
    func lookup(_ key: UInt128, _ dialects: DialectSet) -> LexEntry? {
        if let e = entries[key] { return e }
        if dialects.isEmpty { return nil }
        if let e = dialect[key], !e.dialects.isDisjoint(with: dialects) { return e }
        return nil
    }

    static let shared: Lexicon = {
        // Compiled into the module (`.embedInCode` in Package.swift): no resource bundle to ship.
        Lexicon(tsv: String(decoding: PackageResources.number_words_tsv, as: UTF8.self),
                dialectTSV: String(decoding: PackageResources.number_words_dialect_tsv, as: UTF8.self))
    }()

    init(tsv: String, dialectTSV: String = "") {
        entries = Self.load(tsv, dialectColumn: false)
        dialect = Self.load(dialectTSV, dialectColumn: true)
    }

    /// Rows `word<TAB>kind<TAB>value<TAB>flags`, with `<TAB>dialects` after the flags in the dialect table.
    static func load(_ tsv: String, dialectColumn: Bool) -> [UInt128: LexEntry] {
        var e: [UInt128: LexEntry] = [:]
        for line in tsv.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("#") { continue }
            guard let (key, entry) = parse(line, dialectColumn: dialectColumn) else { continue }
            e[key] = entry
        }
        return e
    }

    /// One row of a lexicon table, nil if malformed.
    static func parse(_ line: Substring, dialectColumn: Bool) -> (UInt128, LexEntry)? {
        let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard f.count >= 3, let kind = LexEntry.Kind(rawValue: f[1]) else { return nil }
        let flags = Set(f.count > 3 ? f[3].split(separator: ",").map(String.init) : [])
        guard let value = NumberValue(f[2]) else { return nil }
        var exponent = 0
        if kind == .scale {
            guard f[2].hasPrefix("1"), f[2].dropFirst().allSatisfy({ $0 == "0" }) else { return nil }
            exponent = f[2].count - 1
        }
        var dialects = DialectSet()
        if dialectColumn {
            guard f.count >= 5 else { return nil }
            for name in f[4].split(separator: ",") {
                guard let d = Dialect(rawValue: String(name)) else { return nil }
                dialects.insert(d)
            }
            if dialects.isEmpty { return nil }
        }
        var number = LexEntry.Number.none
        if flags.contains("singular") { number = .singular }
        if flags.contains("dual") { number = .dual }
        if flags.contains("plural") { number = .plural }
        if flags.contains("accdual") { number = .accdual }
        let entry = LexEntry(
            kind: kind, value: value, int: value.integer ?? 0, exponent: exponent,
            ahad: flags.contains("ahad"), twelve: flags.contains("twelve"),
            notAlone: flags.contains("notalone"), mult: flags.contains("mult"),
            needsAl: flags.contains("needsal"), compound: flags.contains("compound"),
            wahid: flags.contains("wahid"), vague: flags.contains("vague"), number: number,
            dialects: dialects, wordLike: flags.contains("word"))
        guard let key = WordKey.packedKey(f[0]) else { return nil }
        return (key, entry)
    }
}

/// Folding of a word to its lexicon key, with a map back to the original scalars.
struct WordKey {
    var key: String
    /// `rawIndex[k]` is the offset in the original word of the k-th key scalar; one extra entry for the end.
    var rawIndex: [Int]
    /// The word carried tanween (ً ٌ ٍ).
    var tanween: Bool

    /// Folds one scalar: nil drops it (marks, tatweel), else the folded letter.
    @inline(__always)
    static func foldScalar(_ s: Unicode.Scalar) -> Unicode.Scalar? {
        switch s.value {
        case 0x064B...0x065F, 0x0670, 0x0640, 0x06D6...0x06ED, 0x200C, 0x200D: return nil
        case 0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673: return "\u{0627}"
        case 0x0629, 0x06C0, 0x06D5: return "\u{0647}"
        case 0x0649, 0x06CC, 0x0626, 0x06D2: return "\u{064A}"
        case 0x0624: return "\u{0648}"
        case 0x06A9: return "\u{0643}"
        default: return s
        }
    }

    static func fold(_ word: String) -> WordKey { fold(Array(word.unicodeScalars)[...]) }

    static func fold(_ word: ArraySlice<Unicode.Scalar>) -> WordKey {
        var key = String.UnicodeScalarView()
        var map: [Int] = []
        map.reserveCapacity(word.count + 1)
        var tanween = false
        var k = 0
        for s in word {
            if s.value >= 0x064B && s.value <= 0x064D { tanween = true }
            if let f = foldScalar(s) {
                key.append(f)
                map.append(k)
            }
            k += 1
        }
        map.append(k)
        return WordKey(key: String(key), rawIndex: map, tanween: tanween)
    }

    /// Code 1…42 of a folded letter in U+0621…U+064A, nil for any other letter.
    @inline(__always)
    static func code(_ s: Unicode.Scalar) -> UInt8? {
        let v = s.value
        return v >= 0x0621 && v <= 0x064A ? UInt8(v - 0x0620) : nil
    }

    /// Folds `word` into letter codes (reusing the buffers); false if it has a letter outside
    /// U+0621…U+064A after folding (then it is no number word).
    static func codes(_ word: ArraySlice<Unicode.Scalar>, into codes: inout [UInt8], rawIndex: inout [Int],
                      tanween: inout Bool) -> Bool {
        codes.removeAll(keepingCapacity: true)
        rawIndex.removeAll(keepingCapacity: true)
        tanween = false
        var k = 0
        for s in word {
            if s.value >= 0x064B && s.value <= 0x064D { tanween = true }
            if let f = foldScalar(s) {
                guard let c = code(f) else { return false }
                codes.append(c)
                rawIndex.append(k)
            }
            k += 1
        }
        rawIndex.append(k)
        return true
    }

    /// The longest word a key holds, in letters.
    static let maxKeyLetters = 21

    /// Packs up to `maxKeyLetters` letter codes into one integer key; nil if longer.
    @inline(__always)
    static func pack(_ codes: ArraySlice<UInt8>) -> UInt128? {
        guard codes.count <= maxKeyLetters else { return nil }
        var key: UInt128 = 0
        for c in codes { key = key << 6 | UInt128(c) }
        return key
    }

    /// The packed key of a whole word.
    static func packedKey(_ word: String) -> UInt128? {
        var c: [UInt8] = [], r: [Int] = [], t = false
        guard codes(Array(word.unicodeScalars)[...], into: &c, rawIndex: &r, tanween: &t) else { return nil }
        return pack(c[...])
    }
}
