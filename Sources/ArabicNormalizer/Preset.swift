/// A named set of steps.
public enum Preset: String, CaseIterable, Sendable, Codable, Hashable {
    /// Nothing a reader would notice changes: NFC, invisible characters, whitespace, tatweel, de-obfuscation.
    case clean
    /// The usual NLP preprocessing (the default): `clean` + NFKC, diacritics, alef, alef maksura, digits.
    case standard
    /// For search indexes: `standard` + teh marbuta, hamza, Persian letters, elongation, punctuation.
    /// On single words it reproduces Lucene's Arabic and Persian normalization filters.
    case search

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
        }
    }

    /// One line for help texts.
    public var summary: String {
        switch self {
        case .clean: return "nothing a reader would notice: NFC, invisible, whitespace, tatweel, deobfuscate"
        case .standard: return "clean + nfkc, diacritics, alef, alef-maksura, digits (the default)"
        case .search: return "standard + teh-marbuta, hamza, persian, elongation, punctuation (Lucene-compatible)"
        }
    }
}
