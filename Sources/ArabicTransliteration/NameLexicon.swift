/// Conventional English spellings of Arabic names, places and organisations.
///
/// Loaded from the bundled `names-lexicon.tsv` (one entry a line: Arabic, then
/// spellings separated by `|`, most common first, then a kind). Keys are
/// matched loosely: vowel marks and tatweel are ignored and alif, teh marbuta
/// and alif maksura variants are folded, so `إدلب`, `ادلب` and `إِدْلِب` are one key.
public struct NameLexicon: Sendable {
    /// What an entry names.
    public enum Kind: String, Sendable, CaseIterable {
        case given, family, place, org, foreign, particle, phrase
        /// A family name written without the article in English (`الحريري` → `Hariri`).
        case familyBare = "family-bare"
    }

    /// One lexicon entry.
    public struct Entry: Sendable, Hashable {
        /// The Arabic form as written in the file.
        public let arabic: String
        /// Accepted spellings, most common first.
        public let spellings: [String]
        /// What it names.
        public let kind: Kind
    }

    private var entries: [String: [Entry]] = [:]
    /// Loose key (teh marbuta/heh and alif maksura/yeh folded) → strict keys, in file order.
    private var looseKeys: [String: [String]] = [:]
    /// Longest entry, in words.
    public private(set) var maxWords = 1

    /// All entries.
    public var allEntries: [Entry] { entries.values.flatMap { $0 } }

    /// The bundled lexicon.
    public static let bundled: NameLexicon = {
        var lexicon = NameLexicon()
        for row in ResourceFiles.rows("names-lexicon") where row.count >= 2 {
            let spellings = row[1].split(separator: "|").map { String($0) }
            let kind = row.count > 2 ? Kind(rawValue: String(row[2])) ?? .phrase : .phrase
            lexicon.add(Entry(arabic: String(row[0]), spellings: spellings, kind: kind))
        }
        return lexicon
    }()

    /// An empty lexicon.
    public init() {}

    /// Adds an entry; spellings of an existing key and kind are appended after the ones it has.
    public mutating func add(_ entry: Entry) {
        let key = Self.strictKey(entry.arabic)
        guard !key.isEmpty, !entry.spellings.isEmpty else { return }
        let loose = Self.key(entry.arabic)
        if !(looseKeys[loose]?.contains(key) ?? false) { looseKeys[loose, default: []].append(key) }
        var list = entries[key] ?? []
        if let i = list.firstIndex(where: { $0.kind == entry.kind }) {
            var merged = list[i].spellings
            for s in entry.spellings where !merged.contains(s) { merged.append(s) }
            list[i] = Entry(arabic: list[i].arabic, spellings: merged, kind: list[i].kind)
        } else {
            list.append(entry)
        }
        entries[key] = list
        maxWords = max(maxWords, key.split(separator: " ").count)
    }

    /// The entry for `arabic` (one or more words), if any: the first listed kind, with the
    /// spellings of other kinds for the same key appended.
    public func lookup(_ arabic: String) -> Entry? {
        lookup(arabic, preferring: nil)
    }

    /// Like ``lookup(_:)``, but an entry of kind `preferred` comes first when there is one
    /// (a family name after the article: `الجميل` → `Gemayel` rather than `Jamil`).
    public func lookup(_ arabic: String, preferring preferred: Kind?) -> Entry? {
        // The exact ending first (يسرى Yusra, يسري Yousry), then the folded one.
        guard var list = entries[Self.strictKey(arabic)] ?? looseKeys[Self.key(arabic)]?.first.flatMap({ entries[$0] }),
              !list.isEmpty else { return nil }
        if let preferred, let i = list.firstIndex(where: { $0.kind == preferred || preferred == .family && $0.kind == .familyBare }) {
            list.insert(list.remove(at: i), at: 0)
        }
        var spellings = list[0].spellings
        for e in list.dropFirst() { for s in e.spellings where !spellings.contains(s) { spellings.append(s) } }
        return Entry(arabic: list[0].arabic, spellings: spellings, kind: list[0].kind)
    }

    /// Folds a name into its lookup key, keeping teh marbuta and alif maksura apart from heh and yeh.
    static func strictKey(_ text: String) -> String {
        String(String.UnicodeScalarView(key(text, foldEndings: false).unicodeScalars))
    }

    /// Folds a name into its lookup key.
    public static func key(_ text: String) -> String { key(text, foldEndings: true) }

    static func key(_ text: String, foldEndings: Bool) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for s in text.unicodeScalars {
            if ArabicScript.isMark(s) || s == ArabicScript.tatweel || s == "\u{200C}" || s == "\u{200D}" { continue }
            if s.properties.isWhitespace || s == "-" {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            switch s {
            case "أ", "إ", "آ", "ٱ": out.append("ا")
            case "ة": out.append(foldEndings ? "ه" : "ة")
            case "ى": out.append(foldEndings ? "ي" : "ى")
            case "ک": out.append("ك")
            case "ی": out.append("ي")
            default: out.append(s)
            }
        }
        return String(out)
    }
}
