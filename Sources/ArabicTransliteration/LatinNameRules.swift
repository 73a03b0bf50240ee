import Foundation

/// Arabic spellings of one Latin name word by letter rules (`names-latin-arabic.tsv`), ranked
/// by the rules' costs and a letter model of Arabic name spellings (``ArabicSpellingModel``).
///
/// A word is read with the rules of a style (Arabic-origin names spelled in Latin drop short
/// vowels: `Bashar` → `بشار`; foreign names write every vowel: `Macron` → `ماكرون`) and,
/// for a foreign name, of its source language (`j` is `خ` in Spanish, `ch` is `خ` in German).
struct LatinNameRules: Sendable {
    /// How a name is read.
    enum Style: String, Sendable { case arabic = "a", foreign = "f" }

    /// Options by "group\tposition\tstyle or language".
    private let options: [String: [(arabic: [Unicode.Scalar], cost: Double)]]
    private let longestGroup: Int
    /// Letter models: names of Arabic origin, foreign names.
    let arabicModel: ArabicSpellingModel
    let foreignModel: ArabicSpellingModel
    /// How much a rule's cost weighs against the letter model, by style (the Arabic-origin
    /// rules leave more to the model: which short vowels were long letters).
    static func ruleWeight(_ style: Style) -> Double { style == .arabic ? 3.0 : 4.5 }

    static let shared = LatinNameRules()

    init(lexicon: [NameLexicon.Entry] = NameLexicon.bundledInFileOrder) {
        var opts: [String: [([Unicode.Scalar], Double)]] = [:]
        var longest = 1
        for row in ResourceFiles.rows("names-latin-arabic", skipHeader: true) where row.count >= 4 {
            longest = max(longest, row[0].count)
            let key = "\(row[0])\t\(row[1])\t\(row[2])"
            for o in row[3].split(separator: " ") {
                guard let colon = o.lastIndex(of: ":"), let c = Double(o[o.index(after: colon)...]) else { continue }
                let arabic = o[..<colon] == "_" ? [] : Array(o[..<colon].unicodeScalars)
                opts[key, default: []].append((arabic, c))
            }
        }
        options = opts
        longestGroup = longest
        var arabicWords: [String] = [], foreignWords: [String] = []
        for e in lexicon {
            for w in e.arabic.split(separator: " ") {
                let word = w.hasPrefix("ال") && w.count > 3 ? String(w.dropFirst(2)) : String(w)
                switch e.kind {
                case .foreign: foreignWords.append(word)
                case .given, .family, .familyBare: arabicWords.append(word)
                default: break
                }
            }
        }
        arabicModel = ArabicSpellingModel(words: arabicWords)
        foreignModel = ArabicSpellingModel(words: foreignWords)
    }

    /// Lower-case Latin letters of a word, accents dropped (`Jürgen` → `jurgen`, `Łukasz` → `lukasz`).
    static func letters(_ word: String) -> [Character] {
        var out: [Character] = []
        for ch in word.lowercased() {
            switch ch {
            case "ß": out += ["s", "s"]
            case "ø", "œ": out.append("o")
            case "æ": out += ["a", "e"]
            case "ł": out.append("l")
            case "đ": out.append("d")
            case "ı": out.append("i")
            default:
                for s in String(ch).decomposedStringWithCanonicalMapping.unicodeScalars
                where s.isASCII && (s.properties.isAlphabetic || s == "'") {
                    out.append(Character(s))
                }
                if "’‘ʿʾ".contains(ch) { out.append("'") }
            }
        }
        return out
    }

    /// Whether the rules have options for `group` at all.
    private func lookup(_ group: String, _ pos: Character, _ style: Style, _ language: String?) -> [([Unicode.Scalar], Double)]? {
        var positions: [Character] = [pos]
        if pos == "f" || pos == "i" { positions.append("m") }
        positions.append("a")
        for p in positions {
            if let language, let o = options["\(group)\t\(p)\t\(language)"] { return o }
            if let o = options["\(group)\t\(p)\t\(style.rawValue)"] { return o }
            if let o = options["\(group)\t\(p)\t*"] { return o }
        }
        return nil
    }

    static let vowelLetters: Set<Character> = ["a", "e", "i", "o", "u", "y"]
    static let digraphs: Set<String> = ["kh", "sh", "th", "dh", "gh"]
    static let strongPairs: Set<String> = ["ei", "oo", "ee"]

