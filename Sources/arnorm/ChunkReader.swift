import Foundation

/// A growable heap buffer of bytes that can be handed from one thread to another.
final class ByteBuffer: @unchecked Sendable {
    private(set) var base: UnsafeMutableRawPointer
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = UnsafeMutableRawPointer.allocate(byteCount: self.capacity, alignment: 16)
    }

    deinit { base.deallocate() }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Makes room for at least `capacity` bytes, keeping the content.
    func reserve(_ wanted: Int) {
        guard wanted > capacity else { return }
        let newCapacity = max(wanted, capacity * 2)
        let newBase = UnsafeMutableRawPointer.allocate(byteCount: newCapacity, alignment: 16)
        newBase.copyMemory(from: base, byteCount: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}

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

/// Reads a file descriptor in large blocks with read(2) and cuts the stream into chunks of whole
/// records of about `chunkSize` bytes.
///
/// Memory stays bounded by the chunk size, except for a single record longer than a chunk: the
/// chunk then grows until the record ends (a 100 MB line is read as one 100 MB chunk).
struct ChunkReader<Boundary: RecordBoundary> {
    let fd: Int32
    let chunkSize: Int
    var boundary: Boundary
    /// Bytes read past the last cut: the start of the next chunk.
    private var carry: ByteBuffer?
    private var atEOF = false
    /// File offset of the next chunk's first byte.
    private(set) var offset = 0

    init(fd: Int32, chunkSize: Int, boundary: Boundary) {
        self.fd = fd
        self.chunkSize = chunkSize
        self.boundary = boundary
    }

    /// The next chunk, or nil at the end of the input. The last chunk may end without a newline.
    mutating func next() throws(CLIErrno) -> (buffer: ByteBuffer, offset: Int)? {
        let buffer = carry ?? ByteBuffer(capacity: chunkSize + chunkSize / 4)
        carry = nil
        while true {
            if !atEOF && buffer.count < chunkSize {
                buffer.reserve(chunkSize)
                let n = read(fd, buffer.base + buffer.count, buffer.capacity - buffer.count)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw CLIErrno(code: errno)
                }
                if n == 0 { atEOF = true } else { buffer.count += n; continue }
            }
            if atEOF {
                boundary.reset()
                guard buffer.count > 0 else { return nil }
                let start = offset
                offset += buffer.count
                return (buffer, start)
            }
            if let cut = boundary.lastBoundary(in: buffer.bytes) {
                boundary.reset()
                let rest = buffer.count - cut
                let next = ByteBuffer(capacity: max(chunkSize + chunkSize / 4, rest))
                if rest > 0 {
                    next.base.copyMemory(from: buffer.base + cut, byteCount: rest)
                    next.count = rest
                }
                buffer.count = cut
                carry = next
                let start = offset
                offset += cut
                return (buffer, start)
            }
            // One record longer than the buffer: grow and read on.
            buffer.reserve(buffer.count * 2)
            while buffer.count < buffer.capacity {
                let n = read(fd, buffer.base + buffer.count, buffer.capacity - buffer.count)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw CLIErrno(code: errno)
                }
                if n == 0 { atEOF = true; break }
                buffer.count += n
            }
        }
    }
}

/// An errno from a failed system call.
struct CLIErrno: Error {
    var code: Int32
    var reason: String { String(cString: strerror(code)) }
}
