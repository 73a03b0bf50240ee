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

    enum SpecialKind: String { case characterDevice = "character device", fifo = "FIFO", socket }

    /// The target `-o PATH` names.
    static func resolve(_ path: String) throws(CLIError) -> OutputTarget {
        if path == "-" { return .standardOutput }
        let final = try followLinks(path)
        var st = stat()
        guard lstat(final, &st) == 0 else {
            let code = errno
            if code == ENOENT {
                // A new file: its directory must exist.
                let parent = (final as NSString).deletingLastPathComponent
                var pst = stat()
                if !parent.isEmpty && stat(parent, &pst) != 0 {
                    throw CLIError.system("cannot write", final == path ? path : "\(final)' (where '\(path)' points", errno: errno)
                }
                return .regularFile(path: final)
            }
            throw CLIError.system("cannot write", path, errno: code)
        }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .regularFile(path: final)
        case S_IFDIR: throw CLIError("cannot write '\(path)': it is a directory (use --output-dir DIR to write a tree)")
        case S_IFCHR: return .special(path: final, kind: .characterDevice)
        case S_IFIFO: return .special(path: final, kind: .fifo)
        case S_IFSOCK: return .special(path: final, kind: .socket)
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
                let directory = (current as NSString).deletingLastPathComponent
                current = directory.isEmpty ? target : directory + "/" + target
            }
        }
        throw CLIError.system("cannot write", path, errno: ELOOP)
    }
}
