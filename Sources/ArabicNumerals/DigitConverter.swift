/// Converts numbers written in any of the three digit systems to one target system,
/// together with their decimal separator, thousands separator and percent sign.
///
/// Rules (see the README, Numerals):
/// - A *number run* is a maximal sequence of digits (any of the three systems, mixed allowed)
///   with single separators (`.`, `,`, `٫`, `٬`) between digits.
/// - A run touching a Latin letter or `_` on either side is part of an identifier or code
///   (`BMP3`, `H1N1`, `x86_64`) and is left unchanged.
/// - A separator becomes the target's decimal separator when it is `.`/`٫` and the only one in
///   the run; `,`/`٬` becomes the target's thousands separator when every group after it has
///   exactly three digits. Other separators are left as they are (dates like `22.01.2020`).
/// - `%` or `٪` right after a run becomes the target's percent sign.
/// - Any length is fine: digits are mapped one by one, nothing is parsed into an integer.
public struct DigitConverter: Sendable {
    /// The system numbers are written in after conversion.
    public var target: DigitSystem

    /// Creates a converter to `target`.
    public init(target: DigitSystem) {
        self.target = target
    }

    /// Returns `text` with every number run rewritten in the target system.
    public func convert(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        // Fast path: nothing to do.
        guard scalars.contains(where: { DigitSystem.classify($0) != nil || Self.isSymbol($0) }) else { return text }
        let sym = target.symbols
        var out = String.UnicodeScalarView()
        out.reserveCapacity(scalars.count)
        var i = 0
        let n = scalars.count
        while i < n {
            let c = scalars[i]
            guard DigitSystem.classify(c) != nil else {
                out.append(c)
                i += 1
                continue
            }
            let (j, seps) = Self.scanRun(scalars, from: i)
            let identifier = (i > 0 && Self.isIdentifierChar(scalars[i - 1]))
                || (j < n && Self.isIdentifierChar(scalars[j]))
            if identifier {
                out.append(contentsOf: scalars[i..<j])
                i = j
                continue
            }
            let (decimalOK, groupsOK) = Self.separatorRoles(scalars, i, j, seps)
            for k in i..<j {
                let s = scalars[k]
                if let d = DigitSystem.classify(s) {
                    out.append(sym.digits[d.value])
                } else if Self.isDecimal(s) {
                    out.append(decimalOK ? sym.decimalSeparator : s)
                } else {
                    out.append(groupsOK ? sym.groupingSeparator : s)
                }
            }
            i = j
            if i < n, scalars[i] == "%" || scalars[i] == "\u{066A}" {
                out.append(sym.percentSign)
                i += 1
            }
        }
        return String(out)
    }

    /// Whether a run's decimal separator (exactly one `.`/`٫`, after any thousands separators) and its
    /// thousands separators (`,`/`٬` followed by groups of exactly three digits, at most three digits
    /// before the first) are real separators. `seps` are the offsets of the separators in `i..<j`.
    static func separatorRoles(_ scalars: [Unicode.Scalar], _ i: Int, _ j: Int, _ seps: [Int])
        -> (decimalOK: Bool, groupsOK: Bool)
    {
        let decimals = seps.filter { isDecimal(scalars[$0]) }
        let groups = seps.filter { !isDecimal(scalars[$0]) }
        let decimalOK = decimals.count == 1 && (groups.isEmpty || groups.last! < decimals[0])
        var groupsOK = !groups.isEmpty
        if groupsOK {
            let end = decimalOK ? decimals[0] : j
            var bounds = groups
            bounds.append(end)
            for k in 0..<groups.count where bounds[k + 1] - bounds[k] - 1 != 3 { groupsOK = false }
            if groups[0] - i > 3 { groupsOK = false }
        }
        return (decimalOK, groupsOK)
    }

    /// The end of the number run starting at digit `i`, and the offsets of its separators.
    static func scanRun(_ scalars: [Unicode.Scalar], from i: Int) -> (end: Int, separators: [Int]) {
        var j = i
        var seps: [Int] = []
        let n = scalars.count
        while j < n {
            if DigitSystem.classify(scalars[j]) != nil { j += 1; continue }
            if isSeparator(scalars[j]), j + 1 < n, DigitSystem.classify(scalars[j + 1]) != nil {
                seps.append(j)
                j += 1
                continue
            }
            break
        }
        return (j, seps)
    }

    static func isSymbol(_ s: Unicode.Scalar) -> Bool {
        s == "%" || s == "\u{066A}" || s == "\u{066B}" || s == "\u{066C}"
    }

    static func isSeparator(_ s: Unicode.Scalar) -> Bool {
        s == "." || s == "," || s == "\u{066B}" || s == "\u{066C}"
    }

    static func isDecimal(_ s: Unicode.Scalar) -> Bool {
        s == "." || s == "\u{066B}"
    }

    static func isIdentifierChar(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || v == 0x5F
            || (v >= 0xC0 && v <= 0x24F)
    }
}
