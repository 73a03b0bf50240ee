import ArabicNormalizer
import Foundation

/// One input to process.
struct InputFile: Sendable {
    /// The path to open; `-` is standard input.
    var path: String
    /// The path under the directory it was found in (its name for a file given directly): where
    /// `--output-dir` puts its output.
    var relativePath: String
    /// Size in bytes when known (for the progress bar).
    var size: Int?
    /// The file's permissions, given to its `--in-place` replacement.
    var mode: mode_t = 0o644
    /// Device and inode, to refuse writing an output onto an input.
    var device: UInt64 = 0
    var inode: UInt64 = 0
    /// Whether the path is a symbolic link (to a regular file).
    var isSymlink = false
    /// Whether it was found by walking a directory (not named on the command line).
    var foundInWalk = false

    var isStandardInput: Bool { path == "-" }
    /// A name for messages.
    var displayName: String { isStandardInput ? "<stdin>" : path }
}

/// Expands the PATH arguments: files as given, directories walked recursively in sorted order.
///
/// In directories, hidden entries (names starting with `.`) are skipped (counted in one note),
/// files named with the backup suffix are never inputs, binary files (a NUL byte in the first
/// 8 KiB, outside the patterns of UTF-16/32 text and with no byte order mark) are skipped with a note, `--glob` patterns filter
/// file names, symlinks are followed but a directory already on the current path (a loop) is
/// reported and not entered. An unreadable directory or a file that vanishes is reported as an
/// error and the walk goes on.
struct InputWalker {
    /// fnmatch(3) patterns; a file in a directory is kept when one matches its name (or its
    /// relative path, for patterns with a `/`). Empty: every file.
    var globs: [String] = []
    /// Remove stale `arnorm` temporary files of killed runs met on the way (for `--in-place`).
    var removeStaleTemporaries = false
    /// `--backup SUFFIX`: files whose names end with it are backups, not inputs.
    var backupSuffix: String?

    /// Problems met, already reported on stderr: the run should exit 1.
    private(set) var errors = 0

    mutating func walk(_ arguments: [String]) -> [InputFile] {
        var files: [InputFile] = []
        for argument in arguments {
            if argument == "-" {
                files.append(InputFile(path: "-", relativePath: "-"))
                continue
            }
            var st = stat()
            guard stat(argument, &st) == 0 else {
                report(CLIError.system("cannot read", argument))
                continue
            }
            if (st.st_mode & S_IFMT) == S_IFDIR {
                var hidden = 0
                var ancestors: [(UInt64, UInt64)] = [(UInt64(st.st_dev), UInt64(st.st_ino))]
                let found = files.count
                walkDirectory(argument, relative: "", ancestors: &ancestors, hidden: &hidden, into: &files)
                if files.count == found {
                    let patterns = globs.map { "'\($0)'" }.joined(separator: ", ")
                    Diagnostics.warning("no input file found under '\(argument)'" + (globs.isEmpty ? "" : " (--glob \(patterns) matched nothing)"))
                }
                if hidden > 0 {
                    Diagnostics.note("skipped \(hidden) hidden entr\(hidden == 1 ? "y" : "ies") under '\(argument)'")
                }
            } else {
                var lst = stat()
                files.append(InputFile(path: argument, relativePath: PathName.lastComponent(argument),
                                       size: Int(st.st_size), mode: st.st_mode & 0o7777,
                                       device: UInt64(st.st_dev), inode: UInt64(st.st_ino),
                                       isSymlink: lstat(argument, &lst) == 0 && (lst.st_mode & S_IFMT) == S_IFLNK))
            }
        }
        return files
    }

    private mutating func report(_ error: CLIError) {
        errors += 1
        Diagnostics.error(error.description)
    }

