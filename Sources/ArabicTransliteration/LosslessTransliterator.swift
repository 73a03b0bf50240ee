/// The four one-to-one schemes of the Buckwalter family.
public enum LosslessScheme: String, CaseIterable, Sendable, Codable, Hashable {
    /// Buckwalter.
    case bw
    /// Safe Buckwalter.
    case safebw
    /// XML Buckwalter.
    case xmlbw
    /// Habash-Soudi-Buckwalter.
    case hsb

    /// Column of this scheme in `lossless.tsv`.
    var column: Int {
        switch self {
        case .bw: 2
        case .safebw: 3
        case .xmlbw: 4
        case .hsb: 5
        }
    }
}

/// A character table of a lossless scheme: Arabic scalar ↔ scheme symbol.
public struct LosslessTable: Sendable {
    /// Arabic scalar → symbol.
    public let forward: [Unicode.Scalar: Unicode.Scalar]
    /// Symbol → Arabic scalar.
    public let backward: [Unicode.Scalar: Unicode.Scalar]

    /// The table of `scheme`, read from the bundled `lossless.tsv`.
    public static func table(for scheme: LosslessScheme) -> LosslessTable { cache[scheme]! }

    private static let cache: [LosslessScheme: LosslessTable] = {
        let rows = ResourceFiles.rows("lossless", skipHeader: true)
        var result: [LosslessScheme: LosslessTable] = [:]
        for scheme in LosslessScheme.allCases {
            var fwd: [Unicode.Scalar: Unicode.Scalar] = [:]
            var bwd: [Unicode.Scalar: Unicode.Scalar] = [:]
            for row in rows where row.count > scheme.column {
                guard let code = UInt32(row[0], radix: 16), let arabic = Unicode.Scalar(code) else { continue }
                let symbol = row[scheme.column]
                if symbol == "-" { continue }
                precondition(symbol.unicodeScalars.count == 1, "lossless.tsv: \(symbol) is not one scalar")
                let s = symbol.unicodeScalars.first!
                precondition(bwd[s] == nil, "lossless.tsv: \(s) used twice in \(scheme)")
                fwd[arabic] = s
                bwd[s] = arabic
            }
            result[scheme] = LosslessTable(forward: fwd, backward: bwd)
        }
        return result
    }()
}

/// Buckwalter-family transliteration, exactly reversible.
///
/// Arabic characters in the table become their symbol; everything else passes
/// through. Text that already contains a scheme symbol (for example ASCII `b` or
/// HSB's `.` for sukun) cannot be told apart from a transliterated letter on the
/// way back; set ``escapesCollisions`` to prefix such characters (and the escape
/// character itself) with ``escape`` so that `reverse(transliterate(x)) == x`
/// for every string `x`.
public struct LosslessTransliterator: ReversibleTransliterator, Hashable {
    /// The scheme.
    public let scheme: LosslessScheme
    /// Whether pass-through characters that collide with scheme symbols are escaped.
    public var escapesCollisions: Bool
    /// The escape character (a backslash; no scheme uses it as a symbol).
    public static let escape: Unicode.Scalar = "\\"

    /// Creates a transliterator for `scheme`.
    public init(_ scheme: LosslessScheme, escapesCollisions: Bool = false) {
        self.scheme = scheme
        self.escapesCollisions = escapesCollisions
    }

    /// Arabic → scheme.
    public func transliterate(_ text: String) -> String {
        let table = LosslessTable.table(for: scheme)
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if let mapped = table.forward[s] {
                out.append(mapped)
            } else {
                if escapesCollisions, s == Self.escape || table.backward[s] != nil { out.append(Self.escape) }
                out.append(s)
            }
        }
        return String(out)
    }

    /// Scheme → Arabic. With ``escapesCollisions``, an escaped character is taken literally.
    public func reverse(_ text: String) -> String {
        let table = LosslessTable.table(for: scheme)
        var out = String.UnicodeScalarView()
        var escaped = false
        for s in text.unicodeScalars {
            if escaped {
                out.append(s)
                escaped = false
            } else if escapesCollisions, s == Self.escape {
                escaped = true
            } else if let arabic = table.backward[s] {
                out.append(arabic)
            } else {
                out.append(s)
            }
        }
        if escaped { out.append(Self.escape) }
        return String(out)
    }
}
