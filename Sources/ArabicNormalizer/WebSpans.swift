/// The `web` step's recognizers: URLs (with a scheme, `www.`, or a bare domain with a known
/// top-level domain followed by a path), e-mail addresses, `@mentions` and `#hashtags`, each
/// found from the byte that gives it away (`:` `.` `@` `#`) on one line of UTF-8, looking back a
/// bounded stretch for where it starts. Used by the engine and the reference path alike
/// (through `SpanScanner`).
///
/// | kind | shape |
/// |---|---|
/// | URL | `http://` `https://` `ftp://` `ftps://` + host + the rest; `www.` + host; `host.tld/path` with `tld` in `tlds.tsv`. The rest: ASCII other than spaces, controls and `< > " \` { } | \ ^`, and letters, marks, digits (Arabic paths) and zero-width characters of any script, `%XX` as it is. Trailing `. , ; : ! ? ' " * ]` and an unbalanced `)` are not part of it. |
/// | e-mail | local part `[A-Za-z0-9._%+-]` (not starting with a dot) `@` two or more labels `[A-Za-z0-9-]`, the last of letters |
/// | mention | `@` + `[A-Za-z0-9_]`, not after a letter or digit (a one-letter proclitic `و ف ب ل ك` starting a word may stand before it; not one that de-obfuscation may glue to the word before it, `صـ.و@user`) |
/// | hashtag | `#` + letters, marks, digits and `_` of any script, at least one letter, not after a letter, a digit, another `#` or URL syntax (`/ : = ? & % @ .`) (but after a proclitic, as for a mention), not followed by `/`, `@`, or `.`/`:` and a host |
enum WebSpans {
    /// How far back a scheme or an e-mail's local part is looked for.
    static let lookBehind = 64
    /// How far back a bare domain's host is looked for.
    static let hostLookBehind = 253
    static let schemes: Set<String> = ["http", "https", "ftp", "ftps"]

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) static func isHostByte(_ b: UInt8) -> Bool { isLetter(b) || isDigit(b) || b == 0x2D }
    /// Is the character before `s` (not before `from`) one that a step writes as an ASCII letter
    /// or digit: a digit of any script (the digits step), a fullwidth letter or digit (NFKC)? A
    /// URL read after it would be none in the output (`٧http://…` is `7http://…`).
    static func becomesLocalByte(_ p: UnsafePointer<UInt8>, _ s: Int, from: Int) -> Bool {
        guard s > from, p[s - 1] >= 0x80 else { return false }
        guard let (c, _) = UTF8Decoding.scalar(endingAt: s, p, from: from) else { return false }
        return PropertyTable.properties(c).isDigit || (0xFF10...0xFF19).contains(c)
            || (0xFF21...0xFF3A).contains(c) || (0xFF41...0xFF5A).contains(c)
    }

    @inline(__always) static func isLocalByte(_ b: UInt8) -> Bool {
        isLetter(b) || isDigit(b) || b == 0x2E || b == 0x5F || b == 0x25 || b == 0x2B || b == 0x2D
    }

    /// A URL whose scheme ends at `i` (`p[i] == :`, followed by `//`).
    static func schemeURL(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, from: Int) -> Range<Int>? {
        guard i + 3 < n, p[i + 1] == 0x2F, p[i + 2] == 0x2F else { return nil }
        var s = i
        while s > from && i - s < 8 && isLetter(p[s - 1]) { s -= 1 }
        guard s < i, s == from || !(isLocalByte(p[s - 1]) || becomesLocalByte(p, s, from: from)) else { return nil }
        var scheme = ""
        for k in s..<i { scheme.unicodeScalars.append(Unicode.Scalar(p[k] | 0x20)) }
        guard schemes.contains(scheme) else { return nil }
        let hostStart = i + 3
        // The host starts with a letter or a digit (of any script).
        guard isLetter(p[hostStart]) || isDigit(p[hostStart]) || p[hostStart] >= 0xC2 else { return nil }
        let end = trimmed(p, hostStart, rest(p, hostStart, n))
        return end > hostStart ? s..<end : nil
    }

    /// A URL starting `www.` whose dot is at `i`.
    static func wwwURL(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, from: Int) -> Range<Int>? {
        let s = i - 3
        guard s >= from, p[s] | 0x20 == 0x77, p[s + 1] | 0x20 == 0x77, p[s + 2] | 0x20 == 0x77 else { return nil }
        guard s == from || !(isLocalByte(p[s - 1]) || p[s - 1] == 0x2F || p[s - 1] == 0x40
                             || becomesLocalByte(p, s, from: from)) else { return nil }
        // A host of two labels or more after "www.".
        var j = i + 1, labels = 0
        while true {
            let start = j
            while j < n && isHostByte(p[j]) { j += 1 }
            guard j > start else { return nil }
            labels += 1
            guard j + 1 < n, p[j] == 0x2E, isHostByte(p[j + 1]) else { break }
            j += 1
        }
        guard labels >= 2 else { return nil }
        let end = trimmed(p, i + 1, rest(p, j, n))
        return s..<end
    }

    /// A bare domain whose last dot is at `i`: a known top-level domain after it, then `/`.
    static func bareURL(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, from: Int) -> Range<Int>? {
        var j = i + 1
        while j < n && isLetter(p[j]) && j - i <= 24 { j += 1 }
        guard j - i > 2, j < n, p[j] == 0x2F else { return nil }
        var tld = ""
        for k in (i + 1)..<j { tld.unicodeScalars.append(Unicode.Scalar(p[k] | 0x20)) }
        guard SpanTables.topLevelDomains.contains(tld) else { return nil }
        var s = i
        while s > from && i - s < hostLookBehind && (isHostByte(p[s - 1]) || p[s - 1] == 0x2E) { s -= 1 }
        guard s < i, isLetter(p[s]) || isDigit(p[s]) else { return nil }
        guard s == from || !(isLocalByte(p[s - 1]) || p[s - 1] == 0x2F || p[s - 1] == 0x40 || p[s - 1] == 0x3A
                             || becomesLocalByte(p, s, from: from)) else { return nil }
        let end = trimmed(p, j, rest(p, j, n))
        return s..<end
    }

    /// Where the rest of a URL from `j` ends (before trimming).
    static func rest(_ p: UnsafePointer<UInt8>, _ j: Int, _ n: Int) -> Int {
        var k = j
        while k < n {
            let b = p[k]
            if b < 0x80 {
                if b <= 0x20 || b == 0x7F { break }
                switch b {
                case 0x3C, 0x3E, 0x22, 0x60, 0x7B, 0x7D, 0x7C, 0x5C, 0x5E: return k
                default: k += 1
                }
                continue
            }
            let (c, length) = UTF8Decoding.decode(p, k, n)
            guard c != UTF8Decoding.invalid else { break }
            let props = PropertyTable.properties(c)
            guard props.isLetter || props.isMark || props.isDigit || CharacterSets.isZeroWidth(c, props) else { break }
            k += length
        }
        return k
    }

    /// `end` less trailing punctuation (and a `)` that closes nothing inside).
    static func trimmed(_ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        var e = end
        var opens = 0, closes = 0
        for k in start..<end { if p[k] == 0x28 { opens += 1 } else if p[k] == 0x29 { closes += 1 } }
        while e > start {
            let b = p[e - 1]
            if b == 0x29 {
                if opens >= closes { break }
                closes -= 1
                e -= 1
                continue
            }
            guard [0x2E, 0x2C, 0x3B, 0x3A, 0x21, 0x3F, 0x27, 0x22, 0x2A, 0x5D].contains(b) else { break }
            e -= 1
        }
        return e
    }

    /// An e-mail address whose `@` is at `i`.
    static func email(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, from: Int) -> Range<Int>? {
        var s = i
        while s > from && i - s < lookBehind && isLocalByte(p[s - 1]) { s -= 1 }
        guard s < i, p[s] != 0x2E, s == from || !isLocalByte(p[s - 1]) else { return nil }
        var j = i + 1, labels = 0, lastLabelLetters = false
        while true {
            let start = j
            var letters = true
            while j < n && isHostByte(p[j]) { letters = letters && isLetter(p[j]); j += 1 }
            guard j > start else { return nil }
            labels += 1
            lastLabelLetters = letters && j - start >= 2
            guard j + 1 < n, p[j] == 0x2E, isHostByte(p[j + 1]) else { break }
            j += 1
        }
        guard labels >= 2, lastLabelLetters else { return nil }
        return s..<j
    }

    /// A mention whose `@` is at `i`.
    static func mention(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, from: Int) -> Range<Int>? {
        guard !wordBefore(p, i, from: from, proclitics: true) else { return nil }
        var j = i + 1
        while j < n && (isLetter(p[j]) || isDigit(p[j]) || p[j] == 0x5F) { j += 1 }
        return j > i + 1 ? i..<j : nil
    }

    /// A hashtag whose `#` is at `i`, and its words (`_` as spaces, without the `#`).
    static func hashtag(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, from: Int) -> Range<Int>? {
        // Not glued to URL syntax before it (`https://#…`, `&#…`, `a=#…`): its words could make one.
        // Nor after another `#` (`##tag`): its words would leave `#tag`, a hashtag for the next run.
        guard !wordBefore(p, i, from: from, proclitics: true, alsoCounting: 0x23),
              i == from || !urlSyntax.contains(p[i - 1]) else { return nil }
        var j = i + 1
        var letter = false
        while j < n {
            let b = p[j]
            if b < 0x80 {
                if isLetter(b) { letter = true } else if !(isDigit(b) || b == 0x5F) { break }
                j += 1
                continue
            }
            let (c, length) = UTF8Decoding.decode(p, j, n)
            guard c != UTF8Decoding.invalid else { break }
            let props = PropertyTable.properties(c)
            if props.isLetter { letter = true }
            else if !(props.isMark || props.isDigit || CharacterSets.isZeroWidth(c, props)) { break }
            j += length
        }
        guard letter else { return nil }
        // Nor continued by it (`#example.com/a`, `#user@mail.com`): the URL or address is read instead.
        if j < n && (p[j] == 0x2F || p[j] == 0x40
                     || ((p[j] == 0x2E || p[j] == 0x3A) && j + 1 < n && (isHostByte(p[j + 1]) || p[j + 1] == 0x2F))) {
            return nil
        }
        return i..<j
    }

    /// How far back, in bytes, a recognizer may look from a span's start (`wordBefore` over
    /// marks and a proclitic, `joinableBefore` over a stretch, four bytes a scalar).
    static let lookBehindBytes = 4 * (2 * (ContextRules.lookAhead + 1) + ContextRules.Deobfuscation.stretchLimit + 1)

    /// ASCII that joins the parts of a URL: a `#` right after one is no hashtag.
    static let urlSyntax: Set<UInt8> = [0x2F, 0x3A, 0x3D, 0x3F, 0x26, 0x25, 0x40, 0x2E]

    /// The words of a hashtag: without `#`, `_` as a space.
    static func hashtagWords(_ p: UnsafePointer<UInt8>, _ span: Range<Int>) -> [UInt8] {
        var words: [UInt8] = []
        words.reserveCapacity(span.count)
        for k in (span.lowerBound + 1)..<span.upperBound { words.append(p[k] == 0x5F ? 0x20 : p[k]) }
        return words
    }

    /// The one-letter Arabic proclitics (`و` and, `ف` so, `ب` with, `ل` for, `ك` like) that may
    /// stand glued before a mention or hashtag (`و@user`, `ل#وسم`) without making it part of a word.
    static let proclitics: Set<UInt32> = [0x648, 0x641, 0x628, 0x644, 0x643]

    /// Could de-obfuscation glue the character at `s` to a word before it? Yes when a stretch of
    /// glue, separators and diacritics (`ContextRules.Deobfuscation`) holding glue and a separator,
    /// within the stretch limit, ends at `s` and follows a letter (`صـ.و#وسم` becomes `صو#وسم`):
    /// a proclitic there starts no word in the output, so it must not in the input either, or the
    /// pass's output is not a fixed point.
    static func joinableBefore(_ p: UnsafePointer<UInt8>, _ s: Int, from: Int) -> Bool {
        var end = s, glue = false, separator = false
        for _ in 0...ContextRules.Deobfuscation.stretchLimit {
            guard end > from else { return false }
            guard let (c, start) = UTF8Decoding.scalar(endingAt: end, p, from: from) else { return false }
            let props = PropertyTable.properties(c)
            switch ContextRules.Deobfuscation.role(c, props) {
            case .glue: glue = true
            case .separator: separator = true
            case .carried: break
            case .ends: return glue && separator && props.isLetter
            }
            end = start
        }
        return false
    }

    /// Is the character before `i` (not before `from`) a letter, a digit or `_`? Marks,
    /// zero-width characters and tatweel (what other steps may delete) are looked past, at most
    /// `ContextRules.lookAhead` of them, so the answer is the same on the output. With
    /// `proclitics`, one of `proclitics` that itself starts a word does not count (`و@user`);
    /// `extra`, an ASCII byte that counts as a word character here.
    static func wordBefore(_ p: UnsafePointer<UInt8>, _ i: Int, from: Int, proclitics: Bool = false,
                           alsoCounting extra: UInt8? = nil) -> Bool {
        var end = i
        for _ in 0...ContextRules.lookAhead {
            guard end > from else { return false }
            let b = p[end - 1]
            if b < 0x80 { return isLetter(b) || isDigit(b) || b == 0x5F || b == extra }
            guard let (c, s) = UTF8Decoding.scalar(endingAt: end, p, from: from) else { return false }
            let props = PropertyTable.properties(c)
            if props.isLetter && c != CharacterSets.tatweel || props.isDigit {
                return !(proclitics && Self.proclitics.contains(c) && !wordBefore(p, s, from: from)
                         && !joinableBefore(p, s, from: from))
            }
            guard props.isMark || c == CharacterSets.tatweel || CharacterSets.isZeroWidth(c, props) else { return false }
            end = s
        }
        return true
    }
}
