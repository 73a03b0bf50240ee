/// An exact number found in text: an integer of any size, a decimal (`1.2`, `-3.5`) or a simple
/// fraction (`1/3`), kept as a reduced fraction (a numerator of any size over a 64-bit denominator)
/// so that nothing is rounded and nothing overflows.
///
/// Values the parser produces have no upper bound: `خمسة سبتليونات` is 5×10^24 and
/// `999999 سبتليون` is written out digit for digit (`description`). The `Int64` views (`numerator`,
/// `integer`) are nil when the value does not fit.
public struct NumberValue: Sendable, Hashable, CustomStringConvertible {
    /// The value is below zero (`سالب خمسة`, `-5`). Zero is never negative.
    public let isNegative: Bool
    /// Magnitude of the reduced numerator.
    let magnitude: BigUInt
    /// Denominator of the reduced fraction (1 for integers).
    public let denominator: Int64

    /// The largest magnitude `init(_:_:)` accepts from `Int64` arguments (10^18). The parser's values
    /// are not bounded by it: larger ones come from text (`init?(_ text:)`) or from scale words.
    public static let limit: Int64 = 1_000_000_000_000_000_000

    init(negative: Bool, magnitude: BigUInt, denominator: Int64) {
        self.isNegative = negative && !magnitude.isZero
        self.magnitude = magnitude
        self.denominator = denominator
    }

    /// `magnitude / denominator`, reduced; nil if `denominator` is not positive.
    init?(negative: Bool = false, reducing magnitude: BigUInt, over denominator: Int64) {
        guard denominator > 0 else { return nil }
        let r = magnitude.quotientAndRemainder(dividingBy: UInt64(denominator)).remainder
        let g = Self.gcd(Int64(r), denominator)
        let m = g == 1 ? magnitude : magnitude.quotientAndRemainder(dividingBy: UInt64(g)).quotient
        self.init(negative: negative, magnitude: m, denominator: denominator / g)
    }

    /// Creates `numerator / denominator`, reduced. Returns nil if the denominator is not positive or
    /// the magnitude exceeds `NumberValue.limit`.
    public init?(_ numerator: Int64, _ denominator: Int64 = 1) {
        guard denominator > 0, numerator != Int64.min, abs(numerator) / denominator <= Self.limit else { return nil }
        self.init(negative: numerator < 0, reducing: BigUInt(UInt64(abs(numerator))), over: denominator)
    }

    /// Parses what `description` writes: an optional `-`, ASCII digits of any length, an optional
    /// `.` and decimal digits (at most 18), or `n/d`. Nil for anything else.
    public init?(_ text: String) {
        var s = Substring(text)
        let negative = s.hasPrefix("-")
        if negative { s = s.dropFirst() }
        if let slash = s.firstIndex(of: "/") {
            guard let n = BigUInt(String(s[..<slash])), let d = Int64(s[s.index(after: slash)...]), d > 0 else { return nil }
            self.init(negative: negative, reducing: n, over: d)
            return
        }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = BigUInt(String(parts[0])) else { return nil }
        guard parts.count == 2 else { self.init(negative: negative, magnitude: whole, denominator: 1); return }
        guard parts[1].count <= 18, let frac = BigUInt(String(parts[1])) else { return nil }
        let scale = BigUInt.powerOfTen(parts[1].count)
        self.init(negative: negative, reducing: whole.multiplied(by: scale).adding(frac),
                  over: Int64(scale.uint64!))
    }

    /// The reduced numerator (negative for negative values) if it fits in `Int64`.
    public var numerator: Int64? {
        guard let m = magnitude.uint64, m <= UInt64(Int64.max) else { return nil }
        return isNegative ? -Int64(m) : Int64(m)
    }

    /// The value if it is a whole number that fits in `Int64`.
    public var integer: Int64? { denominator == 1 ? numerator : nil }

    /// The value is a whole number (of any size).
    public var isInteger: Bool { denominator == 1 }

    /// The value with the opposite sign.
    public var negated: NumberValue {
        NumberValue(negative: !isNegative, magnitude: magnitude, denominator: denominator)
    }

