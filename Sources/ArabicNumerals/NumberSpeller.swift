import Foundation

/// Grammatical gender of the counted noun a number agrees with.
public enum NumberGender: String, CaseIterable, Sendable, Hashable {
    /// Masculine counted noun: `ثلاثة رجال`, `خمسة عشر كتابًا`.
    case masculine
    /// Feminine counted noun: `ثلاث نساء`, `خمس عشرة سنة`.
    case feminine
}

/// Grammatical case of the number.
public enum NumberCase: String, CaseIterable, Sendable, Hashable {
    /// Nominative (`اثنان`, `عشرون`, `مئتان`), the default.
    case nominative
    /// Genitive (`اثنين`, `عشرين`, `مئتين`).
    case genitive
    /// Accusative (`اثنين`, `عشرين`, `مئتين`; `ثمانيَ` for feminine 8).
    case accusative

    var column: Int {
        switch self {
        case .nominative: return 0
        case .genitive: return 1
        case .accusative: return 2
        }
    }
}

/// Writes numbers as MSA words (`523` → `خمسمئة وثلاثة وعشرون`), in either gender and any case.
///
/// Rules: units 3–10 take the opposite gender form of the counted noun (the "masculine" form
/// `ثلاثة` is for masculine nouns), 11–19 are two words, units come before tens joined by `و`,
/// hundreds are one word (`ثلاثمئة`), thousands, millions, billions, trillions and the scales to
/// `سبتليون` (10^24) use the dual
/// (`ألفان`), the plural after 3–10 (`ثلاثة آلاف`), the accusative singular after 11–99 (`أحد عشر ألفًا`)
/// and the genitive singular after round hundreds (`مئتا ألف`). Multipliers of scales are masculine;
/// only the last group below a thousand follows `gender`. Counted-noun agreement is left to the caller.
public struct NumberSpeller: Sendable {
    /// Gender of the counted noun.
    public var gender: NumberGender
    /// Grammatical case.
    public var grammaticalCase: NumberCase

    /// The largest number `spell(_:)` takes (`999…` below 10^15; the C ABI and the bindings rely on it).
    /// `spell(digits:)` takes whole parts of up to `maximumDigits` digits.
    public static let maximum: Int64 = 999_999_999_999_999

    /// The most digits `spell(digits:)` spells in a whole part (up to `سبتليون`, 10^24, the largest scale word).
    public static let maximumDigits = 27

    /// Creates a speller; masculine nominative by default.
    public init(gender: NumberGender = .masculine, case grammaticalCase: NumberCase = .nominative) {
        self.gender = gender
        self.grammaticalCase = grammaticalCase
    }

    /// The words for `n`, or nil if `n` is negative or above `NumberSpeller.maximum`.
    public func spell(_ n: Int64) -> String? {
        guard n >= 0, n <= Self.maximum else { return nil }
        return spellWhole(String(n).map { Int(String($0))! })
    }

    /// The words for decimal digit values (most significant first), nil past `maximumDigits`.
    func spellWhole(_ digits: [Int]) -> String? {
        let significant = Array(digits.drop(while: { $0 == 0 }))
        if significant.isEmpty { return word("zero") }
        guard significant.count <= Self.maximumDigits else { return nil }
        // Groups of three from the right: group k is multiplied by 10^(3k).
        var groups: [Int64] = []
        var end = significant.count
        while end > 0 {
            let start = max(0, end - 3)
            groups.append(significant[start..<end].reduce(Int64(0)) { $0 * 10 + Int64($1) })
            end = start
        }
        var parts: [String] = []
        for k in stride(from: groups.count - 1, through: 1, by: -1) where groups[k] > 0 {
            parts.append(contentsOf: scaled(groups[k], exponent: 3 * k))
        }
        if groups[0] > 0 { parts.append(belowThousand(groups[0], gender)) }
        return parts.joined(separator: " و")
    }

