/// The character-level steps as data: what each step does to one code point.
///
/// Like Lucene's normalizer, the whole rule set is readable in one place. Each step maps a code
/// point to another code point (letter folding, digits), deletes it (invisible characters, tatweel,
/// diacritics), or leaves it alone; `ActionTable` composes the enabled
/// steps (repeatedly, so `ۃ` → `ة` → `ه` works whatever the order) into one table.
enum CharacterSteps {
    /// `alef`: alef with hamza above/below, madda, wasla, wavy hamza above/below, high hamza → bare alef.
    static let alefVariants: [UInt32: UInt32] = [
        0x0623: 0x0627,  // أ
        0x0625: 0x0627,  // إ
        0x0622: 0x0627,  // آ
        0x0671: 0x0627,  // ٱ alef wasla
        0x0672: 0x0627,  // ٲ alef with wavy hamza above
        0x0673: 0x0627,  // ٳ alef with wavy hamza below
        0x0675: 0x0627,  // ٵ high hamza alef
    ]

    /// `alef-maksura`: ى → ي.
    static let alefMaksura: [UInt32: UInt32] = [0x0649: 0x064A]

    /// `teh-marbuta`: ة → ه.
    static let tehMarbuta: [UInt32: UInt32] = [0x0629: 0x0647]

    /// `hamza`: letters with hamza on a carrier → the bare carrier. Alef is left to the `alef` step.
    /// The canonical ones are derived from Unicode's decompositions (X + U+0654/U+0655); the
    /// compatibility-only "high hamza" letters are listed.
    static let hamzaOnCarrier: [UInt32: UInt32] = {
        var map: [UInt32: UInt32] = [
            0x0676: 0x0648,  // ٶ high hamza waw
            0x0677: 0x06C7,  // ٷ high hamza u
            0x0678: 0x064A,  // ٸ high hamza yeh
        ]
        for c in UInt32(0x0600)...0x06FF {
            let d = UnicodeDecomposition.canonical(c)
            if d.count == 2, d[1] == 0x0654 || d[1] == 0x0655, d[0] != 0x0627 { map[c] = d[0] }
        }
        return map
    }()

    /// `persian`: Persian, Urdu, Kurdish, Pashto and Uyghur letter variants → the Arabic letter.
    /// Direction: toward Arabic (the reverse is not provided).
    static let persianVariants: [UInt32: UInt32] = [
        0x06A9: 0x0643,  // ک keheh → ك
        0x06AA: 0x0643,  // ڪ swash kaf → ك
        0x06CC: 0x064A,  // ی farsi yeh → ي
        0x0649: 0x064A,  // ى alef maksura → ي (Persian writes final yeh without dots)
        0x06D2: 0x064A,  // ے yeh barree → ي
        0x06CD: 0x064A,  // ۍ yeh with tail → ي
        0x06D0: 0x064A,  // ې e → ي
        0x06CE: 0x064A,  // ێ yeh with small v → ي
        0x06C0: 0x0647,  // ۀ heh with yeh above → ه
        0x06C1: 0x0647,  // ہ heh goal → ه
        0x06C2: 0x0647,  // ۂ heh goal with hamza above → ه
        0x06D5: 0x0647,  // ە ae → ه
        0x06BE: 0x0647,  // ھ heh doachashmee → ه
        0x06C3: 0x0629,  // ۃ teh marbuta goal → ة
        0x06D3: 0x0626,  // ۓ yeh barree with hamza above → ئ
        0x06C6: 0x0648,  // ۆ oe → و
        0x06C7: 0x0648,  // ۇ u → و
        0x06C8: 0x0648,  // ۈ yu → و
        0x06CB: 0x0648,  // ۋ ve → و
    ]

    /// The Persian step's other rule: ZWNJ becomes a space (handled in context by the engine).
    static let persianZWNJ: UInt32 = CharacterSets.zwnj

    /// What one character-level step does to `c`, or nil when it leaves `c` alone.
    /// `.some(nil)` means the step deletes `c`.
    static func apply(_ step: Step, to c: UInt32, options: NormalizationOptions) -> UInt32?? {
        let p = PropertyTable.properties(c)
        switch step {
        case .invisible:
            return CharacterSets.isInvisible(c, p) ? .some(nil) : nil
        case .tatweel:
            return c == CharacterSets.tatweel ? .some(nil) : nil
        case .diacritics:
            guard CharacterSets.isDiacritic(c, p) else { return nil }
            if c == CharacterSets.shadda && options.keepShadda { return nil }
            if c == CharacterSets.superscriptAlef && options.superscriptAlefToAlef {
                return .some(CharacterSets.alef)
            }
            return .some(nil)
        case .alef: return alefVariants[c].map { .some($0) }
        case .alefMaksura: return alefMaksura[c].map { .some($0) }
        case .tehMarbuta: return tehMarbuta[c].map { .some($0) }
        case .hamza: return hamzaOnCarrier[c].map { .some($0) }
        case .persian: return persianVariants[c].map { .some($0) }
        case .digits:
            guard p.isDigit, p.has(CharacterProperties.Flag.arabicScript) else { return nil }
            return .some(0x30 + UInt32(p.digitValue))
        case .unicode, .nfkc, .whitespace, .deobfuscate, .elongation, .punctuation:
            return nil  // context steps: handled by the engine
        case .html, .web, .emoji:
            return nil  // span steps: handled before the other steps see the text (SpanScanner)
        }
    }

    /// The character-level steps, in the order they are tried.
    static let characterSteps: [Step] = [
        .invisible, .tatweel, .diacritics, .alef, .alefMaksura, .tehMarbuta, .hamza, .persian, .digits,
    ]

    /// Applies every enabled character-level step until nothing changes.
    /// Returns the final code point (nil if deleted) and the first step that changed it.
    static func resolve(_ c: UInt32, steps: StepSet, options: NormalizationOptions) -> (UInt32?, Step?) {
        var current = c
        var first: Step?
        for _ in 0..<4 {
            var changed = false
            for step in characterSteps where steps.contains(step) {
                guard let result = apply(step, to: current, options: options) else { continue }
                if first == nil { first = step }
                guard let next = result else { return (nil, first) }
                if next != current { current = next; changed = true }
            }
            if !changed { break }
        }
        return (current, first)
    }
}

/// Canonical decompositions, read from ICU.
enum UnicodeDecomposition {
    static func canonical(_ c: UInt32) -> [UInt32] {
        var buffer = [UInt32](repeating: 0, count: 8)
        let n = Int(cicu_canonical_decomposition(c, &buffer, 8))
        return Array(buffer.prefix(n))
    }
}

import CICU
