import Foundation

/// A character device, FIFO or Unix socket given as `-o`: written through directly, as a shell
/// redirection would, with no temporary file, rename or fsync (`/dev/null` stays a device; a
/// FIFO's reader gets the bytes).
final class DirectOutput: OutputSink {
    let path: String
    private var fd: Int32
    /// One of this process's descriptors (`/dev/stdout`): a closed pipe there ends the run quietly,
    /// as on standard output (`arnorm -o /dev/stdout big.txt | head`): `CLIError.closedPipe`.
    private let isDescriptor: Bool

    /// Opens `path` for writing (a FIFO blocks until a reader opens it; a socket is connected).
    init(path: String, kind: OutputTarget.SpecialKind) throws(CLIError) {
        self.path = path
        isDescriptor = kind == .descriptor
        if kind == .socket {
            fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
            guard fd >= 0 else { throw CLIError.system("cannot write to the socket", path) }
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            let bytes = Array(path.utf8)
            let capacity = MemoryLayout.size(ofValue: address.sun_path)
            guard bytes.count < capacity else {
                close(fd)
                throw CLIError("cannot write to the socket '\(path)': the path is too long for a socket address")
            }
            withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: bytes) }
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            if connected != 0 {
                let code = errno
                close(fd)
                throw CLIError.system("cannot write to the socket", path, errno: code)
            }
        } else if kind == .descriptor, let number = Self.descriptorNumber(path) {
            // The shell's own descriptor, duplicated: written where it stands (`>> log` appends,
            // an offset already reached is kept), never reopened from byte 0.
            fd = fcntl(number, F_DUPFD_CLOEXEC, 3)
            guard fd >= 0 else { throw CLIError.system("cannot write", path) }
        } else {
            fd = open(path, O_WRONLY | O_CLOEXEC | O_NOCTTY)
            guard fd >= 0 else { throw CLIError.system("cannot write", path) }
        }
    }

    deinit { if fd >= 0 { close(fd) } }

    /// The descriptor a path of this process names: `/dev/stdout` 1, `/dev/stderr` 2,
    /// `/dev/fd/N` and `/proc/self/fd/N` N; nil for anything else.
    static func descriptorNumber(_ path: String) -> Int32? {
        switch path {
        case "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default:
            for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
                let digits = path.dropFirst(prefix.count)
                guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
                return Int32(digits)
            }
            return nil
        }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(CLIError) {
        guard fd >= 0 else { return }
        let code = Diagnostics.writeAll(fd, bytes)
        if code == EPIPE && isDescriptor { throw CLIError.closedPipe(path) }
        if code != 0 { throw CLIError.system("cannot write", path, errno: code) }
    }

    func commit() throws(CLIError) {
        guard fd >= 0 else { return }
        let result = close(fd)
        fd = -1
        if result != 0 && errno != EINTR { throw CLIError.system("cannot write", path) }
    }

    func abort() {
        if fd >= 0 { close(fd); fd = -1 }
    }
}