    /// The words for a number written in digits of any system: an optional sign (`-`, `−`: `سالب`),
    /// thousands separators (`,`, `٬`), an optional decimal part (`3.5` → `ثلاثة فاصلة خمسة`; up to
    /// three digits read as one number, after leading zeros read as `صفر`; longer parts digit by digit).
    /// Nil if `digits` is not such a number, or its whole part has more than `maximumDigits` digits.
    /// The words read back to the same value (`NumberWordsParser`).
    public func spell(digits: String) -> String? {
        var whole: [Int] = []
        var fraction: [Int] = []
        var inFraction = false
        var negative = false
        for (k, s) in digits.unicodeScalars.enumerated() {
            if let d = DigitSystem.classify(s)?.value {
                if inFraction { fraction.append(d) } else { whole.append(d) }
            } else if k == 0 && (s == "-" || s == "\u{2212}") {
                negative = true
            } else if (s == "." || s == "\u{066B}") && !inFraction && !whole.isEmpty {
                inFraction = true
            } else if (s == "," || s == "\u{066C}") && !inFraction && !whole.isEmpty {
                continue
            } else {
                return nil
            }
        }
        guard !whole.isEmpty, let w = spellWhole(whole) else { return nil }
        var words = negative ? [word("minus"), w] : [w]
        guard inFraction, !fraction.isEmpty else { return words.joined(separator: " ") }
        guard fraction.count <= 18 else { return nil }
        words.append(word("point"))
        let zeros = fraction.prefix(while: { $0 == 0 }).count
        words.append(contentsOf: Array(repeating: word("zero"), count: zeros))
        let rest = fraction[zeros...]
        if rest.count > 3 {
            for d in rest { words.append(d == 0 ? word("zero") : belowThousand(Int64(d), gender)) }
        } else if !rest.isEmpty {
            words.append(belowThousand(rest.reduce(Int64(0)) { $0 * 10 + Int64($1) }, gender))
        }
        return words.joined(separator: " ")
    }

    /// `m × 10^exponent` for 1 ≤ m ≤ 999 (multipliers are masculine).
    func scaled(_ m: Int64, exponent: Int) -> [String] {
        let s = "scale.1" + String(repeating: "0", count: exponent) + "."
        switch m {
        case 1: return [word(s + "singular")]
        case 2: return [word(s + "dual")]
        case 3...10: return [belowThousand(m, .masculine) + " " + word(s + "plural")]
        case 11...99: return [belowThousand(m, .masculine) + " " + word(s + "accusative")]
        default:
            let low = m % 100, hundreds = m - low
            switch low {
            case 0:
                let h = hundreds == 200 ? word("hundred.2.construct") : belowThousand(hundreds, .masculine)
                return [h + " " + word(s + "singular")]
            case 1, 2:
                // 101 000 = مئة ألف وألف, 102 000 = مئة ألف وألفان.
                return scaled(hundreds, exponent: exponent) + scaled(low, exponent: exponent)
            case 3...10:
                return [belowThousand(m, .masculine) + " " + word(s + "plural")]
            default:
                return [belowThousand(m, .masculine) + " " + word(s + "accusative")]
            }
        }
    }

    /// 1 ≤ n ≤ 999.
    func belowThousand(_ n: Int64, _ g: NumberGender) -> String {
        let h = n / 100, r = n % 100
        var parts: [String] = []
        if h > 0 { parts.append(word("hundred.\(h)", g)) }
        if r > 0 { parts.append(belowHundred(r, g)) }
        return parts.joined(separator: " و")
    }

    /// 1 ≤ n ≤ 99.
    func belowHundred(_ n: Int64, _ g: NumberGender) -> String {
        switch n {
        case 1...10: return word("unit.\(n)", g)
        case 11...19: return word("teen.\(n - 10)", g) + " " + word("teen.ten", g)
        default:
            let u = n % 10, t = n - u
            let tens = word("tens.\(t)", g)
            if u == 0 { return tens }
            let unit = u == 1 ? word("compound.1", g) : word("unit.\(u)", g)
            return unit + " و" + tens
        }
    }

    func word(_ key: String, _ g: NumberGender = .masculine) -> String {
        SpellingTable.shared.word(key, gender: g, case: grammaticalCase)
    }
}

/// `number-spelling.tsv`, compiled into the module.
struct SpellingTable: Sendable {
    let rows: [String: [String]]

    static let shared: SpellingTable = {
        let text = String(decoding: PackageResources.number_spelling_tsv, as: UTF8.self)
        var rows: [String: [String]] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let f = line.split(separator: "\t").map(String.init)
            guard f.count >= 2 else { continue }
            rows[f[0]] = Array(f.dropFirst())
        }
        return SpellingTable(rows: rows)
    }()

    func word(_ key: String, gender: NumberGender, case c: NumberCase) -> String {
        guard let r = rows[key] else { return "" }
        switch r.count {
        case 1: return r[0]
        case 3: return r[c.column]
        default: return r[(gender == .feminine ? 3 : 0) + c.column]
        }
    }
}
