import ArabicNormalizer
import Foundation

/// A problem in one JSON document.
struct JSONProblem: Error {
    var offset: Int
    var message: String
}

/// A small byte-level JSON reader that copies a document and rewrites the chosen string values.
struct JSONEditor {
    let line: UnsafeRawBufferPointer
    let fields: [[[UInt8]]]
    let transform: any TextTransform
    var explain = false
    var explanations: [(label: String, before: [UInt8], after: [UInt8], stats: NormalizationStats)] = []
    /// Offset in the line of the first ill-formed UTF-8 inside a rewritten string (or of the first
    /// lone surrogate escape, `\ud800`, which is ill-formed in the same way).
    var firstInvalidInLine = 0
    /// Whether that first ill-formed sequence is a lone surrogate escape.
    var firstInvalidIsLoneSurrogate = false
    /// The indexes of `fields` met in the line (whatever their value), for the warning about a
    /// field never found.
    private(set) var fieldsFound = Set<Int>()

    /// How deep arrays and objects may nest. The reader recurses once per level on a worker
    /// thread's 1 MiB stack (a debug build overflowed it at about 1 000 levels, and frames are
    /// several times larger under AddressSanitizer): a line nested deeper is a bad line (passed
    /// through, or per `--invalid`), never a stack overflow.
    static let maxDepth = 128

    private var i = 0
    private var copied = 0
    /// The arrays and objects the reader is in.
    private var depth = 0
    private var path: [[UInt8]] = []
    /// The lone surrogate escapes of the last string read (each decoded as U+FFFD), and where the first is.
    private var loneSurrogates = 0, firstLoneSurrogate = 0

    init(line: UnsafeRawBufferPointer, fields: [[[UInt8]]], transform: any TextTransform) {
        self.line = line
        self.fields = fields
        self.transform = transform
    }

