import Foundation

/// A matching key for names: the same for spelling variants of one name across scripts and
/// spellings, different for different names.
///
/// `محمد`, `محمّد`, `Mohammed`, `Muhammad` and `Mohamed` give one key (`MHMD`); `Hussein`,
/// `Husayn` and `حسين` give `HSIN`; `حسن` and `Hassan` give `HSN`. Arabic words are first
/// spelled by ``NameTransliterator`` (lexicon, then rules); Latin spellings are first written in
/// Arabic by ``LatinNameTransliterator`` and spelled back the same way, so both scripts meet in
/// one spelling. That spelling is then reduced to a skeleton: consonant classes (k/q/c/ck, kh,
/// gh, sh/ch, j/g/dj, f/v/w/ph, b/p, s/z/th/dh/ts), a final a/e/eh as one ending, doubled
/// letters as one, the article and `Abdul`/`Abdel`/`Abd al-` forms folded, a word's first and
/// last vowel as classes (a; e/i; o/u), vowel pairs inside it (ou, ei, ai: long vowels) as
/// classes, and single vowel letters inside it dropped (where spellings vary most:
/// Khaled/Khalid, Mohammed/Muhammad, Arslan/Arsalan).
///
/// In a name of two or more words, the vowels inside each word are dropped as well (the other
/// words keep names apart): `Jibril Rajoub` and `جبريل الرجوب` meet; a word's first and last
/// vowel become one class (`Emile Lahoud` and `إميل لحود`, `Andrea Pirlo` and `أندريا بيرلو`);
/// inside such a word y counts as a vowel, h and w/v/f are left out, gh is g, sh is s, and letters the
/// dropped vowels bring together count once (`Ramtane Lamamra` and `رمطان لعمامرة`).
///
/// What it cannot tell apart: full names that differ only in a long vowel inside a word
/// (`Hassan Ali` and `Hussein Ali`), names that differ only in a short vowel or in letters English
/// spellings merge (`سعد` Saad and `سعيد` Said, `صالح` and `صلاح`, `هشام` and `هاشم`, ح and ه,
/// ع and hamza, ص and س, ث and س, ف and و); and it keeps apart variants that differ in a long
/// vowel spelled short (Yusuf/Yousif) or in g for ج (Gamal/Jamal). In a name of two or more
/// words it does not tell apart words that differ only in their first or last vowel (`Ali Hassan`
/// and `Alia Hassan`, `Hadi Saleh` and `Hadia Saleh`).
public struct NameKey: Transliterator {
    let names: NameTransliterator
    let toArabic: LatinNameTransliterator?

    /// A key maker; `lexicon` is used to spell Arabic words. Latin spellings are first written
    /// in Arabic (``LatinNameTransliterator``: lexicon, then rules) and spelled back, so that
    /// both scripts and the listed spellings meet in one (`Sleiman`, `Sulaiman`, `سليمان`),
    /// unless `roundTripsLatin` is false.
    public init(lexicon: NameLexicon = .bundled, roundTripsLatin: Bool = true) {
        names = NameTransliterator(lexicon: lexicon)
        toArabic = roundTripsLatin ? LatinNameTransliterator() : nil
    }

    /// The key of `name` (``key(_:)``), so the key is a scheme like the others.
    public func transliterate(_ text: String) -> String { key(text) }

    /// The key of `name` (Arabic or Latin script): one token per word, separated by spaces.
    public func key(_ name: String) -> String {
        // Arabic through the names scheme, other scripts through ICU (Any-Latin); Latin passes through.
        if let toArabic, !name.unicodeScalars.contains(where: ArabicScript.isLetter),
           name.unicodeScalars.contains(where: { $0.properties.isAlphabetic }) {
            return Self.latinKey(names.transliterate(toArabic.transliterate(name)))
        }
        return Self.latinKey(names.transliterate(name))
    }

