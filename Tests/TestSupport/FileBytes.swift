import Glibc

/// Reads a whole file with POSIX calls.
///
/// The tests read the captured stdout/stderr of the processes they run, often empty. Foundation's
/// `Data(contentsOf:)` reads a zero-length file through a 4 KiB buffer it never frees on Linux,
/// which `swift test --sanitize=address` reports as a leak; this reader has no such path.
public func readFileBytes(_ path: String) throws -> [UInt8] {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw FileReadError(path: path, code: errno) }
    defer { close(fd) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
        let got = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        if got < 0 {
            if errno == EINTR { continue }
            throw FileReadError(path: path, code: errno)
        }
        if got == 0 { return bytes }
        bytes.append(contentsOf: chunk[..<got])
    }
}

/// A file the tests could not read.
public struct FileReadError: Error, CustomStringConvertible {
    public var path: String
    public var code: Int32
    public var description: String { "cannot read \(path): \(String(cString: strerror(code)))" }
}
