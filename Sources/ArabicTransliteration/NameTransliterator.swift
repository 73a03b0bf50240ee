import Foundation

/// Readable English spellings of names, as English-language news writes them.
///
/// `بشار الأسد` → `Bashar al-Assad`, `عبد الله` → `Abdullah`, `يوري بورينكوف` →
/// `Yuri Borenkov`. Known names come from ``NameLexicon``; the rest from rules
/// for the article, `عبد` compounds, `ابن/بن/أبو`, teh marbuta, long vowels and
/// glides, vowel inference, and foreign names. Text in other non-Latin scripts
/// goes through ICU's `Any-Latin`.
public struct NameTransliterator: Transliterator {
    /// How the article `ال` is written.
    public enum ArticleStyle: String, Sendable, CaseIterable {
        /// `al-Assad` (the default).
        case al
        /// `Al Assad`, as in Gulf family names (`Al Thani`).
        case alCapital = "Al"
        /// `el-Sisi`, Egyptian style.
        case el
        /// `Assad`: the article is dropped.
        case none
    }

    /// How the article is written.
    public var article: ArticleStyle
    /// Whether the article assimilates to sun letters (`ash-Shami` rather than `al-Shami`).
    public var assimilatesSunLetters: Bool
    /// How many spellings to give for each name, joined with `|` (1 gives one spelling).
    public var variants: Int
    /// The lexicon consulted before the rules.
    public var lexicon: NameLexicon

    /// Creates a name transliterator.
    public init(article: ArticleStyle = .al, assimilatesSunLetters: Bool = false, variants: Int = 1,
                lexicon: NameLexicon = .bundled) {
        self.article = article
        self.assimilatesSunLetters = assimilatesSunLetters
        self.variants = max(1, variants)
        self.lexicon = lexicon
    }

    /// The spellings of `text`, most likely first (at most ``variants``).
    public func spellings(_ text: String) -> [String] {
        let pieces = ArabicScript.pieces(cleaned(text))
        // Each piece becomes a list of alternatives; the variants combine them.
        var parts: [[String]] = []
        var i = 0
        var sentenceStart = true
        // A line that is one Arabic word is most often a place (الرقة → Raqqa), written without the article.
        let loneWord = pieces.filter { if case .arabic = $0 { return true } else { return false } }.count == 1
        let (foreign, joined) = foreignNames(pieces)
        while i < pieces.count {
            switch pieces[i] {
            case .other(let s):
                let str = String(s)
                parts.append([joined.contains(i) ? "" : otherScript(str)])
                if str.contains(where: { ".!?:;،؛\n(\"«“".contains($0) }) { sentenceStart = true }
                i += 1
            case .arabic(let w) where foreign.contains(i) && isForeignWord(String(w))
                    && phrase(pieces, at: i, sentenceStart: sentenceStart).1 == 1:
                var alts = foreignWord(String(w))
                if joined.contains(i - 1) { alts = alts.map { $0.lowercased() } }
                parts.append(alts)
                sentenceStart = false
                i += 1
            case .arabic(let w):
                var (alts, consumed) = phrase(pieces, at: i, sentenceStart: sentenceStart, loneWord: loneWord)
                if consumed == 1, let ending = tehMarbutaEnding(pieces, at: i, word: String(w)) {
                    alts = withEnding(alts, ending)
                }
                // A word the lexicon does not know, no particle and without a proclitic: read by
                // where it stands in the name, a family name as فعّال, a word before another as مُفعِل.
                if consumed == 1, lexicon.lookup(String(w)) == nil, proclitic(String(w)) == nil,
                   Self.particles[NameLexicon.key(String(w))] == nil {
                    let units = ArabicScript.units(w.unicodeScalars)
                    let wordsFromHere = words(pieces, from: i, limit: 2).count
                    if wordsFromHere == 1, isFamilyPosition(pieces, at: i), let doubled = NameRules.doubledFamilyName(units) {
                        alts = doubled.map(capitalize)
                    }
                    if wordsFromHere == 2, let participle = NameRules.participleGivenName(units) {
                        alts = participle.map(capitalize)
                    }
                }
                parts.append(joined.contains(i - 1) ? alts.map { $0.lowercased() } : alts)
                sentenceStart = false
                i += consumed
            }
        }
        return combine(parts, limit: variants)
    }