    private mutating func walkDirectory(_ directory: String, relative: String, ancestors: inout [(UInt64, UInt64)],
                                        hidden: inout Int, into files: inout [InputFile]) {
        guard let dir = opendir(directory) else {
            report(CLIError.system("cannot read directory", directory))
            return
        }
        var names: [String] = []
        // Names that are not UTF-8: a String would hold U+FFFD instead of their bytes, and open
        // another file or none. They are named (bytes escaped) and not read.
        var illFormedNames: [[UInt8]] = []
        while let entry = readdir(dir) {
            let bytes = withUnsafePointer(to: entry.pointee.d_name) { field -> [UInt8] in
                let raw = UnsafeRawPointer(field)
                return Array(UnsafeRawBufferPointer(start: raw, count: strlen(raw.assumingMemoryBound(to: CChar.self))))
            }
            if PathName.escapingIllFormed(bytes) != nil {
                if bytes.first != UInt8(ascii: ".") { illFormedNames.append(bytes) } else { hidden += 1 }
                continue
            }
            let name = String(decoding: bytes, as: UTF8.self)
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        closedir(dir)
        names.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let prefix = directory.hasSuffix("/") ? directory : directory + "/"
        for name in illFormedNames.sorted(by: { $0.lexicographicallyPrecedes($1) }) where wouldBeInput(prefix, name, relative) {
            let escaped = PathName.escapingIllFormed(name) ?? ""
            report(CLIError("'\(prefix + escaped)': the name is not valid UTF-8, which arnorm cannot open; not read (rename it)"))
        }
        for name in names {
            let path = prefix + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            if name.hasPrefix(".") {
                if removeStaleTemporaries, let pid = TemporaryFiles.temporaryPID(name), pid != getpid(),
                   !(kill(pid, 0) == 0 || errno == EPERM) {
                    unlink(path)
                    continue
                }
                hidden += 1
                continue
            }
            var st = stat()
            guard stat(path, &st) == 0 else {
                var lst = stat()
                if lstat(path, &lst) == 0 && (lst.st_mode & S_IFMT) == S_IFLNK {
                    report(CLIError.system("cannot follow the link", path))
                } else {
                    report(CLIError.system("cannot read", path))
                }
                continue
            }
            let kind = st.st_mode & S_IFMT
            if kind == S_IFDIR {
                let id = (UInt64(st.st_dev), UInt64(st.st_ino))
                if ancestors.contains(where: { $0 == id }) {
                    report(CLIError("'\(path)' links back to a directory being walked (a symlink loop); not entered"))
                    continue
                }
                ancestors.append(id)
                walkDirectory(path, relative: rel, ancestors: &ancestors, hidden: &hidden, into: &files)
                ancestors.removeLast()
                continue
            }
            if let backupSuffix, name.hasSuffix(backupSuffix) { continue }
            if !globs.isEmpty && !globs.contains(where: { matches($0, name: name, relative: rel) }) { continue }
            guard kind == S_IFREG else {
                // Not read (a FIFO would wait for a writer), but said, like a binary file.
                let what = kind == S_IFIFO ? "a FIFO" : kind == S_IFSOCK ? "a socket" : "a device"
                Diagnostics.note("skipped '\(path)': \(what), not a regular file")
                continue
            }
            if isBinary(path) {
                Diagnostics.note("skipped binary file '\(path)'")
                continue
            }
            var lst = stat()
            files.append(InputFile(path: path, relativePath: rel, size: Int(st.st_size), mode: st.st_mode & 0o7777,
                                   device: UInt64(st.st_dev), inode: UInt64(st.st_ino),
                                   isSymlink: lstat(path, &lst) == 0 && (lst.st_mode & S_IFMT) == S_IFLNK,
                                   foundInWalk: true))
        }
    }

    /// Whether an entry named by raw bytes would be walked: a directory, or a regular file that no
    /// backup suffix or `--glob` leaves out (a FIFO, device or socket never is).
    private func wouldBeInput(_ prefix: String, _ name: [UInt8], _ relative: String) -> Bool {
        func cString(_ bytes: [UInt8]) -> [CChar] { bytes.map { CChar(bitPattern: $0) } + [0] }
        var st = stat()
        guard stat(cString(Array(prefix.utf8) + name), &st) == 0 else { return true }
        let kind = st.st_mode & S_IFMT
        if kind == S_IFDIR { return true }
        guard kind == S_IFREG else { return false }
        if let backupSuffix, name.count >= backupSuffix.utf8.count, name.suffix(backupSuffix.utf8.count).elementsEqual(backupSuffix.utf8) {
            return false
        }
        let rel = cString(relative.isEmpty ? name : Array(relative.utf8) + [UInt8(ascii: "/")] + name)
        let bare = cString(name)
        return globs.isEmpty || globs.contains { fnmatch($0, $0.contains("/") ? rel : bare, 0) == 0 }
    }

    private func matches(_ pattern: String, name: String, relative: String) -> Bool {
        fnmatch(pattern, pattern.contains("/") ? relative : name, 0) == 0
    }

    /// A NUL byte in the first 8 KiB, with no UTF-16/32 byte order mark and not in the pattern of
    /// UTF-16/32 text. Unreadable files are kept: opening them reports the error.
    private func isBinary(_ path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 8192)
        let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 8192) }
        guard n > 0 else { return false }
        if let mark = TextEncoding.fromByteOrderMark(buffer[0..<n]), !mark.encoding.isUTF8 { return false }
        return buffer.withUnsafeBytes { EncodingSniffer.isBinary(UnsafeRawBufferPointer(rebasing: $0[0..<n])) }
    }
}
