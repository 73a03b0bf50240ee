import Foundation

/// ``NameLexicon`` read the other way: Latin spellings → the Arabic forms that have them.
///
/// Keys are Latin spellings folded by ``key(_:)`` (lower case, accents and apostrophes dropped,
/// hyphens as spaces). A spelling listed by several entries gives them all, best first: an
/// entry that lists the spelling earlier comes first, then the order of the lexicon file.
public struct ReverseNameLexicon: Sendable {
    /// One Arabic form for a Latin spelling.
    public struct Entry: Sendable, Hashable {
        /// The Arabic form as the lexicon writes it.
        public let arabic: String
        /// What it names.
        public let kind: NameLexicon.Kind
        /// The place of the spelling in the entry's list (0: the entry's first spelling).
        public let rank: Int
    }

    private var entries: [String: [Entry]] = [:]
    /// One-word names of Arabic origin by the fine key of their spellings (``spellingKey(_:)``).
    private var byKey: [String: [Entry]] = [:]
    /// `عبد ال…` compounds by the Latin spelling of their second part (``abdKey(_:)``).
    private var abdEntries: [String: [Entry]] = [:]
    /// Longest key, in words.
    public private(set) var maxWords = 1

    /// The bundled lexicon, inverted.
    public static let bundled = ReverseNameLexicon(NameLexicon.bundledInFileOrder)

    /// Inverts lexicon entries given in order.
    public init(_ lexiconEntries: [NameLexicon.Entry]) {
        var order: [String: [(Entry, Int)]] = [:]
        for (n, e) in lexiconEntries.enumerated() {
            for (rank, spelling) in e.spellings.enumerated() {
                let k = Self.key(spelling)
                guard !k.isEmpty else { continue }
                let entry = Entry(arabic: e.arabic, kind: e.kind, rank: rank)
                if !(order[k]?.contains(where: { $0.0.arabic == e.arabic && $0.0.kind == e.kind }) ?? false) {
                    order[k, default: []].append((entry, n))
                }
                maxWords = max(maxWords, k.split(separator: " ").count)
            }
        }
        var keyOrder: [String: [(Entry, Int)]] = [:]
        for (n, e) in lexiconEntries.enumerated() where [.given, .family, .familyBare].contains(e.kind) && !e.arabic.contains(" ") {
            for (rank, spelling) in e.spellings.enumerated() {
                let k = Self.spellingKey(spelling)
                guard !k.isEmpty, !(keyOrder[k]?.contains(where: { $0.0.arabic == e.arabic }) ?? false) else { continue }
                keyOrder[k, default: []].append((Entry(arabic: e.arabic, kind: e.kind, rank: rank), n))
            }
        }
        for (k, list) in keyOrder { byKey[k] = list.sorted { ($0.0.rank, $0.1) < ($1.0.rank, $1.1) }.map(\.0) }
        var abdOrder: [String: [(Entry, Int)]] = [:]
        for (k, list) in order {
            let sorted = list.sorted { ($0.0.rank, $0.1) < ($1.0.rank, $1.1) }
            entries[k] = sorted.map(\.0)
            guard let rest = Self.abdKey(k) else { continue }
            for (e, n) in sorted {
                let words = e.arabic.split(separator: " ")
                guard words.count == 2, words[0] == "عبد", words[1].hasPrefix("ال") else { continue }
                if !(abdOrder[rest]?.contains(where: { $0.0.arabic == e.arabic }) ?? false) { abdOrder[rest, default: []].append((e, n)) }
            }
        }
        for (k, list) in abdOrder {
            abdEntries[k] = list.sorted { ($0.0.rank, $0.1) < ($1.0.rank, $1.1) }.map(\.0)
        }
    }

    /// One-word names of Arabic origin whose listed spellings have the same fine key as `latin`
    /// (`Mouaz` → معاذ, listed as Moaz), best first; empty for a key shared by several names.
    public func lookupSimilar(_ latin: String) -> [Entry] {
        let k = Self.spellingKey(latin)
        guard !k.isEmpty, let found = byKey[k], Set(found.map(\.arabic)).count == 1 else { return [] }
        return found
    }

    /// A one-word spelling's ``NameKey`` word key with every vowel group kept (empty for several words).
    static func spellingKey(_ latin: String) -> String {
        let k = key(latin)
        guard !k.isEmpty, !k.contains(" "), k.count >= 3, k.allSatisfy({ ("a"..."z").contains($0) }) else { return "" }
        return NameKey.wordKey(k, keepingVowels: true)
    }

    /// The `عبد ال…` compounds a Latin spelling of one names, in any of the ways English writes
    /// the compound (`Abdel Fattah`, `Abd el-Fattah`, `Abdelfattah`, `Abdul Fattah` → عبد الفتاح).
    public func lookupAbd(_ latin: String) -> [Entry] {
        guard let k = Self.abdKey(Self.key(latin)) else { return [] }
        return abdEntries[k] ?? []
    }

    /// The second part of a folded `Abd al-…` spelling without its article, written without
    /// spaces (`abd el fattah`, `abdelfattah` → `fattah`; `abderrahmane` → `rahmane`), or nil.
    static func abdKey(_ folded: String) -> String? {
        var s = Substring(folded.replacingOccurrences(of: " ", with: ""))
        guard s.hasPrefix("abd"), s.count >= 6 else { return nil }
        s = s.dropFirst(3)
        for article in ["oul", "ul", "el", "al", "ol", "il"] where s.hasPrefix(article) && s.count >= article.count + 3 {
            return String(s.dropFirst(article.count))
        }
        // The article assimilated to a sun letter: Abderrahmane, Abdessamad, Abdennasser.
        let chars = Array(s)
        if chars.count >= 5, "aeiou".contains(chars[0]), chars[1] == chars[2], doubledSunLetters.contains(chars[1]) {
            return String(chars[2...])
        }
        return nil
    }

    /// The sun letters Latin spellings double after a vowel where the article assimilates to them
    /// (`Abderrahmane`, `Essebsi`, `Deir Ezzor`).
    static let doubledSunLetters: [Character] = ["t", "d", "r", "z", "s", "n"]

    /// The Arabic forms of a Latin spelling, best first (empty when the lexicon has none).
    public func lookup(_ latin: String) -> [Entry] { entries[Self.key(latin)] ?? [] }

    /// Folds a Latin spelling into its lookup key.
    public static func key(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for s in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            if s.properties.generalCategory == .nonspacingMark { continue }
            if "'’‘ʿʾ`".unicodeScalars.contains(s) { continue }
            if s.properties.isWhitespace || s == "-" {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            for l in s.properties.lowercaseMapping.unicodeScalars { out.append(l) }
        }
        return String(out)
    }
}

extension NameLexicon {
    /// The bundled lexicon's entries in the order of the file.
    static let bundledInFileOrder: [Entry] = ResourceFiles.rows("names-lexicon").compactMap { row in
        guard row.count >= 2 else { return nil }
        let spellings = row[1].split(separator: "|").map { String($0) }
        let kind = row.count > 2 ? Kind(rawValue: String(row[2])) ?? .phrase : .phrase
        return Entry(arabic: String(row[0]), spellings: spellings, kind: kind)
    }
}
