import Foundation

/// Names spelled in Latin letters written in Arabic script as Arabic news writes them:
/// `Bashar al-Assad` → `بشار الأسد`, `Emmanuel Macron` → `إيمانويل ماكرون`,
/// `Xi Jinping` → `شي جين بينغ` (the `names` scheme's reverse direction).
///
/// Known words come from ``ReverseNameLexicon`` (the names lexicon read the other way), with
/// the lexicon's hamza seats and alef forms. The rest is written by rules chosen per name by
/// its origin (``LatinNameOrigin``): pinyin syllables for Chinese names, letter rules for
/// Arabic-origin names (short vowels dropped) and for foreign names (every vowel written, with
/// the source language's readings), ranked by letter models of Arabic name spellings.
/// The article (`al-`, `el-`, `ash-`), `Abdul`/`Abdel` compounds and `-allah`/`-eddine`
/// endings are written the Arabic way (`عبد الرحمن`, `نصر الله`, `زهر الدين`).
public struct LatinNameTransliterator: Transliterator {
    /// How many spellings to give, joined with `|` (1 gives one).
    public var variants: Int
    /// Whether the lexicon is consulted (off: the rules alone, for measuring them).
    public var usesLexicon: Bool

    private let lexicon: ReverseNameLexicon

    /// Creates a transliterator from Latin names to Arabic script.
    public init(variants: Int = 1, usesLexicon: Bool = true) {
        self.variants = max(1, variants)
        self.usesLexicon = usesLexicon
        lexicon = usesLexicon ? .bundled : ReverseNameLexicon([])
    }

    /// The spellings joined with `|`.
    public func transliterate(_ text: String) -> String {
        spellings(text).joined(separator: "|")
    }

    /// One piece of a name: its Arabic alternatives and how many words of the input it covers.
    private struct Piece {
        var alternatives: [String]
        var words = 1
    }

    static let articles: Set<String> = ["al", "el", "ul"]
    static let abdForms: Set<String> = ["abdul", "abdel", "abdal", "abdol", "abd"]

    /// The Arabic spellings of `text`, most likely first (at most ``variants``).
    public func spellings(_ text: String) -> [String] {
        let text = text.precomposedStringWithCanonicalMapping
        // Words, with hyphenated parts kept together for the article and split otherwise.
        var words: [String] = []
        for token in text.split(whereSeparator: { $0.isWhitespace }) {
            let parts = token.split(separator: "-").map(String.init)
            var i = 0
            while i < parts.count {
                let lower = parts[i].lowercased()
                if i + 1 < parts.count, Self.isArticle(lower, before: parts[i + 1]) {
                    words.append(parts[i] + "-" + parts[i + 1])
                    i += 2
                } else {
                    words.append(parts[i])
                    i += 1
                }
            }
        }
        guard !words.isEmpty else { return [text] }
        let bare = words.map { Self.splitArticle($0)?.1 ?? $0 }
        let kinds: [NameLexicon.Kind?] = bare.map { usesLexicon ? lexicon.lookup($0).first?.kind : nil }
        let origin = LatinNameOrigin.shared.decide(bare, lexiconKinds: kinds)

        var pieces: [Piece] = []
        var i = 0
        while i < words.count {
            // The longest run of words the lexicon knows as one entry.
            var matched = false
            if usesLexicon {
                for len in stride(from: min(lexicon.maxWords, words.count - i), through: 2, by: -1) {
                    let phrase = words[i..<(i + len)].joined(separator: " ")
                    let found = lexicon.lookup(phrase)
                    if !found.isEmpty {
                        pieces.append(Piece(alternatives: unique(found.map(\.arabic)), words: len))
                        i += len
                        matched = true
                        break
                    }
                }
            }
            if matched { continue }
            let word = words[i]
            let lower = word.lowercased()
            // Abdul Rahman, Abdel Bari: عبد + the article + the next word.
            if Self.abdForms.contains(lower), i + 1 < words.count {
                let next = words[i + 1]
                // A compound the lexicon knows in another of its spellings (Abd el-Fattah → عبد الفتاح).
                if usesLexicon, let known = lexicon.lookupAbd(word + " " + next).first {
                    pieces.append(Piece(alternatives: [known.arabic], words: 2))
                    i += 2
                    continue
                }
                let rest = Self.splitArticle(next)?.1 ?? next
                pieces.append(Piece(alternatives: ["عبد"]))
                pieces.append(Piece(alternatives: self.word(rest, origin: origin, position: 1, preferFamily: true).map { "ال" + stripArticle($0) }))
                i += 2
                continue
            }
            if lower == "al", word.first == "A", i + 1 < words.count, i > 0 || words.count > 1 {
                pieces.append(Piece(alternatives: ["آل"]))
                i += 1
                continue
            }
            // A name the lexicon lists with its article (al-Qaeda → القاعدة, al-Aqsa → الأقصى).
            if usesLexicon, Self.splitArticle(word) != nil,
               let known = lexicon.lookup(word).first(where: { $0.arabic.hasPrefix("ال") }) {
                pieces.append(Piece(alternatives: [known.arabic]))
                i += 1
                continue
            }
            if let (_, rest) = Self.splitArticle(word) {
                pieces.append(Piece(alternatives: self.word(rest, origin: origin, position: i, preferFamily: true).map { "ال" + stripArticle($0) }))
            } else {
                pieces.append(Piece(alternatives: self.word(word, origin: origin, position: i, preferFamily: false,
                                                            nameWords: words.count)))
            }
            i += 1
        }
        return combine(Self.droppingRepeats(pieces).map(\.alternatives))
    }