    /// How the rules write the teh marbuta of the word at `i`, when its place in the name decides:
    /// `at` before a word with the article (the construct state of place and organization names:
    /// طيبة الإمام → Taybat al-Imam, حركة ... → Harakat), `eh` in a family name after a given
    /// name (Levantine names as English news writes them: زيتونة → Zaitouneh, جودة → Joudeh),
    /// except after the letters that keep a (ح خ ع غ ق ص ض ط ظ ر ه ء). Nil for words the lexicon
    /// knows and elsewhere.
    func tehMarbutaEnding(_ pieces: [ArabicScript.Piece], at i: Int, word: String) -> String? {
        let units = ArabicScript.units(Substring(word).unicodeScalars)
        let letters = units.map(\.letter)
        guard letters.count >= 3, letters.last == "ة", !units.contains(where: { $0.vowel != nil }),
              lexicon.lookup(word) == nil, proclitic(word) == nil, Self.particles[NameLexicon.key(word)] == nil else { return nil }
        if let (_, rest) = splitArticle(word), lexicon.lookup(rest, preferring: .family) != nil { return nil }
        let next = words(pieces, from: i, limit: 2)
        // (A word with the article is not in the construct state: المحلة الكبرى is Mahalla al-Kubra.)
        if next.count == 2, splitArticle(String(next[1].word)) != nil, letters.count >= 4, splitArticle(word) == nil {
            return "at"
        }
        // A family name: not the first word of its name, after a word that is not a particle (بن, أبو, عبد).
        guard i >= 2, case .other(let sep) = pieces[i - 1], sep.allSatisfy({ $0 == " " || $0 == "\u{00A0}" }),
              case .arabic(let before) = pieces[i - 2] else { return nil }
        let beforeKey = NameLexicon.key(String(before))
        if Self.particles[beforeKey] != nil || beforeKey == "عبد" || lexicon.lookup(String(before))?.kind == .particle { return nil }
        let beforeTeh = letters[letters.count - 2]
        if "حخعغقصضطظرهءاأ".unicodeScalars.contains(beforeTeh) { return nil }
        return "eh"
    }

    /// Whether the word at `i` stands where a family name does: after another word of the name
    /// (separated by a space) that is not a particle (بن, أبو, عبد).
    func isFamilyPosition(_ pieces: [ArabicScript.Piece], at i: Int) -> Bool {
        guard i >= 2, case .other(let sep) = pieces[i - 1], sep.allSatisfy({ $0 == " " || $0 == "\u{00A0}" }),
              case .arabic(let before) = pieces[i - 2] else { return false }
        let beforeKey = NameLexicon.key(String(before))
        return Self.particles[beforeKey] == nil && beforeKey != "عبد" && lexicon.lookup(String(before))?.kind != .particle
    }

    /// Spellings with their teh marbuta ending (a, ah, eh, ia, iyah) written as `ending`.
    func withEnding(_ spellings: [String], _ ending: String) -> [String] {
        var result: [String] = []
        for s in spellings {
            let stem: String
            if s.hasSuffix("iyah") || s.hasSuffix("iyeh") { stem = String(s.dropLast(4)) + "iy" }
            else if s.hasSuffix("iya") { stem = String(s.dropLast(3)) + "iy" }
            else if s.hasSuffix("ia") { stem = String(s.dropLast(2)) + "iy" }
            else if s.hasSuffix("ah") || s.hasSuffix("eh") { stem = String(s.dropLast(2)) }
            else if s.hasSuffix("a") { stem = String(s.dropLast(1)) }
            else { stem = s }
            let v = stem + ending
            if !result.contains(v) { result.append(v) }
        }
        for s in spellings where !result.contains(s) { result.append(s) }
        return result
    }

