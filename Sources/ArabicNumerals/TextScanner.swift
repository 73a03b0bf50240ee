/// Splits a line into the units the number-words grammar works on: Arabic words (looked up in the
/// lexicon with their attached prefixes removed) and digit runs, each knowing whether only
/// spaces (and possibly a lone `و`) separate it from the previous unit.
struct ScanUnit {
    /// Lexicon entry of the word's stem, nil for digits and unknown words.
    var entry: LexEntry?
    /// Value of a digit run (nil for words, and for digit runs inside identifiers).
    var digits: NumberValue?
    /// Scalar offset where a number starting here begins (after the kept prefix `و`/`ب`/`ل`/`ك`/`ف`).
    var start: Int
    /// Scalar offset just after the unit.
    var end: Int
    /// The word carries the conjunction `و` (attached, or a lone `و` before it).
    var conj: Bool
    /// The word carries the article `ال`.
    var al: Bool
    /// The word carries tanween.
    var tanween: Bool
    /// Only spaces (and a lone `و`) separate this unit from the previous one.
    var linked: Bool
    /// A digit run too long to be a number (more than 18 digits).
    var oversized = false
}

enum TextScanner {
    /// Prefix combinations tried on a word that is not itself in the lexicon, shortest first.
    /// `keep` is how many of the prefix letters stay in the text (the article is dropped).
    static let prefixes: [(text: [Unicode.Scalar], keep: Int, conj: Bool, al: Bool)] = {
        var list: [(text: [Unicode.Scalar], keep: Int, conj: Bool, al: Bool)] = []
        for conj in ["", "و", "ف"] {
            for prep in ["", "ب", "ل", "ك"] {
                for art in [false, true] {
                    var s: String, keep: Int
                    if prep == "ل" && art {
                        s = conj + "لل"; keep = conj.count + 1
                    } else {
                        s = conj + prep + (art ? "ال" : ""); keep = conj.count + prep.count
                    }
                    if s.isEmpty { continue }
                    list.append((Array(s.unicodeScalars), keep, conj == "و", art))
                }
            }
        }
        return list.sorted { $0.text.count < $1.text.count }
    }()

    @inline(__always)
    static func isWordScalar(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0621...0x065F, 0x0670...0x06D3, 0x06D5...0x06ED, 0x06FA...0x06FF: return true
        default: return false
        }
    }

    @inline(__always)
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// Reusable buffers for `lookup`.
    struct Buffers {
        var codes: [UInt8] = []
        var rawIndex: [Int] = []
        init() {
            codes.reserveCapacity(16)
            rawIndex.reserveCapacity(32)
        }
    }

    /// Prefixes as letter codes.
    static let prefixCodes: [(codes: [UInt8], keep: Int, conj: Bool, al: Bool)] =
        prefixes.map { p in (p.text.map { WordKey.code($0)! }, p.keep, p.conj, p.al) }

    static let prefixStarts: Set<UInt8> = Set(prefixCodes.map { $0.codes[0] })

    /// Looks a word up: the whole word first, then with prefixes removed.
    static func lookup(_ word: ArraySlice<Unicode.Scalar>, lexicon: Lexicon, buffers b: inout Buffers)
        -> (entry: LexEntry, keep: Int, conj: Bool, al: Bool, tanween: Bool)?
    {
        var tanween = false
        guard WordKey.codes(word, into: &b.codes, rawIndex: &b.rawIndex, tanween: &tanween) else { return nil }
        let codes = b.codes
        guard codes.count >= 2, codes.count <= 14 else { return nil }
        // `وأحد`/`وإحدى` fold like `واحد`: with a hamza on the alef the و is the conjunction.
        let hamzaAfterWaw = word.count > 2 && word.first == "و"
            && [0x0622, 0x0623, 0x0625].contains(word[word.startIndex + 1].value)
        if !hamzaAfterWaw, let key = WordKey.pack(codes[...]), let e = lexicon.entries[key] {
            return (e, 0, false, false, tanween)
        }
        // Every prefix starts with و ف ب ل ك or ا.
        guard prefixStarts.contains(codes[0]) else { return nil }
        for p in prefixCodes {
            let stemLength = codes.count - p.codes.count
            guard stemLength >= 2, codes.starts(with: p.codes) else { continue }
            if stemLength == 2 && !(p.codes.count == 1 && p.conj) { continue }
            if let key = WordKey.pack(codes[p.codes.count...]), let e = lexicon.entries[key] {
                return (e, b.rawIndex[p.keep], p.conj, p.al, tanween)
            }
        }
        return nil
    }

    /// Scans `s` into units.
    static func scan(_ s: [Unicode.Scalar], lexicon: Lexicon) -> [ScanUnit] {
        var units: [ScanUnit] = []
        var buffers = Buffers()
        var i = 0
        let n = s.count
        var linked = false        // only spaces since the last unit
        var loneWaw = false       // a lone و (and spaces) since the last unit
        var loneWawLinked = false
        while i < n {
            let c = s[i]
            if isSpace(c) { i += 1; continue }
            if isWordScalar(c) {
                var j = i + 1
                while j < n, isWordScalar(s[j]) { j += 1 }
                let word = s[i..<j]
                // A lone و, possibly with marks.
                let isWaw = c == "و" && word.dropFirst().allSatisfy { WordKey.foldScalar($0) == nil }
                if isWaw {
                    loneWaw = true
                    loneWawLinked = linked
                    linked = true
                    i = j
                    continue
                }
                let wasLinked = loneWaw ? loneWawLinked : linked
                if let hit = lookup(word, lexicon: lexicon, buffers: &buffers) {
                    units.append(ScanUnit(
                        entry: hit.entry, digits: nil, start: i + hit.keep, end: j,
                        conj: hit.conj || loneWaw, al: hit.al, tanween: hit.tanween,
                        linked: !units.isEmpty && wasLinked))
                } else {
                    units.append(ScanUnit(entry: nil, digits: nil, start: i, end: j, conj: false, al: false,
                                          tanween: false, linked: false))
                }
                loneWaw = false
                linked = true
                i = j
                continue
            }
            if DigitSystem.classify(c) != nil {
                var j = i + 1
                while j < n {
                    if DigitSystem.classify(s[j]) != nil { j += 1; continue }
                    if DigitConverter.isSeparator(s[j]), j + 1 < n, DigitSystem.classify(s[j + 1]) != nil { j += 1; continue }
                    break
                }
                let identifier = (i > 0 && DigitConverter.isIdentifierChar(s[i - 1]))
                    || (j < n && DigitConverter.isIdentifierChar(s[j]))
                let wasLinked = loneWaw ? loneWawLinked : linked
                let value = identifier ? nil : NumberValue(digits: s[i..<j])
                units.append(ScanUnit(
                    entry: nil, digits: value, start: i, end: j,
                    conj: loneWaw, al: false, tanween: false, linked: !units.isEmpty && wasLinked,
                    oversized: !identifier && value == nil))
                loneWaw = false
                linked = true
                i = j
                continue
            }
            // Anything else breaks number expressions.
            linked = false
            loneWaw = false
            i += 1
        }
        return units
    }
}
