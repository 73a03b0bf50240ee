/// Where a name spelled in Latin letters comes from, read from its letter shapes
/// (`names-latin-origins.tsv`: `-ov` Russian, `-berg` German, `Abdul-`, `kh` Arabic) and, when
/// the lexicon knows some of its words, from them. It chooses the rules that write it in Arabic.
struct LatinNameOrigin: Sendable {
    /// The decision for one name.
    struct Decision: Sendable, Equatable {
        /// How vowels are written.
        var style: LatinNameRules.Style
        /// The source language of a foreign name, if its shapes say (`ru`, `de`, `fr`, ...).
        var language: String?
        /// A Chinese name in pinyin.
        var pinyin = false
    }

    private var shapes: [(shape: String, place: String, origin: String, weight: Double)] = []
    /// Letter models of Latin spellings: of Arabic-origin names (the lexicon's spellings of
    /// given names, family names and places) and of foreign names (`names-latin.tsv` and the
    /// lexicon's foreign entries).
    private let arabicLatin: ForeignNames.LetterModel
    private let foreignLatin: ForeignNames.LetterModel
    /// How much the letter models' per-letter difference weighs.
    let letterWeight = 3.0

    static let shared = LatinNameOrigin()

    init(lexicon: [NameLexicon.Entry] = NameLexicon.bundledInFileOrder) {
        for row in ResourceFiles.rows("names-latin-origins", skipHeader: true) where row.count >= 4 {
            guard let w = Double(row[3]) else { continue }
            shapes.append((String(row[0]), String(row[1]), String(row[2]), w))
        }
        var arabic: [String] = [], foreign = Array(ForeignNames.shared.known.keys)
        for e in lexicon {
            let words = e.spellings.flatMap { $0.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" }) }
                .map(String.init).filter { !["al", "el", "bin", "ibn", "abu"].contains($0) }
            switch e.kind {
            case .foreign: foreign += words
            case .given, .family, .familyBare, .place: arabic += words
            default: break
            }
        }
        arabicLatin = ForeignNames.LetterModel(words: arabic, order: 3)
        foreignLatin = ForeignNames.LetterModel(words: foreign, order: 3)
    }

    /// How much more likely a word's letters are as an Arabic-origin spelling than as a
    /// foreign one, per letter (positive: Arabic).
    func letterEvidence(_ word: String) -> Double {
        let codes = LatinNameRules.letters(word).compactMap { $0.unicodeScalars.first.flatMap(ForeignNames.LetterModel.code) }
        guard !codes.isEmpty else { return 0 }
        func cost(_ m: ForeignNames.LetterModel) -> Double {
            var h: [UInt8] = [26, 26]
            var total = 0.0
            for c in codes + [27] {
                total += m.cost(Array(h.suffix(2)), c)
                h.append(c)
            }
            return total
        }
        return (cost(foreignLatin) - cost(arabicLatin)) / Double(codes.count + 1)
    }

    /// The weight each origin gets from the shapes of one word.
    func scores(_ word: String) -> [String: Double] {
        let w = String(LatinNameRules.letters(word))
        var s: [String: Double] = [:]
        guard !w.isEmpty else { return s }
        for (shape, place, origin, weight) in shapes {
            let hit: Bool
            switch place {
            case "word": hit = w == shape
            case "start": hit = w.hasPrefix(shape) && w != shape
            case "end": hit = w.hasSuffix(shape) && w.count > shape.count + 1
            default: hit = w.contains(shape)
            }
            if hit { s[origin, default: 0] += weight }
        }
        return s
    }

    /// Decides for a whole name. `lexiconKinds` gives, per word, the kind of its best lexicon
    /// entry (nil when the lexicon does not know it or is not used).
    func decide(_ words: [String], lexiconKinds: [NameLexicon.Kind?]) -> Decision {
        var total: [String: Double] = [:]
        for (i, word) in words.enumerated() {
            for (o, v) in scores(word) { total[o, default: 0] += v }
            total["arabic", default: 0] += letterWeight * letterEvidence(word)
            switch i < lexiconKinds.count ? lexiconKinds[i] : nil {
            case .foreign?: total["foreign", default: 0] += 2
            case .given?, .family?, .familyBare?, .particle?: total["arabic", default: 0] += 2
            default: break
            }
        }
        let arabic = total["arabic"] ?? 0
        let languages = total.filter { $0.key != "arabic" && $0.key != "foreign" }
        let best = languages.max { ($0.value, $1.key) < ($1.value, $0.key) }
        let foreign = (total["foreign"] ?? 0) + max(0, best?.value ?? 0)
        let unknown = lexiconKinds.contains { $0 == nil }
        if unknown, words.count >= 2, words.count <= 4,
           PinyinNames.shared.syllables(words[0])?.count == 1,
           words.allSatisfy({ (PinyinNames.shared.syllables($0)?.count ?? 9) <= 3 }),
           arabic <= 0 {
            return Decision(style: .foreign, language: nil, pinyin: true)
        }
        if arabic > 1, arabic >= foreign { return Decision(style: .arabic, language: nil) }
        if let best, best.value >= 1.5 {
            return Decision(style: best.key == "fa" ? .arabic : .foreign, language: best.key)
        }
        return Decision(style: .foreign, language: nil)
    }
}