    /// The spellings joined with `|`.
    public func transliterate(_ text: String) -> String {
        spellings(text).joined(separator: "|")
    }

    // MARK: origin

    /// Letters that foreign names written in Arabic rarely use (they mark an Arabic word).
    static let arabicOnlyLetters: Set<Unicode.Scalar> = Set("حعصضظءة".unicodeScalars)

    /// Whether a word of a name classified as foreign takes the foreign rules: it is not in the
    /// lexicon, has none of the letters that mark Arabic words, and does not start with the
    /// article unless its shape is foreign.
    func isForeignWord(_ word: String) -> Bool {
        if lexicon.lookup(word) != nil || Self.particles[NameLexicon.key(word)] != nil || proclitic(word) != nil {
            return false
        }
        let units = ArabicScript.units(Substring(word).unicodeScalars)
        let letters = units.map(\.letter)
        guard !letters.isEmpty, !letters.contains(where: Self.arabicOnlyLetters.contains) else { return false }
        // A word with the article keeps the Arabic path (al- + the rest, which the rules read as
        // foreign when its shape is foreign).
        if splitArticle(word) != nil { return false }
        // A nisba in -awi (مناوي, الطنطاوي) is Arabic.
        if units.count >= 5, letters.suffix(3) == ["ا", "و", "ي"] { return false }
        return true
    }

    /// Spellings of a word by the foreign rules, capitalized.
    func foreignWord(_ word: String) -> [String] {
        let letters = ArabicScript.units(Substring(word).unicodeScalars).map(\.letter)
        return ForeignNames.shared.spellings(letters, limit: max(variants, 1)).map { capitalize($0.0) }
    }

    /// What one word says about the origin of the name it is part of.
    enum OriginEvidence { case arabic, foreign, knownForeignSpelling, none }

    /// The origin evidence of one word: a lexicon entry's kind, letters only Arabic words use, the
    /// article, a foreign shape (``NameRules/isForeign(_:)``), or a best foreign spelling that is a
    /// known name spelling (`names-latin.tsv`) while the Arabic rules' spellings are not.
    func originEvidence(_ word: String) -> OriginEvidence {
        if let e = lexicon.lookup(word) {
            switch e.kind {
            case .foreign: return .foreign
            case .given, .family, .familyBare, .particle: return .arabic
            default: return .none
            }
        }
        if Self.particles[NameLexicon.key(word)] != nil { return .arabic }
        let units = ArabicScript.units(Substring(word).unicodeScalars)
        if units.contains(where: { Self.arabicOnlyLetters.contains($0.letter) }) { return .arabic }
        if let (_, rest) = splitArticle(word) {
            return NameRules.isForeign(ArabicScript.units(Substring(rest).unicodeScalars)) ? .foreign : .arabic
        }
        if !isForeignWord(word) { return .arabic }
        if NameRules.isForeign(units) { return .foreign }
        // Known-spelling evidence: five letters or more, none of ط ق (common in Arabic words), not an
        // Arabic diminutive (سليمان) or فعلان (سلمان) pattern.
        guard units.count >= 5, !units.contains(where: { $0.vowel != nil || $0.letter == "ط" || $0.letter == "ق" }),
              NameRules.diminutive(units) == nil else {
            return .none
        }
        let l = units.map(\.letter)
        if l.count == 5, l.suffix(2) == ["ا", "ن"], !l.prefix(3).contains(where: { "اوي".unicodeScalars.contains($0) }) {
            return .none
        }
        let f = ForeignNames.shared
        guard let best = f.spellings(units.map(\.letter), limit: 1).first?.0, f.isKnown(best) else { return .none }
        let arabic = NameRules.romanize(units).prefix(2).map { $0.lowercased() }
        return arabic.contains(where: { f.isKnown($0) }) ? .none : .knownForeignSpelling
    }