    /// The key of a Latin spelling.
    public static func latinKey(_ spelling: String) -> String {
        // Fold diacritics (ā → a, ç → c), lower case, drop apostrophes and ayn/hamza signs.
        let folded = spelling.decomposedStringWithCanonicalMapping.unicodeScalars
            .filter { !$0.properties.isDiacritic && !"'’`ʿʾʻʼ".unicodeScalars.contains($0) }
        let lower = String(String.UnicodeScalarView(folded)).lowercased()
        var words = lower.split(whereSeparator: { c in
            !(c.unicodeScalars.count == 1 && ("a"..."z").contains(c.unicodeScalars.first!))
        }).map(String.init)
        // The article written apart (al Assad, el-Sisi) and the Abd al- compounds.
        var merged: [String] = []
        var i = 0
        while i < words.count {
            var w = words[i]
            if ["al", "el", "ul", "al", "ad", "as", "ash", "at", "az", "an", "ar"].contains(w), i + 1 < words.count {
                i += 1
                continue
            }
            if ["abd", "abdul", "abdel", "abdal", "abdol", "abdoul", "abdou"].contains(w), i + 1 < words.count {
                words[i + 1] = "abd" + stripArticle(words[i + 1])
                i += 1
                continue
            }
            for p in ["abdul", "abdel", "abdal", "abdol", "abdoul"] where w.hasPrefix(p) && w.count > p.count + 2 {
                w = "abd" + w.dropFirst(p.count)
                break
            }
            if w.hasPrefix("abd"), w.count > 5 {
                w = "abd" + stripArticle(String(w.dropFirst(3)))
            }
            merged.append(stripArticle(w))
            i += 1
        }
        let keys = merged.map { wordKey($0) }.filter { !$0.isEmpty }
        // In a name of two or more words the other words tell names apart, so the vowels inside
        // each word are dropped too (Rajoub/رجوب, Kosrat/كوسرت, Marmoush/مرموش spelled with and
        // without their long vowels); a word's first and last vowel stay. One word alone keeps
        // its long vowels (حسن/حسين).
        guard keys.count >= 2 else { return keys.joined(separator: " ") }
        return keys.map(dropInnerVowels).joined(separator: " ")
    }

    /// A word key of a name of two or more words, coarser than a lone word's: the vowel classes
    /// between its first and last letter dropped, and the letters spellings of one name disagree
    /// on most (the other words keep names apart).
    static func dropInnerVowels(_ key: String) -> String {
        var k = Array(key)
        guard k.count > 2 else { return key }
        // A word's first and last vowel as one class: spellings of foreign and Maghrebi names vary
        // most there (Emile/إميل, Ismet/عصمت; Dante/دانتي, Andrea/أندريا); a word-initial y is
        // that class too (Ayad/إياد, Jair/جايير).
        if "AIUY".contains(k[0]) { k[0] = "A" }
        let last = k.count - 1
        var inner = k[1..<last].filter { !"AIUY".contains($0) }
        // h inside a word is written or left out (Osimhen, Bhutto, Asghar/أصغر); gh and g, sh and s
        // are one letter (Tawergha, Demirtas/دميرتاش, Yavas/يافاش).
        inner = inner.filter { $0 != "H" }
        // و inside a word is a vowel or w/v, read one way from Arabic and written another in Latin
        // (Atwan/عطوان, Novak Djokovic/ديوكوفيتش): the w/v/f class inside a word is left out too.
        inner = inner.filter { $0 != "F" }
        let end: [Character] = k[last] == "H" ? [] : ["AIU".contains(k[last]) ? "A" : k[last]]
        var out = [k[0]] + inner + end
        out = out.map { $0 == "G" ? "J" : $0 == "C" ? "S" : $0 }
        // Letters left next to each other by the dropped vowels count once (Lamamra/لعمامرة).
        var result = ""
        for c in out where result.last != c { result.append(c) }
        return result
    }

    /// `al`/`el` joined to a word (alhassan, el-sisi split already), kept for short words (Ali, Alia).
    static func stripArticle(_ w: String) -> String {
        for p in ["al", "el", "ul", "ol"] where w.hasPrefix(p) && w.count >= p.count + 4 {
            let rest = w.dropFirst(p.count)
            // Only when the rest starts with a consonant (alhassan → hassan; alexander stays).
            if let f = rest.first, !"aeiouy".contains(f) { return String(rest) }
        }
        return w
    }