    /// The index of the first vowel of a Latin spelling of the Arabic pattern فاعل (CaCeC:
    /// Khaled, Saleh, Nasser, Qassem, Hazem; its a is the long ا), or nil.
    static func faIlVowel(_ l: [Character]) -> Int? {
        func consonant(at i: Int) -> Int? {   // the length of a consonant (letter, digraph) at i
            guard i < l.count, !vowelLetters.contains(l[i]), l[i] != "w", l[i] != "'" else { return nil }
            if i + 1 < l.count, digraphs.contains(String(l[i...(i + 1)])) { return 2 }
            return 1
        }
        guard let c1 = consonant(at: 0), c1 < l.count, l[c1] == "a", let c2 = consonant(at: c1 + 1) else { return nil }
        var e = c1 + 1 + c2
        // Nasser, Qassem: a doubled s writes the s sound between vowels, not a doubled consonant;
        // another doubled letter is one (Haffeh is الحفة, فعّة, not فاعل).
        if c2 == 1, e < l.count, l[e] == l[e - 1], l[e] == "s" { e += 1 }
        guard e < l.count, l[e] == "e", let c3 = consonant(at: e + 1), e + 1 + c3 == l.count else { return nil }
        return c1
    }

    /// Options the Arabic-origin rules take from the letters around a group rather than from the
    /// table: the a of فاعل is ا and its final -eh is ح (Saleh, Sameh, not ة); an a after a doubled
    /// consonant that closes the first syllable, and before a consonant, is the long a of فعّال
    /// (Hammadi, Haddad, Wahhab, Fayyadh), which the letter model alone would leave out.
    static func arabicPattern(_ l: [Character], at i: Int, length: Int, faIl: Int?) -> [([Unicode.Scalar], Double)]? {
        if let faIl {
            if i == faIl, length == 1 { return [(["ا"], 0), ([], 1)] }
            if i == l.count - 2, length == 2, l[i] == "e", l[i + 1] == "h" { return [] }
            if i == l.count - 1, length == 1, l[i] == "h", l[i - 1] == "e" { return [(["ح"], 0), (["ه"], 1)] }
        }
        guard length == 1 else { return nil }
        // ei, oo, ee, and ou after the first syllable, are one long vowel or diphthong, never two
        // short vowels left out (Bureij, Sahour; French-style spellings write a short u ou in the
        // first syllable: Moukhtara, Moustafa).
        func strong(_ j: Int) -> Bool {
            guard j >= 0, j + 1 < l.count else { return false }
            let pair = String(l[j...(j + 1)])
            if pair == "ou" { return l[..<j].contains(where: vowelLetters.contains) }
            return strongPairs.contains(pair)
        }
        if strong(i) || strong(i - 1) { return [] }
        if let o = lastSyllableAfterCluster(l, at: i) { return o }
        if let o = beforeTehMarbuta(l, at: i) { return o }
        if l[i] == "a", i >= 2, i + 1 < l.count, l[i - 1] == l[i - 2], !vowelLetters.contains(l[i - 1]) || l[i - 1] == "y",
           l[i - 1] != "w", !vowelLetters.contains(l[i + 1]), l[i + 1] != "h" || i + 2 < l.count,
           !vowelLetters.contains(l[0]) {
            // The doubled consonant closes the first syllable (CaCCaC: Hammadi, Haddad); after a
            // later one only yy (فعيّال: Rumayyan), not the short a of Mohammad or of أفعل (Assad).
            let syllablesBefore = (0..<(i - 2)).filter { vowelLetters.contains(l[$0]) && ($0 == 0 || !vowelLetters.contains(l[$0 - 1])) }.count
            if syllablesBefore > 1, l[i - 1] != "y" { return nil }
            return [(["ا"], 0), ([], 2.0)]
        }
        return nil
    }

    /// The a of a final syllable -aC after two consonants (CaCCaC, أفعل): long (ا) before n, the
    /// فعلان of names (Salman, Othman, Zahran, Karman, Sufyan), short (left out) before the other
    /// consonants (أفعل and فعلل: Ashraf, Akram, Asghar, Anwar, Khanjar). Not after y or w that
    /// close a diphthong (Ayman, Haytham), before t (-at is ات or ة), in words that start with a
    /// vowel i/e (the masdar patterns إفعال/افتعال: Ihsan, Intisar) or with mu/mo (participles:
    /// Mukhtar). Nil elsewhere.
    static func lastSyllableAfterCluster(_ l: [Character], at i: Int) -> [([Unicode.Scalar], Double)]? {
        let n = l.count
        guard l[i] == "a", i == n - 2, i >= 2 else { return nil }
        let last = l[n - 1]
        guard !vowelLetters.contains(last), !"htw'".contains(last) else { return nil }
        if l[0] == "i" || l[0] == "e" { return nil }
        if l[0] == "m", l[1] == "u" || l[1] == "o" { return nil }
        // The consonants before the a, a digraph counted as one.
        var units: [String] = []
        var j = i - 1
        while j >= 0, units.count < 2, !vowelLetters.contains(l[j]) || l[j] == "y", l[j] != "'" {
            if j >= 1, digraphs.contains(String(l[(j - 1)...j])) { units.append(String(l[(j - 1)...j])); j -= 2 }
            else { units.append(String(l[j])); j -= 1 }
        }
        guard units.count == 2, units[0] != units[1], units[1] != "y", units[1] != "w", j >= 0, vowelLetters.contains(l[j]) else { return nil }
        return last == "n" ? [(["ا"], 0), ([], 1)] : [([], 0), (["ا"], 1)]
    }

