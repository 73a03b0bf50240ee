import Foundation

/// Finds where records end, so chunks are cut between records and never inside one.
protocol RecordBoundary {
    /// The index just after the last record end in `buffer[0..<count]`, or nil when there is none
    /// yet. Called again on the same, grown buffer until it answers; `reset()` is called after a cut.
    mutating func lastBoundary(in buffer: UnsafeRawBufferPointer) -> Int?
    mutating func reset()
}

/// Records are lines: a chunk ends after its last `\n` (so `\r\n` stays whole).
///
/// With a `softLimit`, a line longer than that is cut too, just after a plain space between two
/// letters (Arabic or ASCII): no normalization step looks across such a space (whitespace keeps
/// it as one space, de-obfuscation runs never contain a space, letter repeats and number
/// contexts end at it), so the pieces normalize to the same bytes as the whole line and a
/// 100 MB line is processed in parallel and in bounded memory like many short ones. The chunk
/// then ends with that space; `TextProcessor` passes it through itself.
struct LineBoundary: RecordBoundary {
    var softLimit: Int?
    private var scanned = 0

    init(softLimit: Int? = nil) { self.softLimit = softLimit }

    mutating func lastBoundary(in buffer: UnsafeRawBufferPointer) -> Int? {
        defer { scanned = buffer.count }
        guard buffer.count > scanned, let base = buffer.baseAddress else { return nil }
        let bytes = base.assumingMemoryBound(to: UInt8.self)
        var i = buffer.count - 1
        while i >= scanned {
            if bytes[i] == 0x0A { return i + 1 }
            i -= 1
        }
        guard let softLimit, buffer.count >= softLimit else { return nil }
        // No line end anywhere in the buffer: look for a safe space in its last megabyte.
        var p = buffer.count - 3
        let stop = max(2, buffer.count - (1 << 20))
        while p >= stop {
            if bytes[p] == 0x20 && LineBoundary.isLetterEnding(bytes, at: p) && LineBoundary.isLetterStarting(bytes, at: p + 1) {
                return p + 1
            }
            p -= 1
        }
        return nil
    }

    mutating func reset() { scanned = 0 }

    /// A basic Arabic letter (ء–غ, ف–ي) as two UTF-8 bytes at `k`.
    @inline(__always)
    private static func isArabicLetter(_ b0: UInt8, _ b1: UInt8) -> Bool {
        (b0 == 0xD8 && b1 >= 0xA1 && b1 <= 0xBA) || (b0 == 0xD9 && b1 >= 0x81 && b1 <= 0x8A)
    }

    @inline(__always)
    private static func isASCIILetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    /// The character just before `p` is a letter.
    private static func isLetterEnding(_ bytes: UnsafePointer<UInt8>, at p: Int) -> Bool {
        isASCIILetter(bytes[p - 1]) || isArabicLetter(bytes[p - 2], bytes[p - 1])
    }

    /// The character at `p` is a letter (`p + 1` is inside the buffer).
    private static func isLetterStarting(_ bytes: UnsafePointer<UInt8>, at p: Int) -> Bool {
        isASCIILetter(bytes[p]) || isArabicLetter(bytes[p], bytes[p + 1])
    }
}

/// Line or CSV record boundaries, chosen per file.
enum AnyBoundary: RecordBoundary {
    case line(LineBoundary)
    case csv(CSVBoundary)

    mutating func lastBoundary(in buffer: UnsafeRawBufferPointer) -> Int? {
        switch self {
        case .line(var b): defer { self = .line(b) }; return b.lastBoundary(in: buffer)
        case .csv(var b): defer { self = .csv(b) }; return b.lastBoundary(in: buffer)
        }
    }

    mutating func reset() {
        switch self {
        case .line(var b): b.reset(); self = .line(b)
        case .csv(var b): b.reset(); self = .csv(b)
        }
    }
}
