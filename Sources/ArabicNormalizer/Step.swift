/// One switchable normalization step.
///
/// Steps always run in the order of `Step.allCases` (the documented order), whatever order
/// they were enabled in. Character-level steps (`invisible` … `digits`) are composed into one
/// table per configuration; context steps (`whitespace`, `deobfuscate`, `elongation`,
/// `punctuation`) look at their neighbours in the same single pass. The span steps (`html`,
/// `web`, `emoji`) are listed last but act first: they find their spans on the raw line, and
/// the other steps see only the text between and inside them (`SpanScanner`).
public enum Step: String, CaseIterable, Sendable, Codable, Hashable {
    /// ICU canonical composition (NFC) of every segment a quick check flags.
    case unicode
    /// Switches `unicode` to NFKC: presentation forms and ligatures become letters
    /// (`ﻻ` → `لا`, `ﷲ` → `الله`). Also expands `ﷺ` to 18 characters and maps
    /// compatibility characters (superscripts, fullwidth forms); it does not convert digits.
    case nfkc
    /// Removes BOM, zero-width space, soft hyphen, word joiner, bidi controls; ZWJ/ZWNJ inside Arabic words.
    case invisible
    /// Unicode spaces to a plain space, runs collapsed, lines trimmed; line breaks kept.
    case whitespace
    /// Removes tatweel (U+0640).
    case tatweel
    /// Joins words split on purpose with tatweel or zero-width characters plus separators (`خـ.ـسائر` → `خسائر`).
    case deobfuscate
    /// Removes harakat, the other Arabic combining marks and Quranic annotation marks.
    case diacritics
    /// Folds alef variants (أ إ آ ٱ ٲ ٳ ٵ) to bare alef ا.
    case alef
    /// Folds alef maksura ى to yeh ي.
    case alefMaksura = "alef-maksura"
    /// Folds teh marbuta ة to heh ه.
    case tehMarbuta = "teh-marbuta"
    /// Folds hamza on a carrier to the bare carrier (ؤ → و, ئ → ي); lone ء is kept.
    case hamza
    /// Folds Persian, Urdu and Kurdish letter variants to Arabic letters (ک → ك, ی → ي …); ZWNJ → space.
    case persian
    /// Collapses an Arabic letter repeated three or more times (`مرحباااا` → `مرحبا`).
    case elongation
    /// Turns punctuation into a space, except separators inside numbers (`1.2`, `6,077`, `91%`).
    case punctuation
    /// Arabic-Indic and Extended Arabic-Indic digits to 0–9 (٫ → `.`, ٬ → `,`, ٪ → `%` inside numbers).
    case digits
    /// HTML markup: tags removed with their text kept (block tags become a space), `<script>`,
    /// `<style>` and comments removed, character references decoded (`&amp;` `&#1575;`).
    case html
    /// URLs, e-mail addresses, @mentions and #hashtags, each kept whole, masked or removed by
    /// its policy (`NormalizationOptions.urls` …).
    case web
    /// Emoji sequences (ZWJ sequences, skin tones, flags, keycaps), kept whole, masked, removed
    /// or turned into a space (`NormalizationOptions.emoji`).
    case emoji

    /// The step's position in `Step.allCases` (the documented order), also its bit in `StepSet`
    /// and its counter in `NormalizationStats`.
    ///
    /// A case without a payload is stored as its position in the declaration, which is also the
    /// order of `allCases`, so this folds to a constant where the step is one (`Step.whitespace.index`
    /// in the engine). `stepIndexIsThePositionInAllCases` checks it.
    @inline(__always)
    var index: Int { Int(unsafeBitCast(self, to: UInt8.self)) }

    /// How many steps there are: the counters the engine keeps for steps come first, in this order.
    static let count = allCases.count

    /// Parses a step name as written on the command line (`alef-maksura`, also `alef_maksura`, `alefMaksura`).
    public init?(name: String) {
        func squeeze(_ s: String) -> String { String(s.lowercased().filter { $0 != "-" && $0 != "_" }) }
        let wanted = squeeze(name)
        guard let step = Step.allCases.first(where: { squeeze($0.rawValue) == wanted }) else { return nil }
        self = step
    }

    /// One line saying what the step does, for `--list-steps` and the README.
    public var summary: String {
        switch self {
        case .unicode: return "ICU normalization (NFC; NFKC with the nfkc step)"
        case .nfkc: return "use NFKC: presentation forms and ligatures to letters (ﻻ → لا, ﷲ → الله)"
        case .invisible: return "remove BOM, zero-width space, soft hyphen, bidi controls; ZWJ/ZWNJ inside Arabic words"
        case .whitespace: return "Unicode spaces to a space, runs collapsed, lines trimmed, line breaks kept"
        case .tatweel: return "remove tatweel U+0640"
        case .deobfuscate: return "join words split with tatweel/zero-width plus separators (خـ.ـسائر → خسائر)"
        case .diacritics: return "remove harakat, Arabic combining marks and Quranic annotation marks"
        case .alef: return "أ إ آ ٱ ٲ ٳ ٵ → ا"
        case .alefMaksura: return "ى → ي"
        case .tehMarbuta: return "ة → ه"
        case .hamza: return "ؤ → و, ئ → ي (hamza on a carrier to the carrier); lone ء kept"
        case .persian: return "Persian/Urdu/Kurdish variants to Arabic (ک → ك, ی ے → ي, ۀ ہ → ه); ZWNJ → space"
        case .elongation: return "a letter repeated 3+ times collapses (مرحباااا → مرحبا)"
        case .punctuation: return "punctuation to a space, separators inside numbers kept (1.2, 6,077, 91%)"
        case .digits: return "Arabic-Indic ٠-٩ and Persian ۰-۹ digits to 0-9 (٫ → . and ٬ → , inside numbers)"
        case .html: return "HTML tags removed (text kept, block tags → space), script/style/comments removed, &amp; &#1575; decoded"
        case .web: return "URLs, e-mails, @mentions, #hashtags: keep (protected), mask, remove (--urls … --hashtags; hashtags also words)"
        case .emoji: return "emoji sequences (ZWJ, skin tones, flags, keycaps) never broken: keep, mask, remove or space (--emoji)"
        }
    }
}

/// A set of steps, stored as bits in the documented order.
public struct StepSet: OptionSet, Sendable, Hashable, Codable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public init(_ steps: some Sequence<Step>) {
        self.init(rawValue: 0)
        for step in steps { insert(step) }
    }

    public func contains(_ step: Step) -> Bool { rawValue & (1 << UInt32(step.index)) != 0 }
    public mutating func insert(_ step: Step) { formUnion(StepSet(rawValue: 1 << UInt32(step.index))) }
    public mutating func remove(_ step: Step) { subtract(StepSet(rawValue: 1 << UInt32(step.index))) }

    /// The span steps (`html`, `web`, `emoji`): a set without them never looks for spans.
    static let spanSteps = StepSet([.html, .web, .emoji])

    /// The steps in the set, in the documented order.
    public var steps: [Step] { Step.allCases.filter { contains($0) } }
}

extension StepSet: CustomStringConvertible {
    public var description: String { steps.map(\.rawValue).joined(separator: ",") }
}