    static let vowels: Set<Character> = ["a", "e", "i", "o", "u", "y"]

    /// One word's key.
    /// With `keepingVowels`, every vowel group stays as its class (`Hammadi` HAMADI, `Hamdi` HAMDI):
    /// the finer key that matches unlisted spellings to the lexicon's (``ReverseNameLexicon``).
    static func wordKey(_ word: String, keepingVowels: Bool = false) -> String {
        let s = Array(word)
        // Tokens: consonant classes and vowel groups.
        enum T { case c(Character), v(String) }
        var toks: [T] = []
        var i = 0
        while i < s.count {
            let ch = s[i]
            let next: Character? = i + 1 < s.count ? s[i + 1] : nil
            let yConsonant = ch == "y" && (i == 0 || !vowels.contains(s[i - 1]) && next.map { vowels.contains($0) } == true)
            if vowels.contains(ch) && !yConsonant {
                var g = String(ch)
                i += 1
                while i < s.count, vowels.contains(s[i]) || s[i] == "h" && i + 1 == s.count && i > 0 {
                    if s[i] != "h" { g.append(s[i]) }
                    i += 1
                }
                toks.append(.v(g))
                continue
            }
            let pair = next.map { String([ch, $0]) } ?? ""
            let triple = i + 2 < s.count ? String(s[i...(i + 2)]) : ""
            var cls: Character
            var len = 1
            if triple == "sch" { cls = "C"; len = 3 }
            else {
                switch pair {
                case "kh": cls = "X"; len = 2
                case "gh": cls = "G"; len = 2
                case "sh", "ch": cls = "C"; len = 2
                case "th", "dh": cls = "S"; len = 2
                case "ph": cls = "F"; len = 2
                case "dj", "dz": cls = "J"; len = 2
                case "ck": cls = "K"; len = 2
                case "ts", "tz": cls = "S"; len = 2
                default:
                    switch ch {
                    case "q", "k", "c": cls = "K"
                    case "j", "g": cls = "J"
                    case "w", "v", "f": cls = "F"
                    case "p": cls = "B"
                    case "z": cls = "S"
                    case "x": cls = "K"; toks.append(.c("K")); cls = "S"
                    case "y": cls = "Y"
                    default: cls = Character(Unicode.Scalar(ch.asciiValue! - 32))
                    }
                }
            }
            i += len
            // A final h after a vowel is not a letter of the key (Hamzah, Abdallah, Salameh).
            if cls == "H", i == s.count, case .v? = toks.last { continue }
            if case .c(let prev)? = toks.last, prev == cls { continue }   // doubled letters
            toks.append(.c(cls))
        }
        // The vowel of the last closed syllable is dropped; the others become classes.
        let lastClosed: Int? = {
            guard case .c? = toks.last else { return nil }
            return toks.lastIndex { if case .v = $0 { return true } else { return false } }
        }()
        var out = ""
        for (k, t) in toks.enumerated() {
            switch t {
            case .c(let c): out.append(c)
            case .v(let g):
                if !keepingVowels, k == lastClosed, k > 0, g.count == 1 { continue }
                // A single vowel letter inside a word is a short vowel or a long one spelled
                // short (Mohammed/Muhammad, Arslan/Arsalan, Sleiman/Sulaiman): left out.
                if !keepingVowels, k > 0, k < toks.count - 1, g.count == 1 { continue }
                out.append(vowelClass(g, final: k == toks.count - 1))
            }
        }
        return out
    }

    static func vowelClass(_ g: String, final: Bool) -> Character {
        // A final a, e or eh is one ending (teh marbuta: Salama, Salameh, Salame).
        if final, let last = g.last { return last == "a" || last == "e" ? "A" : (last == "o" || last == "u" ? "U" : "I") }
        if g.contains("i") || g.contains("y") || g.contains("e") && !g.contains("a") && !g.contains("o") && !g.contains("u") { return "I" }
        if g.contains("o") || g.contains("u") { return "U" }
        if g.contains("e") { return "I" }
        return "A"
    }
}
