import Foundation

/// One entry of `number-words.tsv`.
struct LexEntry: Sendable {
    enum Kind: String, Sendable {
        case zero, unit, teen, ten, tens, hundred, scale, ordinal, fraction, fractionplural
        case nameprefix, monthprefix, monthword, eachword, ofword, point
    }
    enum Number: Sendable { case none, singular, dual, plural, accdual }

    let kind: Kind
    let value: NumberValue
    let ahad: Bool, twelve: Bool, notAlone: Bool, mult: Bool, needsAl: Bool, compound: Bool
    let wahid: Bool, vague: Bool
    let number: Number
}

/// The number-word lexicon, loaded once from the bundled `number-words.tsv`.
struct Lexicon: Sendable {
    /// Entries by packed folded key (`WordKey.pack`).
    let entries: [UInt64: LexEntry]

    /// The entry of a word written in any spelling variant (no prefixes removed).
    func entry(for word: String) -> LexEntry? {
        WordKey.packedKey(word).flatMap { entries[$0] }
    }

    static let shared: Lexicon = {
        // Compiled into the module (`.embedInCode` in Package.swift): no resource bundle to ship.
        Lexicon(tsv: String(decoding: PackageResources.number_words_tsv, as: UTF8.self))
    }()

    init(tsv: String) {
        var e: [UInt64: LexEntry] = [:]
        for line in tsv.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("#") { continue }
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 3, let kind = LexEntry.Kind(rawValue: f[1]) else { continue }
            let flags = Set(f.count > 3 ? f[3].split(separator: ",").map(String.init) : [])
            let parts = f[2].split(separator: "/").compactMap { Int64($0) }
            guard let value = parts.count == 2 ? NumberValue(parts[0], parts[1]) : NumberValue(parts.first ?? 0)
            else { continue }
            var number = LexEntry.Number.none
            if flags.contains("singular") { number = .singular }
            if flags.contains("dual") { number = .dual }
            if flags.contains("plural") { number = .plural }
            if flags.contains("accdual") { number = .accdual }
            let entry = LexEntry(
                kind: kind, value: value, ahad: flags.contains("ahad"), twelve: flags.contains("twelve"),
                notAlone: flags.contains("notalone"), mult: flags.contains("mult"),
                needsAl: flags.contains("needsal"), compound: flags.contains("compound"),
                wahid: flags.contains("wahid"), vague: flags.contains("vague"), number: number)
            guard let key = WordKey.packedKey(f[0]) else { continue }
            e[key] = entry
        }
        entries = e
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

    /// Packs up to ten letter codes into one integer key; nil if longer.
    @inline(__always)
    static func pack(_ codes: ArraySlice<UInt8>) -> UInt64? {
        guard codes.count <= 10 else { return nil }
        var key: UInt64 = 0
        for c in codes { key = key << 6 | UInt64(c) }
        return key
    }

    /// The packed key of a whole word.
    static func packedKey(_ word: String) -> UInt64? {
        var c: [UInt8] = [], r: [Int] = [], t = false
        guard codes(Array(word.unicodeScalars)[...], into: &c, rawIndex: &r, tanween: &t) else { return nil }
        return pack(c[...])
    }
}