    /// Copies the line to `output` with the chosen fields transformed; bytes in/out and changes go to `stats`.
    mutating func rewrite(into output: inout [UInt8], stats: inout NormalizationStats) -> Result<Void, JSONProblem> {
        // A byte order mark before the document (Windows exports) is kept as it is.
        if line.count >= 3 && line[0] == 0xEF && line[1] == 0xBB && line[2] == 0xBF { i = 3 }
        do throws(JSONProblem) {
            skipSpace()
            try value(into: &output, stats: &stats, target: fields.isEmpty)
            skipSpace()
            if i != line.count { throw JSONProblem(offset: i, message: "not valid JSON (text after the value)") }
        } catch {
            return .failure(error)
        }
        output.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[copied...]))
        return .success(())
    }

    private var atEnd: Bool { i >= line.count }

    private mutating func skipSpace() {
        while i < line.count, line[i] == 0x20 || line[i] == 0x09 || line[i] == 0x0D || line[i] == 0x0A { i += 1 }
    }

    /// Whether the current path is one of the fields.
    private var pathIsField: Bool { fields.contains(path) }
    /// Whether the current path leads to one of the fields.
    private var pathLeadsToField: Bool {
        fields.contains { $0.count > path.count && Array($0[0..<path.count]) == path }
    }

    private func fail(_ message: String) -> JSONProblem {
        JSONProblem(offset: i, message: atEnd ? "not valid JSON (the line ends early)" : "not valid JSON (\(message))")
    }

    /// Reads one value; `target` says its strings are to be transformed.
    private mutating func value(into output: inout [UInt8], stats: inout NormalizationStats, target: Bool,
                                inArray: Bool = false) throws(JSONProblem) {
        guard !atEnd else { throw fail("") }
        let exact = !fields.isEmpty && pathIsField
        if exact, let index = fields.firstIndex(of: path) { fieldsFound.insert(index) }
        switch line[i] {
        case UInt8(ascii: "{"):
            if exact {
                noteFieldProblem(JSONProblem(offset: i, message: "field '\(pathName)' is not a string"))
                try skipValue()
                return
            }
            try enterContainer()
            defer { depth -= 1 }
            i += 1
            skipSpace()
            if !atEnd && line[i] == UInt8(ascii: "}") { i += 1; return }
            while true {
                skipSpace()
                guard !atEnd, line[i] == UInt8(ascii: "\"") else { throw fail("expected a key") }
                let key = try string()
                skipSpace()
                guard !atEnd, line[i] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                i += 1
                skipSpace()
                path.append(key)
                let childTarget = fields.isEmpty ? true : pathIsField
                if fields.isEmpty || childTarget || pathLeadsToField {
                    try value(into: &output, stats: &stats, target: childTarget)
                } else {
                    try skipValue()
                }
                path.removeLast()
                skipSpace()
                guard !atEnd else { throw fail("") }
                if line[i] == UInt8(ascii: ",") { i += 1; continue }
                if line[i] == UInt8(ascii: "}") { i += 1; return }
                throw fail("expected ',' or '}'")
            }
        case UInt8(ascii: "["):
            try enterContainer()
            defer { depth -= 1 }
            i += 1
            skipSpace()
            if !atEnd && line[i] == UInt8(ascii: "]") { i += 1; return }
            while true {
                skipSpace()
                try value(into: &output, stats: &stats, target: target, inArray: true)
                skipSpace()
                guard !atEnd else { throw fail("") }
                if line[i] == UInt8(ascii: ",") { i += 1; continue }
                if line[i] == UInt8(ascii: "]") { i += 1; return }
                throw fail("expected ',' or ']'")
            }
        case UInt8(ascii: "\""):
            let start = i
            let decoded = try string()
            if target { rewriteString(start..<i, decoded, into: &output, stats: &stats) }
        default:
            let start = i
            try skipScalar()
            if exact { noteFieldProblem(JSONProblem(offset: start, message: "field '\(pathName)' is not a string")) }
        }
    }

    /// The first field of the line that is not a string (it is left as it is; the line is still valid JSON).
    private(set) var fieldProblem: JSONProblem?

    private mutating func noteFieldProblem(_ problem: JSONProblem) {
        if fieldProblem == nil { fieldProblem = problem }
    }

    private var pathName: String { path.map { String(decoding: $0, as: UTF8.self) }.joined(separator: ".") }

    /// Counts an array or object entered at `i`; one past `maxDepth` makes the line a bad line.
    private mutating func enterContainer() throws(JSONProblem) {
        depth += 1
        if depth > JSONEditor.maxDepth {
            throw JSONProblem(offset: i, message: "arrays and objects nested deeper than \(JSONEditor.maxDepth) levels")
        }
    }

    /// Skips a value that holds no field.
    private mutating func skipValue() throws(JSONProblem) {
        guard !atEnd else { throw fail("") }
        switch line[i] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            let close = line[i] == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
            let isObject = close == UInt8(ascii: "}")
            try enterContainer()
            defer { depth -= 1 }
            i += 1
            skipSpace()
            if !atEnd && line[i] == close { i += 1; return }
            while true {
                skipSpace()
                if isObject {
                    guard !atEnd, line[i] == UInt8(ascii: "\"") else { throw fail("expected a key") }
                    _ = try string()
                    skipSpace()
                    guard !atEnd, line[i] == UInt8(ascii: ":") else { throw fail("expected ':'") }
                    i += 1
                    skipSpace()
                }
                try skipValue()
                skipSpace()
                guard !atEnd else { throw fail("") }
                if line[i] == UInt8(ascii: ",") { i += 1; continue }
                if line[i] == close { i += 1; return }
                throw fail("expected ',' or '\(Character(UnicodeScalar(close)))'")
            }
        case UInt8(ascii: "\""):
            _ = try string()
        default:
            try skipScalar()
        }
    }

    /// Skips a number, `true`, `false` or `null`.
    private mutating func skipScalar() throws(JSONProblem) {
        for word in ["true", "false", "null"] {
            let w = Array(word.utf8)
            if i + w.count <= line.count && line[i..<i + w.count].elementsEqual(w) { i += w.count; return }
        }
        let start = i
        if !atEnd && line[i] == UInt8(ascii: "-") { i += 1 }
        var digits = 0
        while !atEnd, line[i] >= 0x30 && line[i] <= 0x39 { i += 1; digits += 1 }
        if !atEnd && line[i] == UInt8(ascii: ".") {
            i += 1
            while !atEnd, line[i] >= 0x30 && line[i] <= 0x39 { i += 1 }
        }
        if !atEnd && (line[i] == UInt8(ascii: "e") || line[i] == UInt8(ascii: "E")) {
            i += 1
            if !atEnd && (line[i] == UInt8(ascii: "+") || line[i] == UInt8(ascii: "-")) { i += 1 }
            while !atEnd, line[i] >= 0x30 && line[i] <= 0x39 { i += 1 }
        }
        if digits == 0 { i = start; throw fail("unexpected character") }
    }

    /// Reads a string at `i` (on its opening quote) and returns its decoded UTF-8 bytes.
    private mutating func string() throws(JSONProblem) -> [UInt8] {
        i += 1
        var out: [UInt8] = []
        var runStart = i
        loneSurrogates = 0
        while true {
            guard !atEnd else { throw fail("") }
            let c = line[i]
            if c == UInt8(ascii: "\"") {
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[runStart..<i]))
                i += 1
                return out
            }
            if c < 0x20 { throw fail("control character in a string") }
            if c != UInt8(ascii: "\\") { i += 1; continue }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[runStart..<i]))
            i += 1
            guard !atEnd else { throw fail("") }
            let e = line[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                let escapeStart = i - 2
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar), i + 6 <= line.count, line[i] == UInt8(ascii: "\\"),
                   line[i + 1] == UInt8(ascii: "u") {
                    let save = i
                    i += 2
                    let low = try hex4()
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        i = save
                    }
                }
                if Unicode.Scalar(scalar) == nil {
                    if loneSurrogates == 0 { firstLoneSurrogate = escapeStart }
                    loneSurrogates += 1
                }
                let s = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: Array(String(Character(s)).utf8))
            default:
                i -= 1
                throw fail("bad escape")
            }
            runStart = i
        }
    }

    private mutating func hex4() throws(JSONProblem) -> UInt32 {
        guard i + 4 <= line.count else { throw fail("") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = line[i]
            let d: UInt32
            switch c {
            case 0x30...0x39: d = UInt32(c - 0x30)
            case 0x41...0x46: d = UInt32(c - 0x41 + 10)
            case 0x61...0x66: d = UInt32(c - 0x61 + 10)
            default: throw fail("bad \\u escape")
            }
            v = v << 4 | d
            i += 1
        }
        return v
    }

    /// Transforms a decoded string value; writes it back (re-escaped) only if it changed.
    private mutating func rewriteString(_ range: Range<Int>, _ decoded: [UInt8], into output: inout [UInt8],
                                        stats: inout NormalizationStats) {
        var result: [UInt8] = []
        result.reserveCapacity(decoded.count + 8)
        var local = NormalizationStats()
        decoded.withUnsafeBytes { transform.apply($0, appendingTo: &result, stats: &local) }
        // A lone surrogate escape is ill-formed like a bad UTF-8 sequence: counted, and the value
        // written with its U+FFFD (when the policy keeps the line).
        let lone = loneSurrogates
        local.invalidSequences += lone
        if local.invalidSequences > 0 && stats.invalidSequences == 0 {
            firstInvalidIsLoneSurrogate = lone > 0
            firstInvalidInLine = lone > 0 ? firstLoneSurrogate : range.lowerBound + 1 + (local.firstInvalidOffset ?? 0)
        }
        stats.add(local)
        guard result != decoded || lone > 0 else { return }
        if explain {
            explanations.append((pathName.isEmpty ? "(value)" : pathName, decoded, result, local))
        }
        output.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[copied..<range.lowerBound]))
        JSONEditor.appendQuoted(result, to: &output)
        copied = range.upperBound
    }

    /// Appends `bytes` as a JSON string literal (quotes, backslashes and control characters
    /// escaped); runs that need no escape are copied in one go.
    static func appendQuoted(_ bytes: [UInt8], to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        bytes.withUnsafeBufferPointer { b in
            var runStart = 0
            for k in 0..<b.count {
                let c = b[k]
                if c >= 0x20 && c != 0x22 && c != 0x5C { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<k]))
                runStart = k + 1
                switch c {
                case 0x22: output.append(contentsOf: [0x5C, 0x22])
                case 0x5C: output.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    output.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 15)]])
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart...]))
        }
        output.append(UInt8(ascii: "\""))
    }
}