    /// Piece indices of the words of names that read as foreign (a run of words separated by
    /// spaces is one name), and the indices of the spaces to drop: a name of three or more Chinese
    /// or Korean syllables joins the syllables of its given name (`تشي جين بينغ` → `Xi Jinping`).
    /// A name is foreign when one of its words is foreign by the lexicon or by its shape, or when
    /// no word is Arabic and one has a known foreign spelling.
    func foreignNames(_ pieces: [ArabicScript.Piece]) -> (Set<Int>, Set<Int>) {
        var foreign = Set<Int>(), joined = Set<Int>()
        var i = 0
        while i < pieces.count {
            guard case .arabic = pieces[i] else { i += 1; continue }
            let run = words(pieces, from: i, limit: 12)
            defer { i = run.last!.index + 1 }
            let evidence = run.map { originEvidence(String($0.word)) }
            let isForeign = evidence.contains(.foreign)
                || !evidence.contains(.arabic) && evidence.contains(.knownForeignSpelling)
            guard isForeign else { continue }
            for w in run { foreign.insert(w.index) }
            if run.count >= 3, run.allSatisfy({ isSyllable(String($0.word)) }) {
                for w in run.dropFirst(2) { joined.insert(w.index - 1) }
            }
        }
        return (foreign, joined)
    }

    /// A short word whose best foreign spelling is a Chinese or Korean syllable.
    func isSyllable(_ word: String) -> Bool {
        let letters = ArabicScript.units(Substring(word).unicodeScalars).map(\.letter)
        let f = ForeignNames.shared
        guard letters.count <= 6 else { return false }
        if let e = lexicon.lookup(word) {
            return e.kind == .foreign && f.isKnown(e.spellings[0].lowercased(), origins: ["chinese korean"])
        }
        guard isForeignWord(word), let best = f.spellings(letters, limit: 1).first?.0 else { return false }
        return best.count <= 6 && f.isKnown(best, origins: ["chinese korean"])
    }

    // MARK: pieces

    /// Light cleanup: NFC, presentation forms, Persian/Urdu letter variants, bidi marks.
    func cleaned(_ text: String) -> String {
        // Canonical composition first: a decomposed سأل (alif + combining hamza) reads as سأل.
        var t = text.precomposedStringWithCanonicalMapping
        if t.unicodeScalars.contains(where: { (0xFB50...0xFEFF).contains($0.value) }) {
            t = t.precomposedStringWithCompatibilityMapping
        }
        guard t.unicodeScalars.contains(where: { Self.letterVariants[$0] != nil || Self.bidiMarks.contains($0) }) else { return t }
        var out = String.UnicodeScalarView()
        for s in t.unicodeScalars where !Self.bidiMarks.contains(s) { out.append(Self.letterVariants[s] ?? s) }
        return String(out)
    }

    static let letterVariants: [Unicode.Scalar: Unicode.Scalar] = [
        "\u{06CC}": "ي", "\u{06D2}": "ي", "\u{06A9}": "ك", "\u{0671}": "ا", "\u{06BE}": "ه", "\u{06C1}": "ه",
        "\u{06C0}": "ة", "\u{06C3}": "ة", "\u{06D5}": "ه",
    ]
    static let bidiMarks: Set<Unicode.Scalar> = ["\u{200E}", "\u{200F}", "\u{061C}"]

