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
        for (k, list) in order {
            entries[k] = list.sorted { ($0.0.rank, $0.1) < ($1.0.rank, $1.1) }.map(\.0)
        }
    }

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
