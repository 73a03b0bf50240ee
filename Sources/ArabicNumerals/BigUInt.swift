/// A non-negative integer of any size (32-bit limbs, least significant first, no leading zero limbs):
/// the magnitude of a `NumberValue`, so that a number expression is never rounded, never overflows
/// and never traps, however large its value (`تسعمئة وتسعة وتسعون سبتليون`, `999999 سبتليون`).
struct BigUInt: Sendable, Hashable, Comparable {
    /// Limbs, least significant first; empty for zero.
    private(set) var limbs: [UInt32]

    static let zero = BigUInt(limbs: [])

    private init(limbs: [UInt32]) {
        self.limbs = limbs
        normalize()
    }

    init(_ v: UInt64) {
        self.init(limbs: [UInt32(truncatingIfNeeded: v), UInt32(truncatingIfNeeded: v >> 32)])
    }

    /// The value of decimal digit values (most significant first), nil if `digits` is empty or holds a value outside 0…9.
    init?<S: Sequence>(decimalDigits digits: S) where S.Element == Int {
        var r = BigUInt.zero
        var any = false
        for d in digits {
            guard d >= 0 && d <= 9 else { return nil }
            r = r.multiplied(bySmall: 10).adding(BigUInt(UInt64(d)))
            any = true
        }
        guard any else { return nil }
        self = r
    }

    /// Parses ASCII decimal digits.
    init?(_ text: String) {
        var values: [Int] = []
        for s in text.unicodeScalars {
            guard s.value >= 0x30 && s.value <= 0x39 else { return nil }
            values.append(Int(s.value - 0x30))
        }
        self.init(decimalDigits: values)
    }

    /// 10^n.
    static func powerOfTen(_ n: Int) -> BigUInt {
        var r = BigUInt(1)
        var k = n
        while k >= 9 { r = r.multiplied(bySmall: 1_000_000_000); k -= 9 }
        var last: UInt32 = 1
        for _ in 0..<k { last *= 10 }
        return r.multiplied(bySmall: last)
    }

    private mutating func normalize() {
        while let l = limbs.last, l == 0 { limbs.removeLast() }
    }

    var isZero: Bool { limbs.isEmpty }

    /// The value if it fits in 64 bits.
    var uint64: UInt64? {
        switch limbs.count {
        case 0: return 0
        case 1: return UInt64(limbs[0])
        case 2: return UInt64(limbs[0]) | UInt64(limbs[1]) << 32
        default: return nil
        }
    }

    func adding(_ o: BigUInt) -> BigUInt {
        var r: [UInt32] = []
        r.reserveCapacity(max(limbs.count, o.limbs.count) + 1)
        var carry: UInt64 = 0
        for k in 0..<max(limbs.count, o.limbs.count) {
            let a = k < limbs.count ? UInt64(limbs[k]) : 0
            let b = k < o.limbs.count ? UInt64(o.limbs[k]) : 0
            let s = a + b + carry
            r.append(UInt32(truncatingIfNeeded: s))
            carry = s >> 32
        }
        if carry > 0 { r.append(UInt32(carry)) }
        return BigUInt(limbs: r)
    }

    func multiplied(bySmall m: UInt32) -> BigUInt {
        if m == 0 || isZero { return .zero }
        var r: [UInt32] = []
        r.reserveCapacity(limbs.count + 1)
        var carry: UInt64 = 0
        for l in limbs {
            let p = UInt64(l) * UInt64(m) + carry
            r.append(UInt32(truncatingIfNeeded: p))
            carry = p >> 32
        }
        if carry > 0 { r.append(UInt32(carry)) }
        return BigUInt(limbs: r)
    }

    func multiplied(by o: BigUInt) -> BigUInt {
        if isZero || o.isZero { return .zero }
        var r = [UInt32](repeating: 0, count: limbs.count + o.limbs.count)
        for i in 0..<limbs.count {
            var carry: UInt64 = 0
            let a = UInt64(limbs[i])
            for j in 0..<o.limbs.count {
                let t = a * UInt64(o.limbs[j]) + UInt64(r[i + j]) + carry
                r[i + j] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
            }
            var k = i + o.limbs.count
            while carry > 0 {
                let t = UInt64(r[k]) + carry
                r[k] = UInt32(truncatingIfNeeded: t)
                carry = t >> 32
                k += 1
            }
        }
        return BigUInt(limbs: r)
    }

    /// Quotient and remainder of the division by `d` (d > 0).
    func quotientAndRemainder(dividingBy d: UInt64) -> (quotient: BigUInt, remainder: UInt64) {
        precondition(d > 0)
        var q = [UInt32](repeating: 0, count: limbs.count)
        var rem: UInt128 = 0
        for k in stride(from: limbs.count - 1, through: 0, by: -1) {
            let cur = rem << 32 | UInt128(limbs[k])
            q[k] = UInt32(truncatingIfNeeded: cur / UInt128(d))
            rem = cur % UInt128(d)
        }
        return (BigUInt(limbs: q), UInt64(rem))
    }

    /// Decimal digits, `0` for zero.
    var decimalString: String {
        if isZero { return "0" }
        var chunks: [UInt64] = []
        var v = self
        while !v.isZero {
            let (q, r) = v.quotientAndRemainder(dividingBy: 1_000_000_000)
            chunks.append(r)
            v = q
        }
        var s = String(chunks.removeLast())
        for c in chunks.reversed() {
            let t = String(c)
            s += String(repeating: "0", count: 9 - t.count) + t
        }
        return s
    }

    static func < (a: BigUInt, b: BigUInt) -> Bool {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count }
        for k in stride(from: a.limbs.count - 1, through: 0, by: -1) where a.limbs[k] != b.limbs[k] {
            return a.limbs[k] < b.limbs[k]
        }
        return false
    }
}
