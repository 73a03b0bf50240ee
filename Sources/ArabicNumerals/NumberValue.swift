/// An exact non-negative number found in text: an integer, a decimal (`1.2`) or a simple fraction (`1/3`),
/// kept as a reduced fraction of two integers so that nothing is rounded.
public struct NumberValue: Sendable, Hashable, CustomStringConvertible {
    /// Numerator of the reduced fraction.
    public let numerator: Int64
    /// Denominator of the reduced fraction (1 for integers).
    public let denominator: Int64

    /// The largest value the parser produces; anything larger is left unconverted.
    public static let limit: Int64 = 1_000_000_000_000_000_000

    /// Creates `numerator / denominator`, reduced. Returns nil if the denominator is not positive,
    /// the numerator is negative, or the value exceeds `NumberValue.limit`.
    public init?(_ numerator: Int64, _ denominator: Int64 = 1) {
        guard denominator > 0, numerator >= 0 else { return nil }
        let g = Self.gcd(numerator, denominator)
        let n = numerator / g, d = denominator / g
        guard n / d <= Self.limit else { return nil }
        self.numerator = n
        self.denominator = d
    }

    /// The value if it is a whole number.
    public var integer: Int64? { denominator == 1 ? numerator : nil }

    /// Western-digit form: `523`, `1200000`, `3.5`, `0.25`; `1/3` when not a finite decimal.
    public var description: String {
        if denominator == 1 { return String(numerator) }
        // Finite decimal if the denominator has only the prime factors 2 and 5.
        var d = denominator, twos = 0, fives = 0
        while d % 2 == 0 { d /= 2; twos += 1 }
        while d % 5 == 0 { d /= 5; fives += 1 }
        guard d == 1 else { return "\(numerator)/\(denominator)" }
        let places = max(twos, fives)
        var scale: Int64 = 1
        for _ in 0..<places {
            let (next, overflow) = scale.multipliedReportingOverflow(by: 10)
            if overflow { return "\(numerator)/\(denominator)" }
            scale = next
        }
        let (scaled, overflow) = numerator.multipliedReportingOverflow(by: scale / denominator)
        guard !overflow else { return "\(numerator)/\(denominator)" }
        let whole = scaled / scale
        var frac = String(scaled % scale)
        frac = String(repeating: "0", count: places - frac.count) + frac
        return "\(whole).\(frac)"
    }

    /// `self × other`, nil on overflow or past the limit.
    func multiplied(by other: NumberValue) -> NumberValue? {
        // Cross-reduce first to keep intermediates small.
        let g1 = Self.gcd(numerator, other.denominator), g2 = Self.gcd(other.numerator, denominator)
        let (n, o1) = (numerator / g1).multipliedReportingOverflow(by: other.numerator / g2)
        let (d, o2) = (denominator / g2).multipliedReportingOverflow(by: other.denominator / g1)
        guard !o1, !o2 else { return nil }
        return NumberValue(n, d)
    }

    /// `self + other`, nil on overflow or past the limit.
    func adding(_ other: NumberValue) -> NumberValue? {
        let g = Self.gcd(denominator, other.denominator)
        let (a, o1) = numerator.multipliedReportingOverflow(by: other.denominator / g)
        let (b, o2) = other.numerator.multipliedReportingOverflow(by: denominator / g)
        let (d, o3) = denominator.multipliedReportingOverflow(by: other.denominator / g)
        guard !o1, !o2, !o3 else { return nil }
        let (n, o4) = a.addingReportingOverflow(b)
        guard !o4 else { return nil }
        return NumberValue(n, d)
    }

    static func gcd(_ a: Int64, _ b: Int64) -> Int64 {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x == 0 ? 1 : x
    }

    /// Parses a run of digits of any system with an optional single decimal separator
    /// and thousands separators (`1.2`, `١٢٫٥`, `6,077`). A single comma that cannot be a thousands
    /// separator is a decimal comma (`3,5`). Nil if malformed or too large.
    init?(digits: ArraySlice<Unicode.Scalar>) {
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
        var n: Int64 = 0, d: Int64 = 1, count = 0
        for (k, s) in scalars.enumerated() {
            guard let v = DigitSystem.classify(s)?.value else { continue }
            count += 1
            guard count <= 18 else { return nil }
            n = n * 10 + Int64(v)
            if let at = decimalAt, k > at { d *= 10 }
        }
        guard count > 0 else { return nil }
        self.init(n, d)
    }
}
