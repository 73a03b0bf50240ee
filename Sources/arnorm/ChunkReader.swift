import Foundation

/// Reads an `InputSource` (a file descriptor's bytes as UTF-8) in large blocks and cuts the stream into chunks of whole
/// records of about `chunkSize` bytes.
///
/// Memory stays bounded by the chunk size, except for a single record longer than a chunk that
/// the boundary cannot cut: the chunk then grows until the record ends (a 100 MB JSONL line is
/// read as one 100 MB chunk), up to `maxRecord` bytes; a longer one is `recordTooLong`, so that
/// `arnorm < /dev/zero` or a gigabyte with no line break ends with an error, not all the memory.
struct ChunkReader<Boundary: RecordBoundary> {
    let source: InputSource
    let chunkSize: Int
    /// The most bytes one record (with its line break) may take.
    let maxRecord: Int
    var boundary: Boundary
    /// Bytes read past the last cut: the start of the next chunk.
    private var carry: ByteBuffer?
    private var atEOF = false
    /// File offset of the next chunk's first byte.
    private(set) var offset = 0

    init(source: InputSource, chunkSize: Int, maxRecord: Int, boundary: Boundary) {
        self.source = source
        self.chunkSize = chunkSize
        self.maxRecord = max(maxRecord, 1)
        self.boundary = boundary
    }

    /// The next chunk, or nil at the end of the input. The last chunk may end without a newline.
    mutating func next() throws(ChunkReadError) -> (buffer: ByteBuffer, offset: Int)? {
        let buffer = carry ?? ByteBuffer(capacity: chunkSize + chunkSize / 4)
        carry = nil
        while true {
            if !atEOF && buffer.count < chunkSize {
                buffer.reserve(chunkSize)
                let n = try read(into: buffer, count: buffer.capacity - buffer.count)
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
            // One record longer than the buffer: grow and read on, up to `maxRecord` bytes (its
            // line break included; a last line without one may take them all).
            if buffer.count >= maxRecord {
                // One byte more tells a last line of exactly `maxRecord` bytes from a longer one.
                buffer.reserve(buffer.count + 1)
                if try read(into: buffer, count: 1) == 0 { atEOF = true; continue }
                throw .recordTooLong(offset: offset)
            }
            buffer.reserve(min(buffer.count * 2, maxRecord + 1))
            while buffer.count < min(buffer.capacity, maxRecord) {
                let n = try read(into: buffer, count: min(buffer.capacity, maxRecord) - buffer.count)
                if n == 0 { atEOF = true; break }
                buffer.count += n
            }
        }
    }

    private func read(into buffer: ByteBuffer, count: Int) throws(ChunkReadError) -> Int {
        do { return try source.read(into: buffer.base + buffer.count, count: count) } catch { throw .system(error) }
    }
}

/// Why `ChunkReader.next()` gave no chunk.
enum ChunkReadError: Error {
    /// read(2) failed.
    case system(CLIErrno)
    /// One record, starting at `offset` of the input (as read, UTF-8), is longer than `maxRecord`.
    case recordTooLong(offset: Int)
}

/// An errno from a failed system call.
struct CLIErrno: Error {
    var code: Int32
    var reason: String { String(cString: strerror(code)) }
}
