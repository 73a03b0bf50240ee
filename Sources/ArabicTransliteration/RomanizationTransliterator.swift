import Foundation

/// The scholarly romanization standards.
public enum RomanizationStandard: String, CaseIterable, Sendable, Codable, Hashable {
    /// ALA-LC (Library of Congress), with diacritics.
    case alaLC = "ala-lc"
    /// DIN 31635 (German standard), with diacritics and sun-letter assimilation.
    case din
    /// ALA-LC letters without diacritics, hamza or ayn: safe for file names and keys.
    case ascii

    var column: Int {
        switch self {
        case .alaLC: 1
        case .din: 2
        case .ascii: 3
        }
    }
}

/// Romanization by ALA-LC, DIN 31635 or plain ASCII.
///
/// Vowel marks are used when the text has them (`كِتَاب` → `kitāb`); an
/// unvocalized word keeps its consonants and long vowels (`كتاب` → `ktāb`),
/// since short vowels cannot be known without a dictionary. Text in other
/// scripts passes through.
public struct RomanizationTransliterator: Transliterator, Hashable {
    /// The standard.
    public let standard: RomanizationStandard

    /// Creates a transliterator for `standard`.
    public init(_ standard: RomanizationStandard) { self.standard = standard }

    /// Romanizes `text`, word by word, after canonical composition (NFC), so a decomposed
    /// `سأل` (alif + combining hamza) reads like the composed one.
    public func transliterate(_ text: String) -> String {
        let table = Self.tables[standard]!
        var out = ""
        for piece in ArabicScript.pieces(text.precomposedStringWithCanonicalMapping) {
            switch piece {
            case .other(let s): out += s
            case .arabic(let w): out += romanize(ArabicScript.units(w.unicodeScalars), table)
            }
        }
        return out
    }

    private static let tables: [RomanizationStandard: [String: String]] = {
        let rows = ResourceFiles.rows("romanization", skipHeader: true)
        var result: [RomanizationStandard: [String: String]] = [:]
        for standard in RomanizationStandard.allCases {
            var t: [String: String] = [:]
            for row in rows where row.count > standard.column { t[String(row[0])] = String(row[standard.column]) }
            result[standard] = t
        }
        return result
    }()

    private func romanize(_ word: [ArabicScript.Unit], _ t: [String: String]) -> String {
        var units = word
        var out = ""
        func sym(_ key: String) -> String { t[key] ?? key }
        func letter(_ s: Unicode.Scalar) -> String { t[String(s)] ?? String(s) }

        // The name of God: Allāh, also after the proclitics wa-, bi-, fa- and as lillāh.
        let plain = String(String.UnicodeScalarView(units.map { $0.letter == "ٱ" ? "ا" : $0.letter }))
        if plain == "الله" { return sym("ALLAH") }
        if plain == "لله" { return sym("LILLAH") }
        if plain.unicodeScalars.count == 5, plain.hasSuffix("الله"), let p = plain.unicodeScalars.first,
           let prefix = ["و": "wa-", "ب": "bi-", "ف": "fa-"][String(p)] {
            return prefix + sym("ALLAH")
        }

        // Conjunction wa- and the article al- / a + sun letter.
        if units.count > 3, units[0].letter == "و", units[1].letter == "ا" || units[1].letter == "ٱ", units[2].letter == "ل" {
            out += "wa-"
            units.removeFirst()
        }
        if units.count > 2, units[0].letter == "ا" || units[0].letter == "ٱ", units[1].letter == "ل",
           units[0].vowel == nil || units[0].vowel == ArabicScript.fatha {
            let next = units[2].letter
            if ArabicScript.sunLetters.contains(next) && next != "ل" || next == "ل" {
                let sun = sym("ARTICLE_SUN")
                out += sun.hasSuffix("-") ? sun : sun + letter(next) + "-"
            } else {
                out += sym("ARTICLE")
            }
            units.removeFirst(2)
            if !units.isEmpty, ArabicScript.sunLetters.contains(units[0].letter) { units[0].shadda = false }
        }
        let vocalized = units.contains { $0.vowel != nil || $0.sukun || $0.shadda }
        var i = 0
        while i < units.count {
            let u = units[i]
            let prev: ArabicScript.Unit? = i > 0 ? units[i - 1] : nil
            let isLast = i == units.count - 1
            let atStart = i == 0
            switch u.letter {
            case "ا", "ٱ":
                if atStart {
                    out += u.vowel.map { letter($0) } ?? sym("DEFAULT_VOWEL")
                } else if prev?.vowel == ArabicScript.fathatan {
                    // tanwin seat: silent
                } else {
                    if out.hasSuffix("a"), prev?.vowel == ArabicScript.fatha { out.removeLast() }
                    out += sym("LONG_A")
                }
            case "أ", "إ", "ء", "ؤ", "ئ":
                if atStart {
                    out += sym("HAMZA_INITIAL")
                    out += u.vowel.map { letter($0) } ?? (u.letter == "إ" ? letter(ArabicScript.kasra) : sym("DEFAULT_VOWEL"))
                } else {
                    out += letter(u.letter)
                    if u.shadda { out += letter(u.letter) }
                    if let v = u.vowel { out += letter(v) }
                }
            case "آ":
                out += atStart ? sym("LONG_A") : letter(u.letter)
            case "ى":
                if out.hasSuffix("a"), prev?.vowel == ArabicScript.fatha { out.removeLast() }
                out += letter(u.letter)
            case "ة":
                if prev?.vowel == ArabicScript.fatha || prev?.letter == "ا" {
                    out += sym("TEH_MARBUTA_VOC")
                } else {
                    out += sym("TEH_MARBUTA_UNVOC")
                }
                if let v = u.vowel, v != ArabicScript.sukun { out = out.hasSuffix("h") ? String(out.dropLast()) + "t" : out + "t"; out += letter(v) }
            case "و", "ي":
                let longKey = u.letter == "و" ? "LONG_U" : "LONG_I"
                let matching = u.letter == "و" ? ArabicScript.damma : ArabicScript.kasra
                let glide = letter(u.letter)
                if vocalized {
                    if u.vowel != nil || u.shadda {
                        out += glide
                        if u.shadda { out += glide }
                        if let v = u.vowel { out += letter(v) }
                    } else if prev?.vowel == matching {
                        out.removeLast(letter(matching).count)
                        out += sym(longKey)
                    } else if prev?.vowel == ArabicScript.fatha {
                        out.removeLast(letter(ArabicScript.fatha).count)
                        out += sym(u.letter == "و" ? "DIPH_AW" : "DIPH_AY")
                    } else if atStart || prev?.letter == "ا" {
                        out += glide
                    } else {
                        out += sym(longKey)
                    }
                } else {
                    let next: ArabicScript.Unit? = isLast ? nil : units[i + 1]
                    if atStart || prev?.letter == "ا" || prev?.letter == u.letter || next?.letter == "ا" || next?.letter == "و" && u.letter == "و" {
                        out += glide
                    } else {
                        out += sym(longKey)
                    }
                }
            default:
                let l = letter(u.letter)
                out += l
                if u.shadda { out += l }
                if let v = u.vowel {
                    out += v == ArabicScript.daggerAlif ? sym("LONG_A") : letter(v)
                }
            }
            i += 1
        }
        return out
    }
}
