import Foundation

/// CSV/TSV records (RFC 4180): fields separated by a delimiter, records by `\n` or `\r\n`; a field
/// in quotes (`"` unless `--quote` says otherwise) may hold delimiters, quotes (doubled) and line breaks.
struct CSVBoundary: RecordBoundary {
    let delimiter: UInt8
    let quote: UInt8
    /// Where the scan is in the record grammar, exactly as `CSVParser` reads it: a quote opens a
    /// quoted field only at the start of a field (`5" screen` is a plain field).
    private enum State { case fieldStart, plain, quoted, quoteInQuoted }
    private var state = State.fieldStart
    private var scanned = 0
    private var last: Int?

    init(delimiter: UInt8, quote: UInt8 = 0x22) {
        self.delimiter = delimiter
        self.quote = quote
    }

    mutating func lastBoundary(in buffer: UnsafeRawBufferPointer) -> Int? {
        var i = scanned
        while i < buffer.count {
            let c = buffer[i]
            switch state {
            case .fieldStart, .plain, .quoteInQuoted:
                if c == 0x0A {
                    last = i + 1
                    state = .fieldStart
                } else if c == delimiter {
                    state = .fieldStart
                } else if c == quote {
                    state = state == .fieldStart || state == .quoteInQuoted ? .quoted : .plain
                } else if state != .plain {
                    state = .plain
                }
            case .quoted:
                if c == quote { state = .quoteInQuoted }
            }
            i += 1
        }
        scanned = buffer.count
        return last
    }

    mutating func reset() {
        scanned = 0
        state = .fieldStart
        last = nil
    }
}

/// One parsed record: field byte ranges and whether each was quoted, plus the line break after it.
struct CSVRecord {
    var fields: [(range: Range<Int>, quoted: Bool)] = []
    /// The whole record without its line break, and with it.
    var content: Range<Int> = 0..<0
    var full: Range<Int> = 0..<0
    /// Where a quoted field opens that no quote closes: the record runs to the end of the input.
    var unclosedQuote: Int?
}

/// Splits bytes into CSV records.
struct CSVParser {
    let delimiter: UInt8
    var quote: UInt8 = 0x22

    /// Calls `body` for every record of `bytes`.
    func forEachRecord(_ bytes: UnsafeRawBufferPointer, _ body: (CSVRecord) -> Void) {
        var i = 0
        let n = bytes.count
        var record = CSVRecord()
        while i < n {
            record = CSVRecord()
            let start = i
            var end = n
            var lineEnd = n
            fields: while true {
                // One field.
                if i < n && bytes[i] == quote {
                    let fieldStart = i
                    i += 1
                    while i < n {
                        if bytes[i] == quote {
                            if i + 1 < n && bytes[i + 1] == quote { i += 2; continue }
                            break
                        }
                        i += 1
                    }
                    if i >= n && record.unclosedQuote == nil { record.unclosedQuote = fieldStart }
                    i = min(i + 1, n)
                    // Anything after the closing quote up to the delimiter stays part of the field.
                    while i < n && bytes[i] != delimiter && bytes[i] != 0x0A && bytes[i] != 0x0D { i += 1 }
                    record.fields.append((fieldStart..<i, true))
                } else {
                    let fieldStart = i
                    while i < n && bytes[i] != delimiter && bytes[i] != 0x0A { i += 1 }
                    var fieldEnd = i
                    if i < n && bytes[i] == 0x0A && fieldEnd > fieldStart && bytes[fieldEnd - 1] == 0x0D { fieldEnd -= 1 }
                    if i == n && fieldEnd > fieldStart && bytes[fieldEnd - 1] == 0x0D { fieldEnd -= 1 }
                    record.fields.append((fieldStart..<fieldEnd, false))
                    i = fieldEnd
                }
                if i >= n { end = n; lineEnd = n; break fields }
                if bytes[i] == delimiter { i += 1; if i == n { record.fields.append((n..<n, false)); end = n; lineEnd = n; break fields }; continue }
                // A line break (\r\n or \n), or a stray \r.
                end = i
                if bytes[i] == 0x0D && i + 1 < n && bytes[i + 1] == 0x0A { i += 2 } else if bytes[i] == 0x0A { i += 1 } else { i += 1; if i >= n { lineEnd = n; break fields }; continue }
                lineEnd = i
                break fields
            }
            record.content = start..<end
            record.full = start..<lineEnd
            body(record)
            i = lineEnd
        }
    }

    /// The decoded value of a field: quotes removed and doubled quotes undone.
    func value(_ bytes: UnsafeRawBufferPointer, _ field: (range: Range<Int>, quoted: Bool)) -> [UInt8] {
        let raw = UnsafeRawBufferPointer(rebasing: bytes[field.range])
        guard field.quoted else { return Array(raw) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 1
        while i < raw.count {
            let c = raw[i]
            if c == quote {
                if i + 1 < raw.count && raw[i + 1] == quote { out.append(quote); i += 2; continue }
                i += 1
                // Text after the closing quote (not RFC 4180) is kept.
                out.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[i...]))
                break
            }
            out.append(c)
            i += 1
        }
        return out
    }

    /// Appends a field, quoted when it holds the delimiter, a quote or a line break, or was quoted.
    func appendField(_ value: [UInt8], quoted: Bool, to output: inout [UInt8]) {
        let needs = quoted || value.contains { $0 == delimiter || $0 == quote || $0 == 0x0A || $0 == 0x0D }
        guard needs else { output.append(contentsOf: value); return }
        output.append(quote)
        for b in value {
            if b == quote { output.append(quote) }
            output.append(b)
        }
        output.append(quote)
    }

    /// Whether the header (the first record that is not blank) holds a CR outside quoted fields
    /// with text after it: the lines of the file end with CR alone (classic Mac OS), and it would
    /// be read as one record. (`\r\r\n`, CRLF converted twice, is no such line end.)
    func headerHasBareCR(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var found = false
        var done = false
        forEachRecord(bytes) { record in
            guard !done, !record.content.isEmpty else { return }
            done = true
            for index in record.content where bytes[index] == 0x0D && index + 1 < bytes.count
                && bytes[index + 1] != 0x0D && bytes[index + 1] != 0x0A {
                if !record.fields.contains(where: { $0.quoted && $0.range.contains(index) }) { found = true }
            }
        }
        return found
    }

    /// The header's column names, from the first record of `bytes`.
    func header(_ bytes: UnsafeRawBufferPointer) -> [String] {
        var names: [String] = []
        var done = false
        forEachRecord(bytes) { record in
            // Blank lines before the header are not it.
            guard !done, !record.content.isEmpty else { return }
            done = true
            names = record.fields.map { String(decoding: value(bytes, $0), as: UTF8.self) }
            // A byte order mark is not part of the first column's name.
            if let first = names.first, first.hasPrefix("\u{FEFF}") { names[0] = String(first.dropFirst()) }
        }
        return names
    }
}