    /// Other scripts (Cyrillic, Greek, ...) to Latin through ICU; Latin and ASCII pass through.
    func otherScript(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.value > 0x24F && $0.properties.isAlphabetic }) else { return s }
        return Self.anyLatin?.transliterate(s) ?? s
    }

    static let anyLatin = ICUTransform("Any-Latin; Latin-ASCII")

    /// Arabic words starting at `i` joined by single spaces, up to `limit` words.
    func words(_ pieces: [ArabicScript.Piece], from i: Int, limit: Int) -> [(word: Substring, index: Int)] {
        var result: [(Substring, Int)] = []
        var j = i
        while j < pieces.count, result.count < limit {
            guard case .arabic(let w) = pieces[j] else { break }
            result.append((w, j))
            guard j + 2 < pieces.count, case .other(let sep) = pieces[j + 1],
                  sep.allSatisfy({ $0 == " " || $0 == "\u{00A0}" }) else { break }
            j += 2
        }
        return result
    }

    /// Romanizes the Arabic word at `i`, taking following words when they form a known phrase or compound.
    func phrase(_ pieces: [ArabicScript.Piece], at i: Int, sentenceStart: Bool, loneWord: Bool = false) -> ([String], Int) {
        let ws = words(pieces, from: i, limit: max(lexicon.maxWords, 2))
        // Longest known phrase first (whole, then with the first word's article split off).
        if ws.count > 1 {
            for len in stride(from: ws.count, through: 2, by: -1) {
                let text = ws[0..<len].map { String($0.word) }.joined(separator: " ")
                let consumed = ws[len - 1].index - i + 1
                if let e = lexicon.lookup(text) { return (capitalizedFirst(e.spellings, sentenceStart), consumed) }
                if let (art, rest) = splitArticle(text), let e = lexicon.lookup(rest, preferring: .family) {
                    if e.kind == .familyBare { return (capitalizedFirst(e.spellings, true), consumed) }
                    return (withArticle(art, rest, e.spellings, sentenceStart), consumed)
                }
            }
        }
        let first = String(ws[0].word)
        let key = NameLexicon.key(first)
        // عبد + name, أبو + name, and their forms with the article (العبد الله).
        if ws.count > 1 {
            let bare = key.hasPrefix("ال") && key.count > 4 ? String(key.dropFirst(2)) : key
            if bare == "عبد" {
                let second = String(ws[1].word)
                if NameLexicon.key(second) == "الله" {
                    let abd = ["Abdullah", "Abdallah"]
                    let consumed = ws[1].index - i + 1
                    if bare != key { return (abd.map { articlePrefix(forArabic: "عبد", sentenceStart: sentenceStart) + $0 }, consumed) }
                    return (abd, consumed)
                }
                let rest = wordSpellings(second, sentenceStart: false, inCompound: true)
                let withAl = splitArticle(second) != nil
                let (p1, p2) = withAl ? ("Abdul ", "Abdel ") : ("Abd ", "Abed ")   // عبد ربه → Abd Rabbo
                let abd = rest.map { p1 + capitalize(stripArticle($0)) } + rest.map { p2 + capitalize(stripArticle($0)) }
                let consumed = ws[1].index - i + 1
                if bare != key { return (abd.map { articlePrefix(forArabic: "عبد", sentenceStart: sentenceStart) + $0 }, consumed) }
                return (abd, consumed)
            }
        }
        // الشيخ before a name is the title Sheikh (الشيخ جراح → Sheikh Jarrah).
        if ws.count > 1, key == "الشيخ" {
            return (["Sheikh"], 1)
        }
        // X + الله written as one name: نصر الله → Nasrallah, الحمد الله → Hamdallah.
        if ws.count > 1, NameLexicon.key(String(ws[1].word)) == "الله", key != "عبد" {
            let bare = key.hasPrefix("ال") && key.count > 4 ? String(key.dropFirst(2)) : key
            let letters = Array(bare.unicodeScalars)
            var head: [String]
            if letters.count == 3, !letters.contains(where: { "اويءع".unicodeScalars.contains($0) }) {
                // A three-consonant head keeps its cluster before the a of Allah: Nasr-allah, Fadl-allah.
                let map = NameRules.letters.arabic
                head = [letters.enumerated().map { (n, l) in (map[l] ?? "") + (n == 0 ? "a" : "") }.joined()]
            } else {
                head = wordSpellings(first, sentenceStart: false, inCompound: true)
            }
            let joined = head.map { capitalize(stripArticle($0)) + "allah" }
            return (joined, ws[1].index - i + 1)
        }
        return (wordSpellings(first, sentenceStart: sentenceStart, inCompound: false, loneWord: loneWord), 1)
    }

    /// Name particles (`بن`, `أبو`, `آل`...), from `names-particles.tsv`: folded key → (inside, at start).
    static let particles: [String: (String, String)] = {
        var map: [String: (String, String)] = [:]
        for row in ResourceFiles.rows("names-particles") where row.count >= 3 {
            map[NameLexicon.key(String(row[0]))] = (String(row[1]), String(row[2]))
        }
        return map
    }()

    /// Spellings of one Arabic word.
    func wordSpellings(_ word: String, sentenceStart: Bool, inCompound: Bool, loneWord: Bool = false) -> [String] {
        if let e = lexicon.lookup(word) { return capitalizedFirst(e.spellings, sentenceStart) }
        if let p = Self.particles[NameLexicon.key(word)] { return [sentenceStart ? p.1 : p.0] }
        let key = NameLexicon.key(word)
        // Joined عبدالله / عبدالرحمن.
        if key.hasPrefix("عبدال"), key.count > 6 {
            let restWord = String(word.unicodeScalars.dropFirst(3).map(Character.init))
            let rest = wordSpellings(restWord, sentenceStart: false, inCompound: true)
            return rest.map { "Abdul " + capitalize(stripArticle($0)) } + rest.map { "Abdel " + capitalize(stripArticle($0)) }
        }
        if let clitic = proclitic(word) { return clitic }
        if let (art, rest) = splitArticle(word) {
            if let e = lexicon.lookup(rest, preferring: .family) {
                if e.kind == .familyBare { return capitalizedFirst(e.spellings, true) }
                return withArticle(art, rest, e.spellings, sentenceStart)
            }
            let units = ArabicScript.units(Substring(rest).unicodeScalars)
            let romanized = NameRules.romanize(units, afterArticle: true).map(capitalize)
            let withArt = withArticle(art, rest, romanized, sentenceStart)
            // A lone word that is not a nisba (الرقة, الميادين, but not الحمادي) reads as a place name,
            // which English news writes without the article (Raqqa, Mayadin); the article form stays a variant.
            if loneWord, article != .none, units.last?.letter != "ي" {
                var result = Array(romanized.prefix(1))
                for v in withArt.prefix(1) + romanized.dropFirst() + withArt.dropFirst() where !result.contains(v) { result.append(v) }
                return result
            }
            return withArt
        }
        let units = ArabicScript.units(Substring(word).unicodeScalars)
        return NameRules.romanize(units).map(capitalize)
    }

    /// A conjunction or preposition written onto a known name (بإدلب → bi-Idlib, وسوريا → wa-Syria,
    /// للأمم → lil-...). Only taken when the rest is a lexicon entry of four or more letters or has the article.
    func proclitic(_ word: String) -> [String]? {
        let key = NameLexicon.key(word)
        let prefixes: [(String, String)] = [("وبال", "wa-bi-al-"), ("وال", "wa-al-"), ("بال", "bi-al-"), ("فال", "fa-al-"),
                                            ("كال", "ka-al-"), ("لل", "lil-"), ("وب", "wa-bi-"), ("ول", "wa-li-"),
                                            ("و", "wa-"), ("ب", "bi-"), ("ل", "li-"), ("ف", "fa-")]
        for (p, latin) in prefixes where key.hasPrefix(p) {
            let rest = String(key.dropFirst(p.count))
            guard rest.count >= 3 else { continue }
            if p.hasSuffix("ال") || p == "لل" {
                // The article is part of the prefix: look the bare name up (بالقاهرة → bi-al-Qahira / Cairo).
                if let e = lexicon.lookup("ال" + rest), e.kind != .particle { return [latin.replacingOccurrences(of: "al-", with: "") + e.spellings[0]] }
                if let e = lexicon.lookup(rest, preferring: .family), e.kind != .particle {
                    return e.spellings.prefix(2).map { latin + capitalize(stripArticle($0)) }
                }
            } else if rest.count >= 4, let e = lexicon.lookup(rest), e.kind != .particle {
                return e.spellings.prefix(2).map { latin + $0 }
            }
        }
        return nil
    }

    /// Splits `ال` (and `ٱل`) off a word of at least two more letters.
    func splitArticle(_ text: String) -> (String, String)? {
        let scalars = Array(text.unicodeScalars)
        let letterIdx = scalars.indices.filter { ArabicScript.isLetter(scalars[$0]) }
        guard letterIdx.count >= 4, scalars[letterIdx[0]] == "ا" || scalars[letterIdx[0]] == "ٱ",
              scalars[letterIdx[1]] == "ل" else { return nil }
        let rest = String(String.UnicodeScalarView(scalars[(letterIdx[1] + 1)...].drop { ArabicScript.isMark($0) }))
        return ("ال", rest)
    }

    func stripArticle(_ s: String) -> String {
        for p in ["al-", "Al-", "el-", "El-", "Al "] where s.hasPrefix(p) { return String(s.dropFirst(p.count)) }
        return s
    }

    /// The written article before `rest` (an Arabic word without its article).
    func articlePrefix(forArabic rest: String, sentenceStart: Bool) -> String {
        var p: String
        switch article {
        case .al: p = "al-"
        case .alCapital: return "Al "
        case .el: p = "el-"
        case .none: return ""
        }
        if assimilatesSunLetters, let first = rest.unicodeScalars.first(where: ArabicScript.isLetter),
           ArabicScript.sunLetters.contains(first), first != "ل" {
            let cons = NameRules.letters.arabic[first] ?? ""
            p = String(p.prefix(1)) + cons + "-"
        }
        return sentenceStart ? p.prefix(1).uppercased() + p.dropFirst() : p
    }

    func withArticle(_ art: String, _ rest: String, _ spellings: [String], _ sentenceStart: Bool) -> [String] {
        let prefix = articlePrefix(forArabic: rest, sentenceStart: sentenceStart)
        var result: [String] = []
        for s in spellings {
            let v = prefix + capitalize(stripArticle(s))
            if !result.contains(v) { result.append(v) }
        }
        if article == .al, !sentenceStart {
            // el- is the common second choice (Egyptian names).
            for s in spellings.prefix(1) {
                let v = "el-" + capitalize(stripArticle(s))
                if !result.contains(v) { result.append(v) }
            }
        }
        return result
    }

    func capitalize(_ s: String) -> String {
        guard let f = s.first else { return s }
        return f.uppercased() + s.dropFirst()
    }

    func capitalizedFirst(_ spellings: [String], _ sentenceStart: Bool) -> [String] {
        guard sentenceStart else { return spellings }
        return spellings.map(capitalize)
    }

    /// Combines alternatives per part into whole spellings, best first.
    func combine(_ parts: [[String]], limit: Int) -> [String] {
        let base = parts.map { $0.first ?? "" }.joined()
        var result = [base]
        guard limit > 1 else { return result }
        // Vary one part at a time, in order of the alternative's rank, then the next part.
        var rank = 1
        while result.count < limit {
            var progressed = false
            for (p, alts) in parts.enumerated() where rank < alts.count {
                progressed = true
                var copy = parts.map { $0.first ?? "" }
                copy[p] = alts[rank]
                let s = copy.joined()
                if !result.contains(s) { result.append(s) }
                if result.count >= limit { break }
            }
            if !progressed { break }
            rank += 1
        }
        return result
    }
}
