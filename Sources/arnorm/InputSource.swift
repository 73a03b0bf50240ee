import ArabicNormalizer
import Foundation

/// A file's bytes as UTF-8, read in blocks: the byte order mark taken off, and text in another
/// encoding (a UTF-16/32 byte order mark, or `--encoding`) decoded on the way, piece by piece, so
/// that a file of any size is never held whole.
///
/// Without a byte order mark or `--encoding`, bytes pass through unchanged (ill-formed UTF-8 is
/// then the `--invalid` policy's business) and `hint` says what the file looks like if it does not
/// look like UTF-8.
final class InputSource {
    let fd: Int32
    /// The encoding the file is read in.
    let encoding: TextEncoding
    /// Whether the file started with a byte order mark (taken off).
    let hadByteOrderMark: Bool
    /// What the file looks like when it is read as UTF-8 and does not look like it.
    let hint: String?
    /// Bytes read from `fd` so far (before decoding).
    private(set) var bytesRead = 0

    /// Bytes read while looking at the start of the file, handed out (or decoded) first.
    private var ahead: [UInt8]
    private var aheadUsed = 0
    private let decoder: TextDecoder?
    private var raw: [UInt8] = []
    private var rawStart = 0, rawEnd = 0
    private var decoded: [UInt8] = []
    private var decodedStart = 0, decodedEnd = 0
    /// read(2) returned 0; all input handed to the decoder; everything decoded handed out.
    private var fdAtEOF = false, atEOF = false, flushed = false

    /// Looks at the start of `fd` (up to 64 KiB). `requested`: `--encoding`, or nil to go by the
    /// byte order mark.
    init(fd: Int32, requested: TextEncoding?) throws(CLIErrno) {
        self.fd = fd
        var sample = [UInt8](repeating: 0, count: EncodingSniffer.sampleSize)
        var count = 0
        var eof = false
        while count < sample.count {
            let n = sample.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIErrno(code: errno)
            }
            if n == 0 { eof = true; break }
            count += n
        }
        sample.removeSubrange(count...)
        bytesRead = count
        fdAtEOF = eof
        let mark = TextEncoding.fromByteOrderMark(sample)
        var encoding = requested ?? mark?.encoding ?? .utf8
        // A byte order mark agrees with --encoding utf-16 and the like; it is not text.
        var skip = 0
        if let mark, requested == nil || requested == mark.encoding || (requested.map(InputSource.isGenericUnicode) ?? false) {
            skip = mark.length
            if requested != nil && InputSource.isGenericUnicode(requested!) { encoding = mark.encoding }
        }
        self.encoding = encoding
        hadByteOrderMark = skip > 0
        ahead = sample
        aheadUsed = skip
        if encoding.isUTF8 {
            decoder = nil
            hint = requested == nil && !hadByteOrderMark
                ? sample.withUnsafeBytes { EncodingSniffer.hint($0, complete: eof) } : nil
        } else {
            decoder = TextDecoder(encoding)
            hint = nil
            raw = [UInt8](repeating: 0, count: 1 << 16)
            decoded = [UInt8](repeating: 0, count: 1 << 18)
        }
    }

    /// `UTF-16` and `UTF-32` without a byte order: the mark decides it.
    private static func isGenericUnicode(_ encoding: TextEncoding) -> Bool {
        ["UTF-16", "UTF-32"].contains(encoding.canonicalName.uppercased())
    }

    /// Reads up to `count` bytes of UTF-8 into `destination`; 0 at the end.
    func read(into destination: UnsafeMutableRawPointer, count: Int) throws(CLIErrno) -> Int {
        guard count > 0 else { return 0 }
        guard let decoder else { return try readRaw(into: destination, count: count) }
        while true {
            if decodedStart < decodedEnd {
                let n = min(count, decodedEnd - decodedStart)
                decoded.withUnsafeBytes { destination.copyMemory(from: $0.baseAddress! + decodedStart, byteCount: n) }
                decodedStart += n
                return n
            }
            if flushed { return 0 }
            if rawStart == rawEnd && !atEOF {
                rawStart = 0
                rawEnd = 0
                var failure: CLIErrno?
                let n = raw.withUnsafeMutableBytes { buffer -> Int in
                    do throws(CLIErrno) { return try readRaw(into: buffer.baseAddress!, count: buffer.count) } catch {
                        failure = error
                        return 0
                    }
                }
                if let failure { throw failure }
                if n == 0 { atEOF = true } else { rawEnd = n }
            }
            let (used, written) = raw.withUnsafeBytes { source in
                decoded.withUnsafeMutableBytes { target in
                    decoder.decode(UnsafeRawBufferPointer(rebasing: source[rawStart..<rawEnd]), into: target, isLast: atEOF)
                }
            }
            rawStart += used
            decodedStart = 0
            decodedEnd = written
            if atEOF && rawStart == rawEnd && written == 0 { flushed = true }
        }
    }

    /// The file's bytes: first those read ahead, then read(2).
    private func readRaw(into destination: UnsafeMutableRawPointer, count: Int) throws(CLIErrno) -> Int {
        if aheadUsed < ahead.count {
            let n = min(count, ahead.count - aheadUsed)
            ahead.withUnsafeBytes { destination.copyMemory(from: $0.baseAddress! + aheadUsed, byteCount: n) }
            aheadUsed += n
            if aheadUsed == ahead.count { ahead = [] ; aheadUsed = 0 }
            return n
        }
        if fdAtEOF { return 0 }
        while true {
            let n = Foundation.read(fd, destination, count)
            if n < 0 {
                if errno == EINTR { continue }
                throw CLIErrno(code: errno)
            }
            if n == 0 { fdAtEOF = true }
            bytesRead += n
            return n
        }
    }
}