    /// The a before the last consonant of a word ending in -ah/-eh (teh marbuta) after two
    /// syllables is the long a of فعالة (Nakhalah, Karamah, Salameh, Shehadeh, Osama with -a).
    static func beforeTehMarbuta(_ l: [Character], at i: Int) -> [([Unicode.Scalar], Double)]? {
        let n = l.count
        guard l[i] == "a", i >= 2, !vowelLetters.contains(l[i - 1]), l[i - 1] != "'" else { return nil }
        // The syllable before: a vowel before the consonant (or digraph) ahead of the a.
        let before = i >= 3 && digraphs.contains(String(l[(i - 2)...(i - 1)])) ? i - 3 : i - 2
        guard before >= 0, vowelLetters.contains(l[before]), l[before] != "y" else { return nil }
        var j = i + 1
        guard j < n, !vowelLetters.contains(l[j]), l[j] != "h", l[j] != "w" else { return nil }
        if j + 1 < n, digraphs.contains(String(l[j...(j + 1)])) { j += 2 } else { j += 1 }
        guard j < n, l[j] != l[j - 1] else { return nil }
        let ending = String(l[j...])
        guard ending == "ah" || ending == "eh" else { return nil }
        return [(["ا"], 0), ([], 1)]
    }

    /// The most likely Arabic spellings of one word, best first, with their costs.
    func spellings(_ word: String, style: Style, language: String? = nil, limit: Int = 3) -> [(String, Double)] {
        let letters = Self.letters(word)
        let n = letters.count
        guard n > 0 else { return [] }
        let model = style == .arabic ? arabicModel : foreignModel
        let faIl = style == .arabic ? Self.faIlVowel(letters) : nil
        let ruleWeight = Self.ruleWeight(style)
        struct Hyp { var cost: Double; var out: [UInt8]; var text: [Unicode.Scalar] }
        var states: [[Hyp]] = Array(repeating: [], count: n + 1)
        states[0] = [Hyp(cost: 0, out: [], text: [])]
        let beam = 60
        for i in 0..<n {
            var cur = states[i]
            guard !cur.isEmpty else { continue }
            if cur.count > beam {
                cur.sort { $0.cost < $1.cost }
                cur.removeLast(cur.count - beam)
            }
            states[i] = []
            var groups: [(Int, [([Unicode.Scalar], Double)])] = []
            // An Arabic-origin ending the table lists for the word end (-awi, -ieh, -iya, -ine)
            // is written as listed when the rest of the word is that ending: its vowel is not
            // left to the letter model (Beblawi is ببلاوي, not ببلوي).
            let ending = style == .arabic && n - i >= 3 ? options["\(String(letters[i..<n]))\tf\ta"] : nil
            if let ending { groups.append((n - i, ending)) }
            for len in stride(from: min(longestGroup, n - i), through: 1, by: -1) where ending == nil {
                let group = String(letters[i..<(i + len)])
                let pos: Character = i == 0 ? "i" : (i + len == n ? "f" : "m")
                // In a foreign name c before e, i or y is soft: only its ce/ci/cy rows apply, not
                // c's ك, which the letter model would otherwise prefer (Marcelo, Cezanne).
                if style == .foreign, len == 1, letters[i] == "c", i + 1 < n, "eiy".contains(letters[i + 1]),
                   language != "tr" { continue }
                if style == .arabic, let o = Self.arabicPattern(letters, at: i, length: len, faIl: faIl) {
                    groups.append((len, o))
                } else if let o = lookup(group, pos, style, language) { groups.append((len, o)) }
            }
            // A letter the rules do not know is dropped at a price.
            if groups.isEmpty { groups.append((1, [([], 4)])) }
            for h in cur {
                for (len, opts) in groups {
                    for (arabic, c) in opts {
                        var cost = h.cost + ruleWeight * c
                        var out = h.out
                        for s in arabic {
                            let code = model.code(s)
                            cost += model.cost(model.history(out), code)
                            out.append(code)
                        }
                        states[i + len].append(Hyp(cost: cost, out: out, text: h.text + arabic))
                    }
                }
            }
        }
        var finals: [(String, Double)] = []
        for h in states[n] where !h.text.isEmpty {
            finals.append((String(String.UnicodeScalarView(h.text)), h.cost + model.cost(model.history(h.out), 0)))
        }
        finals.sort { $0.1 < $1.1 }
        var result: [(String, Double)] = []
        for f in finals where !result.contains(where: { $0.0 == f.0 }) {
            result.append(f)
            if result.count >= limit { break }
        }
        return result
    }
}
