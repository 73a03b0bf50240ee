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
/// hundreds are one word (`ثلاثمئة`), thousands, millions, billions and trillions use the dual
/// (`ألفان`), the plural after 3–10 (`ثلاثة آلاف`), the accusative singular after 11–99 (`أحد عشر ألفًا`)
/// and the genitive singular after round hundreds (`مئتا ألف`). Multipliers of scales are masculine;
/// only the last group below a thousand follows `gender`. Counted-noun agreement is left to the caller.
public struct NumberSpeller: Sendable {
    /// Gender of the counted noun.
    public var gender: NumberGender
    /// Grammatical case.
    public var grammaticalCase: NumberCase

    /// The largest number spelled (`999…` below 10^15); larger numbers give nil.
    public static let maximum: Int64 = 999_999_999_999_999

    /// Creates a speller; masculine nominative by default.
    public init(gender: NumberGender = .masculine, case grammaticalCase: NumberCase = .nominative) {
        self.gender = gender
        self.grammaticalCase = grammaticalCase
    }

    /// The words for `n`, or nil if `n` is negative or above `NumberSpeller.maximum`.
    public func spell(_ n: Int64) -> String? {
        guard n >= 0, n <= Self.maximum else { return nil }
        if n == 0 { return word("zero") }
        var parts: [String] = []
        var rest = n
        for scale: Int64 in [1_000_000_000_000, 1_000_000_000, 1_000_000, 1000] {
            let m = rest / scale
            rest %= scale
            if m > 0 { parts.append(contentsOf: scaled(m, scale)) }
        }
        if rest > 0 { parts.append(belowThousand(rest, gender)) }
        return parts.joined(separator: " و")
    }

    /// The words for a number written in digits of any system, with an optional decimal part
    /// (`3.5` → `ثلاثة فاصلة خمسة`; leading zeros of the decimal part are read as `صفر`).
    /// Nil if `digits` is not such a number or is too large.
    public func spell(digits: String) -> String? {
        var whole: Int64 = 0, count = 0
        var fraction: [Int] = []
        var inFraction = false
        for s in digits.unicodeScalars {
            if let d = DigitSystem.classify(s)?.value {
                if inFraction { fraction.append(d); continue }
                count += 1
                guard count <= 18 else { return nil }
                whole = whole * 10 + Int64(d)
            } else if (s == "." || s == "\u{066B}") && !inFraction && count > 0 {
                inFraction = true
            } else if (s == "," || s == "\u{066C}") && !inFraction && count > 0 {
                continue
            } else {
                return nil
            }
        }
        guard count > 0, let w = spell(whole) else { return nil }
        guard inFraction, !fraction.isEmpty else { return w }
        var words = [w, word("point")]
        let zeros = fraction.prefix(while: { $0 == 0 }).count
        words.append(contentsOf: Array(repeating: word("zero"), count: zeros))
        if zeros < fraction.count {
            guard fraction.count - zeros <= 15 else { return nil }
            let v = fraction[zeros...].reduce(Int64(0)) { $0 * 10 + Int64($1) }
            guard let f = spell(v) else { return nil }
            words.append(f)
        }
        return words.joined(separator: " ")
    }

    /// `m × scale` for 1 ≤ m ≤ 999 (multipliers are masculine).
    func scaled(_ m: Int64, _ scale: Int64) -> [String] {
        let s = "scale.\(scale)."
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
                return scaled(hundreds, scale) + scaled(low, scale)
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