    /// The pieces without those that write again what the piece before them already wrote: a
    /// spelling the lexicon lists for a name of more Arabic words than it has (Bosra → بصرى الشام)
    /// followed by those words in a spelling it does not list (Bosra al-Sham). A piece is dropped
    /// when it covers one word, is written as one Arabic word, and is one of the words the piece
    /// before writes beyond one per word it covers, at the same place from the end, with the same
    /// skeleton (``NameKey/arabicWordKey(_:)``: الشم and الشام) and the article on both or neither
    /// (Abdelkarim Karim is عبد الكريم كريم).
    private static func droppingRepeats(_ pieces: [Piece]) -> [Piece] {
        var out: [Piece] = []
        var k = 0
        while k < pieces.count {
            let piece = pieces[k]
            out.append(piece)
            k += 1
            guard let written = piece.alternatives.first?.split(separator: " ") else { continue }
            let extra = written.count - piece.words
            for n in stride(from: min(extra, pieces.count - k), through: 1, by: -1) {
                let next = pieces[k..<(k + n)]
                guard next.allSatisfy({ $0.words == 1 && !($0.alternatives.first ?? " ").contains(" ") }) else { continue }
                if zip(next.map { $0.alternatives[0] }, written.suffix(n).map(String.init)).allSatisfy({ a, b in
                    a.hasPrefix("ال") == b.hasPrefix("ال") && NameKey.arabicWordKey(a) == NameKey.arabicWordKey(b)
                }) {
                    k += n
                    break
                }
            }
        }
        return out
    }

    /// Whether `lower` (a hyphenated part) is the article before `next`: al-, el-, or a
    /// sun-letter assimilation (ash-Shami, ad-Din, ar-Rahman).
    static func isArticle(_ lower: String, before next: String) -> Bool {
        if articles.contains(lower) { return true }
        let n = next.lowercased()
        guard lower.count >= 2, lower.count <= 3, lower.hasPrefix("a") || lower.hasPrefix("e") || lower.hasPrefix("u") else { return false }
        let consonant = lower.dropFirst()
        return ["t", "th", "d", "dh", "r", "z", "s", "sh", "n"].contains(String(consonant)) && n.hasPrefix(consonant)
    }

    /// The article and the rest of a hyphenated word (`al-Assad` → (al, Assad)).
    static func splitArticle(_ word: String) -> (String, String)? {
        guard let dash = word.firstIndex(of: "-") else { return nil }
        let head = String(word[..<dash]), rest = String(word[word.index(after: dash)...])
        guard !rest.isEmpty, isArticle(head.lowercased(), before: rest) else { return nil }
        return (head, rest)
    }

    private func stripArticle(_ arabic: String) -> String {
        arabic.hasPrefix("ال") && arabic.count > 3 ? String(arabic.dropFirst(2)) : arabic
    }

