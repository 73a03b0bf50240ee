import ArgumentParser
import ArabicTransliteration
import Foundation

/// `arnorm translit`: transliterate text line by line.
struct TranslitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "translit",
        abstract: "Transliterate Arabic text (Buckwalter family, ALA-LC, DIN 31635, ASCII, readable names, name keys).",
        discussion: """
        Reads files, directory trees, JSONL fields or CSV/TSV columns (or standard input) line by
        line, with the same input and output options as `arnorm normalize`. Lossless schemes (bw, safebw, xmlbw, hsb) are exactly reversible with --reverse; add
        --escape on both directions to keep ASCII that collides with scheme symbols exact.
        names with --reverse writes Latin spellings of names in Arabic script as Arabic news does
        (Emmanuel Macron → إيمانويل ماكرون).
        name-key gives a matching key per line, the same for spelling variants of one name in
        Arabic or Latin script (محمد, Mohammed, Muhammad → MHMD).
        """)

    /// The scheme names accepted on the command line.
    enum Scheme: String, ExpressibleByArgument, CaseIterable {
        case bw, safebw, xmlbw, hsb
        case alaLC = "ala-lc"
        case din, ascii, names
        case nameKey = "name-key"

        var library: TransliterationScheme { TransliterationScheme(rawValue: rawValue)! }
    }

    /// How the names scheme writes the article.
    enum Article: String, ExpressibleByArgument, CaseIterable {
        case al, Al, el, none, assimilated
    }

    @Option(name: .shortAndLong, help: "Scheme: \(Scheme.allCases.map(\.rawValue).joined(separator: ", ")).")
    var scheme: Scheme

    @Flag(name: .shortAndLong, help: "Turn scheme text back into Arabic (lossless schemes; names: Latin names to Arabic script).")
    var reverse = false

    @Flag(help: "Escape characters that collide with the scheme's symbols (lossless schemes), so round trips stay exact.")
    var escape = false

    @Option(help: "names: give the N most likely spellings, joined with '|'.")
    var variants = 1

    @Option(help: "names: how to write the article: al (al-Assad), Al (Al Thani), el (el-Sisi), none, assimilated (ash-Shami).")
    var article: Article = .al

    @Option(name: .customLong("icu-transform"), help: ArgumentHelp("Apply an ICU transform id instead (for comparisons).", visibility: .hidden))
    var icuTransform: String?

    @Flag(name: .customLong("no-lexicon"), help: ArgumentHelp("names: use the rules only (for measuring them).", visibility: .hidden))
    var noLexicon = false

    @OptionGroup var io: IOOptions

    func validate() throws {
        if reverse && !scheme.library.isLossless && scheme != .names {
            throw ValidationError("--reverse works only with names and the lossless schemes bw, safebw, xmlbw and hsb.")
        }
        if reverse && scheme == .names && article != .al {
            throw ValidationError("--article applies only to Arabic → Latin names.")
        }
        if variants < 1 { throw ValidationError("--variants must be at least 1.") }
        if (variants > 1 || article != .al) && scheme != .names {
            throw ValidationError("--variants and --article apply only to --scheme names.")
        }
    }

    func run() throws {
        try CorpusRunner.runLines(io: io, command: "translit", try makeLineTransform())
    }

    /// The per-line transform for the chosen options, reusable by other commands.
    func makeLineTransform() throws -> @Sendable (String) -> String {
        if let id = icuTransform {
            guard let t = ICUTransform(id) else { throw ValidationError("Unknown ICU transform \(id).") }
            return { t.transliterate($0) }
        }
        return Self.lineTransform(scheme: scheme.library, reverse: reverse, escape: escape,
                                  variants: variants, article: article, useLexicon: !noLexicon)
    }

    /// A `(String) -> String` for one line of text.
    static func lineTransform(scheme: TransliterationScheme, reverse: Bool = false, escape: Bool = false,
                              variants: Int = 1, article: Article = .al,
                              useLexicon: Bool = true) -> @Sendable (String) -> String {
        if let lossless = LosslessScheme(rawValue: scheme.rawValue) {
            let t = LosslessTransliterator(lossless, escapesCollisions: escape)
            if reverse { return { t.reverse($0) } }
            return { t.transliterate($0) }
        }
        if scheme == .names && reverse {
            let t = LatinNameTransliterator(variants: variants, usesLexicon: useLexicon)
            return { t.transliterate($0) }
        }
        if scheme == .names {
            var t = NameTransliterator(variants: variants, lexicon: useLexicon ? .bundled : NameLexicon())
            switch article {
            case .al: t.article = .al
            case .Al: t.article = .alCapital
            case .el: t.article = .el
            case .none: t.article = .none
            case .assimilated: t.assimilatesSunLetters = true
            }
            let names = t
            return { names.transliterate($0) }
        }
        let t = scheme.makeTransliterator()
        return { t.transliterate($0) }
    }
}
