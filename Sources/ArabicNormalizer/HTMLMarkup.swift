/// The `html` step's recognizers: tags, comments, `<script>`/`<style>` elements and character
/// references, each found from its first byte (`<` or `&`) on one line of UTF-8. Used by the
/// engine and the reference path alike (through `SpanScanner`).
///
/// - A tag is `<name …>` or `</name …>` with a known HTML element name, or `<!DOCTYPE …>`,
///   `<?…?>`; it ends at the first `>` outside quotes, never past a `<`, a line break or
///   `tagLimit` bytes. `a < b and c > d` and `<3` are not tags. Block-level elements (and
///   `<br>`, `<img>`) become a space, the others nothing.
/// - A comment is `<!-- … -->` on one line; `<script …>…</script>` and `<style …>…</style>` on one
///   line are removed whole (a space).
/// - A character reference is `&name;` (a name in `html-entities.tsv`), `&#digits;` or
///   `&#xhex;`; zero, surrogates and values past U+10FFFF become U+FFFD. A reference is left as
///   it is when decoding it would make markup the next run would read (`&amp;lt;`, `&lt;b&gt;`:
///   the recognizers are asked about the decoded character and the text after it), so the
///   output of the step is a fixed point.
enum HTMLMarkup {
    /// The longest tag read, in bytes.
    static let tagLimit = 1024
    /// How far back a decoded `>` or letter looks for a `<` or `&` it could complete.
    static let lookBehind = 64

    /// Element names, with whether they break a line of text (a space) or not (nothing).
    static let elements: [String: Bool] = {
        let block = """
            address article aside blockquote body br center dd details dialog dir div dl dt fieldset \
            figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html \
            iframe img legend li link main menu meta nav noscript ol optgroup option p picture pre \
            script section select source style summary table tbody td template textarea tfoot th \
            thead title tr track ul video audio canvas embed object param svg input button label
            """
        let inline = """
            a abbr acronym b bdi bdo big cite code data del dfn em font i ins kbd mark nobr q rp rt \
            ruby s samp small span strike strong sub sup time tt u var wbr
            """
        var table: [String: Bool] = [:]
        for name in block.split(separator: " ") { table[String(name)] = true }
        for name in inline.split(separator: " ") { table[String(name)] = false }
        return table
    }()

    enum Found {
        /// Markup removed: `space` when it separates words.
        case markup(end: Int, space: Bool, event: MarkupEvent)
        /// A character reference and its decoded text.
        case reference(end: Int, text: [UInt8])
    }

