/// Reads the module's tab-separated data files (comments start with `#`).
///
/// The files in `Resources/` are compiled into the module (`.embedInCode` in `Package.swift`), so a
/// copied binary or a `libarnorm-c.so` loaded from Python finds them without a resource bundle.
enum ResourceFiles {
    /// The bytes of each data file, by name without `.tsv`.
    private static func bytes(_ name: String) -> [UInt8] {
        switch name {
        case "lossless": return PackageResources.lossless_tsv
        case "names-foreign-letters": return PackageResources.names_foreign_letters_tsv
        case "names-latin": return PackageResources.names_latin_tsv
        case "names-latin-arabic": return PackageResources.names_latin_arabic_tsv
        case "names-latin-origins": return PackageResources.names_latin_origins_tsv
        case "names-letters": return PackageResources.names_letters_tsv
        case "names-lexicon": return PackageResources.names_lexicon_tsv
        case "names-particles": return PackageResources.names_particles_tsv
        case "names-pinyin-arabic": return PackageResources.names_pinyin_arabic_tsv
        case "romanization": return PackageResources.romanization_tsv
        default: fatalError("ArabicTransliteration: no data file \(name).tsv")
        }
    }

    /// The text of `name.tsv`.
    static func text(_ name: String) -> String {
        String(decoding: bytes(name), as: UTF8.self)
    }

    /// The rows of `name.tsv`, split on tabs; comments and blank lines dropped.
    static func rows(_ name: String, skipHeader: Bool = false) -> [[Substring]] {
        var rows: [[Substring]] = []
        var sawHeader = !skipHeader
        for line in text(name).split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("#") || line.allSatisfy({ $0 == " " || $0 == "\r" }) { continue }
            if !sawHeader { sawHeader = true; continue }
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            rows.append(trimmed.split(separator: "\t", omittingEmptySubsequences: false))
        }
        return rows
    }
}
