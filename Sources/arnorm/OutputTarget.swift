import Foundation

/// What `-o PATH` names, decided before anything is written: standard output, a regular file
/// (new or existing, reached through symlinks) replaced atomically, or a character device, FIFO or
/// socket written through directly. A directory or a block device is an error.
enum OutputTarget: Equatable {
    case standardOutput
    /// A regular file to replace atomically (or create); `path` is where the last symlink of the
    /// chain points, so the link itself stays a link.
    case regularFile(path: String)
    /// A character device, FIFO or socket: opened and written, never replaced.
    case special(path: String, kind: SpecialKind)

    enum SpecialKind: String {
        case characterDevice = "character device", fifo = "FIFO", socket
        /// One of this process's descriptors, named as a path (`/dev/stdout`, `/dev/fd/N`).
        case descriptor
    }

    /// The target `-o PATH` names.
    static func resolve(_ path: String) throws(CLIError) -> OutputTarget {
        if path == "-" { return .standardOutput }
        // A descriptor of this process (`-o /dev/stdout`, `/dev/fd/3`): written as the shell opened it.
        if ["/dev/stdout", "/dev/stderr"].contains(path) || path.hasPrefix("/dev/fd/") || path.hasPrefix("/proc/self/fd/") {
            return .special(path: path, kind: .descriptor)
        }
        var st = stat()
        guard stat(path, &st) == 0 else {
            let code = errno
            guard code == ENOENT, !path.isEmpty else { throw CLIError.system("cannot write", path, errno: code) }
            if path.hasSuffix("/") {
                throw CLIError("cannot write '\(path)': no such directory (use --output-dir DIR to write a tree)")
            }
            // A new file, or the missing target of a dangling link: its directory must exist.
            let final = try followLinks(path)
            let parent = PathName.parent(final)
            var pst = stat()
            if !parent.isEmpty && stat(parent, &pst) != 0 {
                throw CLIError.system("cannot write", final == path ? path : "\(final)' (where '\(path)' points", errno: errno)
            }
            return .regularFile(path: final)
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .regularFile(path: try followLinks(path))
        case S_IFDIR: throw CLIError("cannot write '\(path)': it is a directory (use --output-dir DIR to write a tree)")
        case S_IFCHR: return .special(path: path, kind: .characterDevice)
        case S_IFIFO: return .special(path: path, kind: .fifo)
        case S_IFSOCK: return .special(path: path, kind: .socket)
        case S_IFBLK: throw CLIError("refusing to write '\(path)': it is a block device")
        default: throw CLIError("cannot write '\(path)': not a regular file, device, FIFO or socket")
        }
    }

    /// Follows a chain of symbolic links from `path` to the path it ends at (which may not exist:
    /// a dangling link names the file to create). Each link's target is relative to its directory.
    static func followLinks(_ path: String) throws(CLIError) -> String {
        var current = path
        for _ in 0..<40 {
            var st = stat()
            guard lstat(current, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n >= 0 else { throw CLIError.system("cannot read the symbolic link", current) }
            let target = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if target.hasPrefix("/") {
                current = target
            } else {
                current = PathName.join(PathName.parent(current), target)
            }
        }
        throw CLIError.system("cannot write", path, errno: ELOOP)
    }

    /// Opens the sink this target is written through.
    func open() throws(CLIError) -> OutputSink {
        switch self {
        case .standardOutput: return StandardOutput()
        case .regularFile(let path): return try AtomicFile(path: path)
        case .special(let path, let kind): return try DirectOutput(path: path, kind: kind)
        }
    }
}