    /// Western-digit form: `523`, `-5`, `1200000`, `3.5`, `0.25`; `1/3` when not a finite decimal.
    /// Integers of any size are written in full.
    public var description: String {
        let sign = isNegative ? "-" : ""
        if denominator == 1 { return sign + magnitude.decimalString }
        // Finite decimal if the denominator has only the prime factors 2 and 5.
        var d = denominator, twos = 0, fives = 0
        while d % 2 == 0 { d /= 2; twos += 1 }
        while d % 5 == 0 { d /= 5; fives += 1 }
        guard d == 1 else { return "\(sign)\(magnitude.decimalString)/\(denominator)" }
        let places = max(twos, fives)
        // magnitude × 10^places / denominator is a whole number.
        let scaled = magnitude.multiplied(by: BigUInt.powerOfTen(places))
            .quotientAndRemainder(dividingBy: UInt64(denominator)).quotient
        var digits = scaled.decimalString
        if digits.count <= places { digits = String(repeating: "0", count: places - digits.count + 1) + digits }
        let cut = digits.index(digits.endIndex, offsetBy: -places)
        return sign + digits[..<cut] + "." + digits[cut...]
    }

    /// `self × other`, nil if the denominator would overflow.
    func multiplied(by other: NumberValue) -> NumberValue? {
        let (d, overflow) = denominator.multipliedReportingOverflow(by: other.denominator)
        guard !overflow else { return nil }
        return NumberValue(negative: isNegative != other.isNegative,
                           reducing: magnitude.multiplied(by: other.magnitude), over: d)
    }

    /// `self × 10^n`.
    func timesPowerOfTen(_ n: Int) -> NumberValue {
        NumberValue(negative: isNegative, reducing: magnitude.multiplied(by: .powerOfTen(n)), over: denominator)!
    }

    /// `self + other` for two non-negative values; nil if either is negative or the denominator would overflow.
    func adding(_ other: NumberValue) -> NumberValue? {
        guard !isNegative, !other.isNegative else { return nil }
        let g = Self.gcd(denominator, other.denominator)
        let (d, overflow) = denominator.multipliedReportingOverflow(by: other.denominator / g)
        guard !overflow else { return nil }
        let a = magnitude.multiplied(by: BigUInt(UInt64(other.denominator / g)))
        let b = other.magnitude.multiplied(by: BigUInt(UInt64(denominator / g)))
        return NumberValue(reducing: a.adding(b), over: d)
    }

    static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x == 0 ? 1 : x
    }

    /// Parses a run of digits of any system with an optional single decimal separator
    /// and thousands separators (`1.2`, `١٢٫٥`, `6,077`, `١٠٠٬٠٠٠`). A single comma that cannot be a
    /// thousands separator is a decimal comma (`3,5`). Nil if malformed, or if it has more than
    /// `maximumDigits` digits (then it is a code or an identifier, not a quantity).
    init?(digits: ArraySlice<Unicode.Scalar>, maximumDigits: Int = 24) {
        let scalars = Array(digits)
        let seps = scalars.indices.filter { DigitSystem.classify(scalars[$0]) == nil }
        let (decimalOK, groupsOK) = DigitConverter.separatorRoles(scalars, 0, scalars.count, seps)
        let points = seps.filter { DigitConverter.isDecimal(scalars[$0]) }
        let commas = seps.count - points.count
        var decimalAt: Int? = nil
        if !points.isEmpty {
            guard decimalOK, commas == 0 || groupsOK else { return nil }
            decimalAt = points[0]
        } else if commas > 0 && !groupsOK {
            guard commas == 1 else { return nil }
            decimalAt = seps[0]
        }
        var count = 0
        var places = 0
        var small: UInt64 = 0   // the value while it has at most 19 digits (no big arithmetic for common numbers)
        for (k, s) in scalars.enumerated() {
            guard let v = DigitSystem.classify(s)?.value else { continue }
            count += 1
            guard count <= maximumDigits else { return nil }
            if count <= 19 { small = small * 10 + UInt64(v) }
            if let at = decimalAt, k > at { places += 1 }
        }
        guard places <= 18, count > 0 else { return nil }
        let m = count <= 19 ? BigUInt(small)
            : BigUInt(decimalDigits: scalars.compactMap { DigitSystem.classify($0)?.value })!
        self.init(reducing: m, over: Int64(BigUInt.powerOfTen(places).uint64!))
    }
}