    /// Alternatives for one word (without its article).
    private func word(_ word: String, origin: LatinNameOrigin.Decision, position: Int, preferFamily: Bool,
                      nameWords: Int = 1) -> [String] {
        var found = usesLexicon ? lexicon.lookup(word) : []
        // Inside a longer foreign name, a word is a name, not a place or a phrase translated into
        // several Arabic words (Montenegro in Luis Montenegro is not الجبل الأسود).
        if nameWords > 1, origin.style == .foreign {
            let names = found.filter { ![.place, .org, .phrase].contains($0.kind) || !$0.arabic.contains(" ") && !$0.arabic.hasPrefix("ال") }
            found = names
        }
        if !found.isEmpty {
            var list = found
            // عبد الله before عبدالله: news writes the compound as two words.
            if let spaced = list.firstIndex(where: { e in e.arabic.contains(" ") && list[0].arabic == e.arabic.replacingOccurrences(of: " ", with: "") }) {
                list.insert(list.remove(at: spaced), at: 0)
            }
            if preferFamily, let k = list.firstIndex(where: { $0.kind == .family || $0.kind == .familyBare }) {
                list.insert(list.remove(at: k), at: 0)
            }
            // A family name written without the article in English keeps it in Arabic (Hariri → الحريري).
            return unique(list.map { e in
                if !preferFamily, position > 0, e.kind == .familyBare, !e.arabic.hasPrefix("ال") { return "ال" + e.arabic }
                return e.arabic
            })
        }
        // The article joined to a name the lexicon knows (Gulf spellings: Alwaleed → الوليد).
        let letters = LatinNameRules.letters(word)
        if usesLexicon, origin.style == .arabic, letters.count >= 6, letters[0] == "a" || letters[0] == "e", letters[1] == "l",
           !LatinNameRules.vowelLetters.contains(letters[2]), letters[2] != "l" {
            let rest = String(word.dropFirst(2))
            if let e = lexicon.lookup(rest).first(where: { [.given, .family, .familyBare].contains($0.kind) }) {
                return ["ال" + stripArticle(e.arabic)]
            }
        }
        if let compound = compoundWithDin(word, origin: origin, position: position) { return compound }
        if usesLexicon, origin.style == .arabic, let similar = lexicon.lookupSimilar(word).first {
            // A spelling the lexicon does not list, of a name it knows (Mouaz → معاذ).
            return [similar.arabic]
        }
        let lower = String(LatinNameRules.letters(word))
        // Abdulrahman written as one word.
        if usesLexicon, let known = lexicon.lookupAbd(word).first { return [known.arabic] }
        for abd in ["abdul", "abdel", "abdal"] where lower.hasPrefix(abd) && lower.count >= abd.count + 3 {
            let rest = String(lower.dropFirst(abd.count))
            return self.word(rest, origin: LatinNameOrigin.Decision(style: .arabic), position: 1, preferFamily: true)
                .map { "عبد ال" + stripArticle($0) }
        }
        if origin.pinyin, let a = PinyinNames.shared.arabic(word) { return [a] }
        let rules = LatinNameRules.shared.spellings(word, style: origin.style, language: origin.language, limit: max(variants, 1))
        if rules.isEmpty { return [word] }
        return rules.map(\.0)
    }

    /// Nasrallah, Abdullah: the stem and الله; Zahreddine, Salaheddine, Ezzedine: the stem and
    /// الدين (before the lexicon's near spellings, which would take the stem alone).
    private func compoundWithDin(_ word: String, origin: LatinNameOrigin.Decision, position: Int) -> [String]? {
        let lower = String(LatinNameRules.letters(word))
        for (ending, arabic) in [("ullah", "الله"), ("allah", "الله"), ("ollah", "الله"),
                                 ("eddine", "الدين"), ("eddin", "الدين"), ("edine", "الدين"), ("iddine", "الدين"),
                                 ("uddin", "الدين"), ("addin", "الدين"), ("uddine", "الدين")] {
            if lower.hasSuffix(ending), lower.count >= ending.count + 3 {
                let stem = String(lower.dropLast(ending.count))
                if Self.abdForms.contains(stem) || stem == "abd" { return ["عبد " + arabic] }
                return self.word(stem, origin: LatinNameOrigin.Decision(style: .arabic), position: position, preferFamily: false)
                    .map { $0 + " " + arabic }
            }
        }
        return nil
    }

    private func unique(_ list: [String]) -> [String] {
        var seen = Set<String>()
        return list.filter { seen.insert($0).inserted }
    }

    /// The best combinations of the pieces' alternatives, by the sum of their ranks.
    private func combine(_ parts: [[String]]) -> [String] {
        var results: [([Int], Int)] = [(Array(repeating: 0, count: parts.count), 0)]
        var seen: Set<[Int]> = [results[0].0]
        var out: [String] = []
        while !results.isEmpty, out.count < variants {
            results.sort { $0.1 < $1.1 }
            let (idx, cost) = results.removeFirst()
            let text = zip(parts, idx).map { $0[$1] }.joined(separator: " ")
            if !out.contains(text) { out.append(text) }
            for k in 0..<parts.count where idx[k] + 1 < parts[k].count {
                var next = idx
                next[k] += 1
                if seen.insert(next).inserted { results.append((next, cost + 1)) }
            }
        }
        return out
    }
}