    @inline(__always) static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) static func isLineBreakByte(_ b: UInt8) -> Bool { b == 0x0A || b == 0x0D }

    /// Markup starting at `i` (`p[i] == <`), if any.
    static func markup(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, lineEnd: inout LineEnd) -> Found? {
        guard i + 2 < n else { return nil }
        let b = p[i + 1]
        if b == 0x21 {  // <!
            if i + 3 < n && p[i + 2] == 0x2D && p[i + 3] == 0x2D {
                guard let close = lineEnd.find(Array("-->".utf8), p, from: i + 4, n) else { return nil }
                return .markup(end: close + 3, space: false, event: .comment)
            }
            guard isLetter(p[i + 2]) else { return nil }
            guard let end = tagEnd(p, i + 2, n) else { return nil }
            return .markup(end: end, space: true, event: .tag)
        }
        if b == 0x3F {  // <?
            guard isLetter(p[i + 2]), let end = tagEnd(p, i + 2, n) else { return nil }
            return .markup(end: end, space: true, event: .tag)
        }
        let closing = b == 0x2F
        var j = closing ? i + 2 : i + 1
        let nameStart = j
        while j < n && (isLetter(p[j]) || (j > nameStart && isDigit(p[j]))) && j - nameStart < 16 { j += 1 }
        guard j > nameStart, j < n else { return nil }
        let next = p[j]
        guard next == 0x3E || next == 0x20 || next == 0x09 || next == 0x2F else { return nil }
        var name = ""
        for k in nameStart..<j { name.unicodeScalars.append(Unicode.Scalar(p[k] | 0x20)) }
        guard let isBlock = elements[name] else { return nil }
        guard let end = tagEnd(p, j, n) else { return nil }
        if !closing && (name == "script" || name == "style") && p[end - 2] != 0x2F {
            // The whole element when it closes on this line; else the opening tag alone.
            if let close = lineEnd.find(Array("</\(name)".utf8), p, from: end, n, caseInsensitive: true),
               let closeEnd = tagEnd(p, close + 2 + name.utf8.count, n) {
                return .markup(end: closeEnd, space: true, event: .element)
            }
        }
        return .markup(end: end, space: isBlock, event: .tag)
    }

    /// The end (past `>`) of a tag whose inside starts at `j`: quotes skipped, never past a `<`,
    /// a line break or `tagLimit` bytes.
    static func tagEnd(_ p: UnsafePointer<UInt8>, _ j: Int, _ n: Int) -> Int? {
        var k = j
        var quote: UInt8 = 0
        let limit = min(n, j + tagLimit)
        while k < limit {
            let b = p[k]
            if isLineBreakByte(b) { return nil }
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if b == 0x22 || b == 0x27 {
                quote = b
            } else if b == 0x3E {
                return k + 1
            } else if b == 0x3C {
                return nil
            }
            k += 1
        }
        return nil
    }

    /// A character reference starting at `i` (`p[i] == &`), decoded, if any. `from`: where the
    /// look-behind for markup the decoding would complete stops.
    static func reference(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, from: Int) -> Found? {
        var j = i + 1
        var scalars: [UInt32] = []
        if j < n && p[j] == 0x23 {  // &#
            j += 1
            let hex = j < n && (p[j] | 0x20) == 0x78
            if hex { j += 1 }
            let start = j
            var value: UInt32 = 0
            while j < n && j - start < 8 {
                let b = p[j]
                let digit: UInt32
                if isDigit(b) { digit = UInt32(b - 0x30) }
                else if hex && (b | 0x20) >= 0x61 && (b | 0x20) <= 0x66 { digit = UInt32((b | 0x20) - 0x61 + 10) }
                else { break }
                value = value * (hex ? 16 : 10) + digit
                j += 1
            }
            guard j > start, j < n, p[j] == 0x3B else { return nil }
            if value == 0 || value > 0x10FFFF || (0xD800...0xDFFF).contains(value) { value = 0xFFFD }
            scalars = [value]
        } else {
            let start = j
            while j < n && (isLetter(p[j]) || (j > start && isDigit(p[j]))) && j - start <= SpanTables.longestEntityName { j += 1 }
            guard j > start, j < n, p[j] == 0x3B else { return nil }
            let name = String(decoding: UnsafeBufferPointer(start: p + start, count: j - start), as: UTF8.self)
            guard let points = SpanTables.entities[name] else { return nil }
            scalars = points
        }
        let end = j + 1
        guard decodesSafely(scalars, p, i, end, n, from: from) else { return nil }
        var text: [UInt8] = []
        for c in scalars { text.append(contentsOf: String(Unicode.Scalar(c)!).utf8) }
        return .reference(end: end, text: text)
    }

    /// Whether the decoded characters could not, with their neighbours, make markup that a
    /// later run would read (the look-behind reads the line back to `from`, the end of the last
    /// span: what a span was is gone from the output): `<` and `&` only before a character that cannot continue it, `>`
    /// only with no `<` before it on the line, ASCII letters, digits, `#` and `;` only with no
    /// `&` or `<` just before them, and only whitespace before a `#` or `@`.
    static func decodesSafely(_ scalars: [UInt32], _ p: UnsafePointer<UInt8>, _ start: Int, _ end: Int, _ n: Int,
                              from: Int) -> Bool {
        // Nor anything but whitespace right before a `#` or `@`: a mention or hashtag read after
        // the reference (whose look-behind stops at the reference's end) would be none after a
        // letter, a digit or URL syntax in the output (`&#84;#tag` is not `T#tag`).
        if end < n && (p[end] == 0x23 || p[end] == 0x40), let last = scalars.last,
           !CharacterSets.isSpace(last, PropertyTable.properties(last)) {
            return false
        }
        for c in scalars where c < 0x80 {
            let b = UInt8(c)
            if b == 0x3C || b == 0x26 {
                if end < n && makesMarkup(b, p, end, n) { return false }
            } else if b == 0x3E {
                // A `<` before it, raw or as a reference the step may decode, could open a tag.
                if opensBefore(p, start, from: from, limit: tagLimit, of: 0x3C, or: 0x3C) { return false }
                if referenceBefore(p, start, from: from, names: lessThanReferences) { return false }
            } else if isLetter(b) || isDigit(b) || b == 0x23 || b == 0x3B || b == 0x2F || b == 0x21 || b == 0x2D {
                if opensBefore(p, start, from: from, limit: lookBehind, of: 0x3C, or: 0x26) { return false }
            }
        }
        return true
    }

    /// The references that decode to `<`, as bytes.
    static let lessThanReferences: [[UInt8]] = ["&lt;", "&LT;", "&#60;", "&#x3C;", "&#x3c;"].map { Array($0.utf8) }

    /// Would a decoded `<` or `&` (`b`) read with the text after it (from `k`) be markup or a
    /// reference? The recognizers themselves answer, on the decoded byte and what follows.
    static func makesMarkup(_ b: UInt8, _ p: UnsafePointer<UInt8>, _ k: Int, _ n: Int) -> Bool {
        // The text after it as the step leaves it, as far as tags go: `&gt;` read as `>`. Up to
        // the line's end (no recognizer reads past it) and `tagLimit` bytes.
        var count = 0
        let limit = min(n - k, tagLimit)
        while count < limit && !isLineBreakByte(p[k + count]) { count += 1 }
        var virtual: [UInt8] = [b]
        virtual.reserveCapacity(count + 1)
        var m = 0
        while m < count {
            if p[k + m] == 0x26 && m + 3 < count && p[k + m + 1] == 0x67 && p[k + m + 2] == 0x74 && p[k + m + 3] == 0x3B {
                virtual.append(0x3E)
                m += 4
            } else {
                virtual.append(p[k + m])
                m += 1
            }
        }
        return virtual.withUnsafeBufferPointer { v in
            var lineEnd = LineEnd()
            return b == 0x3C ? markup(v.baseAddress!, 0, v.count, lineEnd: &lineEnd) != nil
                : reference(v.baseAddress!, 0, v.count, from: 0) != nil
        }
    }

    /// Is one of the references `names` within `tagLimit` bytes before `i` on the same line?
    static func referenceBefore(_ p: UnsafePointer<UInt8>, _ i: Int, from: Int, names: [[UInt8]]) -> Bool {
        var k = i - 1
        let stop = max(from, i - tagLimit)
        while k >= stop {
            let b = p[k]
            if isLineBreakByte(b) { return false }
            if b == 0x3B {
                for bytes in names {
                    let s = k + 1 - bytes.count
                    if s >= stop && (0..<bytes.count).allSatisfy({ p[s + $0] == bytes[$0] }) { return true }
                }
            }
            k -= 1
        }
        return false
    }

    /// Is `first` or `second`, as the start of markup (`<` before a letter, `/`, `!` or `?`; `&`
    /// before a letter or `#`), within `limit` bytes before `i` on the same line (not before
    /// `from`)?
    static func opensBefore(_ p: UnsafePointer<UInt8>, _ i: Int, from: Int, limit: Int, of first: UInt8,
                            or second: UInt8) -> Bool {
        var k = i - 1
        let stop = max(from, i - limit)
        while k >= stop {
            let b = p[k]
            if isLineBreakByte(b) { return false }
            if (b == first || b == second) && k + 1 < i {
                let next = p[k + 1]
                if isLetter(next) || (b == 0x3C && (next == 0x2F || next == 0x21 || next == 0x3F))
                    || (b == 0x26 && next == 0x23) { return true }
            }
            k -= 1
        }
        return false
    }

    /// Remembers where a closing string (`-->`, `</script`) was found, or that the rest of a line
    /// holds none, so that many openings on one line search its rest once: linear however dense
    /// the markup.
    struct LineEnd {
        var searched: [UInt8] = []
        var from = 0
        /// The match found from `from`, or nil: none from `from` to `lineEnd`.
        var found: Int? = nil
        var lineEnd = 0

        /// The first `needle` at or after `start` before the end of the line.
        mutating func find(_ needle: [UInt8], _ p: UnsafePointer<UInt8>, from start: Int, _ n: Int,
                           caseInsensitive: Bool = false) -> Int? {
            if needle == searched && start >= from {
                if let f = found, f >= start { return f }
                if found == nil && start <= lineEnd { return nil }
            }
            searched = needle
            from = start
            found = nil
            var k = start
            while k < n && !isLineBreakByte(p[k]) {
                if k + needle.count <= n {
                    var match = true
                    for (m, b) in needle.enumerated() {
                        let x = p[k + m]
                        if !(x == b || (caseInsensitive && isLetter(b) && x | 0x20 == b | 0x20)) { match = false; break }
                    }
                    if match { found = k; return k }
                }
                k += 1
            }
            lineEnd = k
            return nil
        }
    }
}
