/// Chinese names in Hanyu Pinyin written in Arabic script, a syllable at a time
/// (`Xi Jinping` → `شي جين بينغ`), from the initials and finals of `names-pinyin-arabic.tsv`.
struct PinyinNames: Sendable {
    private var initials: [String: String] = [:]
    private var finals: [String: String] = [:]
    private var starts: [String: String] = [:]

    static let shared = PinyinNames()

    init() {
        for row in ResourceFiles.rows("names-pinyin-arabic", skipHeader: true) where row.count >= 3 {
            switch row[1] {
            case "initial": initials[String(row[0])] = String(row[2])
            case "final": finals[String(row[0])] = String(row[2])
            case "start": starts[String(row[0])] = String(row[2])
            default: break
            }
        }
    }

    /// The Arabic of one syllable, or nil if it is not a pinyin syllable.
    func syllable(_ s: Substring) -> String? {
        if let a = starts[String(s)] { return a }
        for len in [2, 1] where s.count > len {
            let ini = String(s.prefix(len))
            guard let i = initials[ini], let f = finals[String(s.dropFirst(len))] else { continue }
            // y and w write the glide; a final starting with the same vowel drops it (yi, wu, you).
            if (ini == "y" && f.hasPrefix("ي") && f.count > 1) || (ini == "w" && f.hasPrefix("و") && f.count > 1) {
                return i + f.dropFirst()
            }
            return i + f
        }
        return nil
    }

    /// A word split into pinyin syllables (longest syllables first), or nil if it does not split.
    func syllables(_ word: String) -> [Substring]? {
        let w = Substring(word.lowercased().filter { $0 != "'" && $0 != "-" })
        guard !w.isEmpty, w.allSatisfy({ $0.isASCII && $0.isLetter }) else { return nil }
        func split(_ rest: Substring) -> [Substring]? {
            if rest.isEmpty { return [] }
            for len in stride(from: min(6, rest.count), through: 1, by: -1) {
                let head = rest.prefix(len)
                guard syllable(head) != nil else { continue }
                if let tail = split(rest.dropFirst(len)) { return [head] + tail }
            }
            return nil
        }
        return split(w)
    }

    /// The Arabic of a word, its syllables separated by spaces, or nil if it is not pinyin.
    func arabic(_ word: String) -> String? {
        guard let parts = syllables(word) else { return nil }
        return parts.compactMap { syllable($0) }.joined(separator: " ")
    }
}
