/// A named set of steps.
public enum Preset: String, CaseIterable, Sendable, Codable, Hashable {
    /// Nothing a reader would notice changes: NFC, invisible characters, whitespace, tatweel, de-obfuscation.
    case clean
    /// The usual NLP preprocessing (the default): `clean` + NFKC, diacritics, alef, alef maksura, digits.
    case standard
    /// For search indexes: `standard` + teh marbuta, hamza, Persian letters, elongation, punctuation.
    /// On single words it reproduces Lucene's Arabic and Persian normalization filters.
    case search
    /// For web and social-media text: `standard` + `html` + `web`, with URLs, e-mail addresses and
    /// mentions masked (`[URL]`, `[EMAIL]`, `[USER]`), hashtags as words, emoji kept.
    case social

    /// The steps this preset enables.
    public var steps: StepSet {
        switch self {
        case .clean:
            return StepSet([.unicode, .invisible, .whitespace, .tatweel, .deobfuscate])
        case .standard:
            return Preset.clean.steps.union(StepSet([.nfkc, .diacritics, .alef, .alefMaksura, .digits]))
        case .search:
            return Preset.standard.steps.union(
                StepSet([.tehMarbuta, .hamza, .persian, .elongation, .punctuation]))
        case .social:
            return Preset.standard.steps.union(StepSet([.html, .web]))
        }
    }

    /// One line for help texts.
    public var summary: String {
        switch self {
        case .clean: return "nothing a reader would notice: NFC, invisible, whitespace, tatweel, deobfuscate"
        case .standard: return "clean + nfkc, diacritics, alef, alef-maksura, digits (the default)"
        case .search: return "standard + teh-marbuta, hamza, persian, elongation, punctuation (Lucene-compatible)"
        case .social: return "standard + html, web: URLs, e-mails, mentions masked, hashtags as words, emoji kept"
        }
    }

    /// The policy this preset gives a kind of span when the options name none.
    public func policy(for kind: SpanKind) -> SpanPolicy {
        switch (self, kind) {
        case (.social, .url), (.social, .email), (.social, .mention): return .mask
        case (.social, .hashtag): return .words
        default: return .keep
        }
    }
}
