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
    /// The word carries a preposition (`ب`, `ل`, `ك`), `ف` or the article: it cannot continue a number
    /// expression (`ثمانية بالمئة` is 8 percent, not 800).
    var prefixed: Bool
    /// The word carries tanween.
    var tanween: Bool
    /// Only spaces (and a lone `و`) separate this unit from the previous one.
    var linked: Bool
    /// A digit run too long to be a quantity (more than 24 digits).
    var oversized = false
    /// `مية`/`ميه` spelled with a plain ي (no hamza): also "water" in Egyptian and Levantine speech.
    var plainYehHundred = false
    /// A word outside the lexicon that carries the article (`السنة`, `والسنوات`, `للسنة`).
    var definite = false
    /// Only spaces (and a lone `و`) separate this unit from the previous one, for any unit (`linked`
    /// is false for words outside the lexicon, which never continue a number).
    var adjacent = false
}

enum TextScanner {
    /// Prefix combinations tried on a word that is not itself in the lexicon, shortest first.
    /// `keep` is how many of the prefix letters stay in the text (the article is dropped).
    static let prefixes: [(text: [Unicode.Scalar], keep: Int, conj: Bool, al: Bool, prep: Bool)] = {
        var list: [(text: [Unicode.Scalar], keep: Int, conj: Bool, al: Bool, prep: Bool)] = []
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
                    list.append((Array(s.unicodeScalars), keep, conj == "و", art, !prep.isEmpty || conj == "ف"))
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

    /// Prefixes as letter codes.
    static let prefixCodes: [(codes: [UInt8], keep: Int, conj: Bool, al: Bool, prep: Bool)] =
        prefixes.map { p in (p.text.map { WordKey.code($0)! }, p.keep, p.conj, p.al, p.prep) }

    static let waw = WordKey.code("و")!, feh = WordKey.code("ف")!, beh = WordKey.code("ب")!
    static let lam = WordKey.code("ل")!, kaf = WordKey.code("ك")!, alef = WordKey.code("ا")!

    /// The longest word looked up, in letters (prefixes included).
    static let maxLetters = 24

    /// Looks up the word `s[from..<to]`: the whole word first, then with prefixes removed.
    /// `codes` is scratch space for `maxLetters` letter codes. Works on raw buffers so that it stays
    /// cheap in debug builds too (it runs once per Arabic word of the text).
    static func lookup(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ from: Int, _ to: Int, lexicon: Lexicon,
                       dialects: DialectSet, codes: UnsafeMutablePointer<UInt8>)
        -> (entry: LexEntry, keep: Int, conj: Bool, al: Bool, prep: Bool, tanween: Bool)?
    {
        var count = 0, tanween = false
        var key: UInt128 = 0
        var r = from
        while r < to {
            let v = s[r].value
            if v >= 0x064B && v <= 0x064D { tanween = true }
            if let f = WordKey.foldScalar(s[r]) {
                guard let c = WordKey.code(f), count < maxLetters else { return nil }
                codes[count] = c
                count += 1
                key = key << 6 | UInt128(c)
            }
            r += 1
        }
        guard count >= 2 else { return nil }
        // `وأحد`/`وإحدى` fold like `واحد`: with a hamza on the alef the و is the conjunction.
        let second = to - from > 2 ? s[from + 1].value : 0
        let hamzaAfterWaw = s[from] == "و" && (second == 0x0622 || second == 0x0623 || second == 0x0625)
        if !hamzaAfterWaw && count <= WordKey.maxKeyLetters, let e = lexicon.lookup(key, dialects) {
            return (e, 0, false, false, false, tanween)
        }
        // Every prefix starts with و ف ب ل ك or ا.
        switch codes[0] {
        case waw, feh, beh, lam, kaf, alef: break
        default: return nil
        }
        let table = prefixCodes
        var n = 0
        while n < table.count {
            let p = table[n]
            n += 1
            let length = p.codes.count
            let stemLength = count - length
            if stemLength < 2 || stemLength > WordKey.maxKeyLetters || (stemLength == 2 && !(length == 1 && p.conj)) { continue }
            var k = 0
            while k < length && codes[k] == p.codes[k] { k += 1 }
            if k < length { continue }
            var stemKey: UInt128 = 0
            for m in length..<count { stemKey = stemKey << 6 | UInt128(codes[m]) }
            if let e = lexicon.lookup(stemKey, dialects) {
                // Raw offset of the first letter after the kept prefix letters.
                var seen = 0, raw = from
                while raw < to {
                    if WordKey.foldScalar(s[raw]) != nil {
                        if seen == p.keep { break }
                        seen += 1
                    }
                    raw += 1
                }
                return (e, raw - from, p.conj, p.al, p.prep, tanween)
            }
        }
        return nil
    }

    /// The word `s[from..<to]` starts with the article, after at most one of `و`/`ف` and one of `ب`/`ك`
    /// (`ال…`, `وال…`, `بال…`), or with `لل`.
    static func hasArticle(_ s: UnsafeBufferPointer<Unicode.Scalar>, _ from: Int, _ to: Int) -> Bool {
        var k = from
        if k < to, s[k] == "و" || s[k] == "ف" { k += 1 }
        if k + 1 < to, s[k] == "ل", s[k + 1] == "ل" { return to - k > 3 }
        if k < to, s[k] == "ب" || s[k] == "ك" { k += 1 }
        return k + 1 < to && (s[k] == "ا" || s[k] == "\u{0671}") && s[k + 1] == "ل" && to - k > 3
    }

    /// Scans `s` into units.
    static func scan(_ s: [Unicode.Scalar], lexicon: Lexicon, dialects: DialectSet = []) -> [ScanUnit] {
        let codes = UnsafeMutablePointer<UInt8>.allocate(capacity: maxLetters)
        defer { codes.deallocate() }
        return s.withUnsafeBufferPointer { scan($0, s, lexicon: lexicon, dialects: dialects, codes: codes) }
    }

    static func scan(_ buf: UnsafeBufferPointer<Unicode.Scalar>, _ s: [Unicode.Scalar], lexicon: Lexicon,
                     dialects: DialectSet, codes: UnsafeMutablePointer<UInt8>) -> [ScanUnit] {
        var units: [ScanUnit] = []
        var i = 0
        let n = s.count
        var linked = false        // only spaces since the last unit
        var loneWaw = false       // a lone و (and spaces) since the last unit
        var loneWawLinked = false
        while i < n {
            let c = buf[i]
            if isSpace(c) { i += 1; continue }
            if isWordScalar(c) {
                var j = i + 1
                while j < n, isWordScalar(buf[j]) { j += 1 }
                // A lone و, possibly with marks.
                var isWaw = c == "و"
                if isWaw {
                    var k = i + 1
                    while k < j { if WordKey.foldScalar(buf[k]) != nil { isWaw = false; break }; k += 1 }
                }
                if isWaw {
                    loneWaw = true
                    loneWawLinked = linked
                    linked = true
                    i = j
                    continue
                }
                let wasLinked = loneWaw ? loneWawLinked : linked
                if let hit = lookup(buf, i, j, lexicon: lexicon, dialects: dialects, codes: codes) {
                    units.append(ScanUnit(
                        entry: hit.entry, digits: nil, start: i + hit.keep, end: j,
                        conj: hit.conj || loneWaw, al: hit.al, prefixed: hit.al || hit.prep, tanween: hit.tanween,
                        linked: !units.isEmpty && wasLinked))
                    if hit.entry.kind == .hundred, hit.entry.int == 100 {
                        units[units.count - 1].plainYehHundred = (i..<j).contains { buf[$0] == "\u{064A}" }
                    }
                } else {
                    units.append(ScanUnit(entry: nil, digits: nil, start: i, end: j, conj: false, al: false,
                                          prefixed: false, tanween: false, linked: false,
                                          definite: hasArticle(buf, i, j), adjacent: !units.isEmpty && wasLinked))
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
                    conj: loneWaw, al: false, prefixed: false, tanween: false, linked: !units.isEmpty && wasLinked,
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
