import Foundation

/// Reads an `InputSource` (a file descriptor's bytes as UTF-8) in large blocks and cuts the stream into chunks of whole
/// records of about `chunkSize` bytes.
///
/// Memory stays bounded by the chunk size, except for a single record longer than a chunk: the
/// chunk then grows until the record ends (a 100 MB line is read as one 100 MB chunk).
struct ChunkReader<Boundary: RecordBoundary> {
    let source: InputSource
    let chunkSize: Int
    var boundary: Boundary
    /// Bytes read past the last cut: the start of the next chunk.
    private var carry: ByteBuffer?
    private var atEOF = false
    /// File offset of the next chunk's first byte.
    private(set) var offset = 0

    init(source: InputSource, chunkSize: Int, boundary: Boundary) {
        self.source = source
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
                let n = try source.read(into: buffer.base + buffer.count, count: buffer.capacity - buffer.count)
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
                let n = try source.read(into: buffer.base + buffer.count, count: buffer.capacity - buffer.count)
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
