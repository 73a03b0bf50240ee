#if canImport(CWriteback)    // (the fuzz package compiles this file without the C target)
import CWriteback
#endif
import Foundation

/// A file written through a temporary file in the same directory (`.NAME.arnorm-tmp-PID`, NAME
/// shortened for a long name: `TemporaryFiles.temporaryName`), then
/// fsync'd and renamed over the target: a reader (or a crash at any moment) sees either the old
/// file or the complete new one, never a part. With a backup suffix the old file is kept as a
/// hard link `NAME` + suffix. The new file keeps the old one's owner, group, mode and extended
/// attributes.
final class AtomicFile: OutputSink {
    let path: String
    let temporaryPath: String
    private var fd: Int32
    private let backup: Backup?
    /// Bytes written so far, and how many of them the kernel was asked to start writing back.
    private var written: Int64 = 0, writebackStarted: Int64 = 0
    /// Writeback is started every this many bytes, so that the disk works while the input is
    /// still being normalized and the final fsync waits for only the last stretch (100 MB file
    /// to file: the final fsync went from ~0.14 s to ~0.10 s).
    private static let writebackStride: Int64 = 4 << 20
    /// What of the old file's metadata the new one cannot keep: said once the file is replaced
    /// (not for a file left as it was, or one the rename could not replace).
    private var metadataWarning: String?

    /// What to do with the file being replaced: keep it as `NAME` + `suffix` (a hard link to the
    /// old inode); an existing backup is an error unless `overwrite`.
    struct Backup {
        var suffix: String
        var overwrite: Bool
    }

    /// Opens the temporary file. It gets `metadata` (owner, group, mode, extended attributes: those
    /// of the input for `--in-place`); by default an existing target's own. What cannot be kept is
    /// said in a warning.
    init(path: String, metadata: FileMetadata? = nil, backup: Backup? = nil) throws(CLIError) {
        self.path = path
        self.backup = backup
        let directory = PathName.parent(path)
        let name = PathName.lastComponent(path)
        let dirPrefix = PathName.join(directory, "")
        // A file its user may not write is an unwritable output (`-o`, `--output-dir`, `--in-place`,
        // `--report`): the rename would need only the directory, and would replace a file made
        // read-only on purpose, where `> FILE` fails. (In a directory it may not write either, the
        // temporary file cannot be made: that is said below.)
        var existing = stat()
        if lstat(path, &existing) == 0 && faccessat(AT_FDCWD, directory.isEmpty ? "." : directory, W_OK, AT_EACCESS) == 0
            && faccessat(AT_FDCWD, path, W_OK, AT_EACCESS) != 0 {
            let code = errno
            let why = code == EACCES ? " (the file is read-only to you; left as it is)" : ""
            throw CLIError(CLIError.system("cannot write", path, errno: code).description + why)
        }
        TemporaryFiles.removeStale(in: directory.isEmpty ? "." : directory, name: name)
        temporaryPath = dirPrefix + TemporaryFiles.temporaryName(name)
        let kept = metadata ?? FileMetadata(ofFileAt: path)
        TemporaryFiles.register(temporaryPath)
        unlink(temporaryPath)
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        if fd < 0 {
            let code = errno
            TemporaryFiles.unregister(temporaryPath)
            throw CLIError.system("cannot write", path, errno: code)
        }
        if let kept {
            let problems = kept.apply(to: fd)
            if !problems.isEmpty {
                metadataWarning = "'\(path)' is rewritten without keeping " + problems.joined(separator: "; ")
            }
        }
    }

    deinit { if fd >= 0 { abort() } }

    func write(_ bytes: UnsafeRawBufferPointer) throws(CLIError) {
        let code = Diagnostics.writeAll(fd, bytes)
        if code != 0 {
            abort()
            throw CLIError.system("cannot write", path, errno: code)
        }
        written += Int64(bytes.count)
        #if canImport(CWriteback)
        if written - writebackStarted >= Self.writebackStride {
            _ = arn_start_writeback(fd, writebackStarted, written - writebackStarted)
            writebackStarted = written
        }
        #endif
    }

    func commit() throws(CLIError) {
        guard fd >= 0 else { return }
        if fsync(fd) != 0 {
            let code = errno
            abort()
            throw CLIError.system("cannot write", path, errno: code)
        }
        close(fd)
        fd = -1
        if Self.stickyDirectoryForbidsReplacing(path) {
            // Found before the backup link is made: in such a directory it could not be removed.
            abort()
            throw CLIError.system("cannot replace", path, errno: EPERM)
        }
        var backupMade: String?
        if let backup {
            let backupPath = path + backup.suffix
            if backup.overwrite { unlink(backupPath) }
            if link(path, backupPath) != 0 {
                let code = errno
                unlink(temporaryPath)
                TemporaryFiles.unregister(temporaryPath)
                if code == EEXIST {
                    throw CLIError("'\(path)' not rewritten: the backup '\(backupPath)' already exists (--backup-overwrite replaces it)")
                }
                throw CLIError.system("cannot make the backup", backupPath, errno: code)
            }
            backupMade = backupPath
        }
        if rename(temporaryPath, path) != 0 {
            let code = errno
            // The file is left as it was: no backup of it either (a next run would find one).
            if let backupMade { unlink(backupMade) }
            unlink(temporaryPath)
            TemporaryFiles.unregister(temporaryPath)
            throw CLIError.system("cannot replace", path, errno: code)
        }
        TemporaryFiles.unregister(temporaryPath)
        if let metadataWarning { Diagnostics.warning(metadataWarning) }
        // Make the rename itself durable.
        let directory = PathName.parent(path)
        let dfd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }

    /// Whether `path` is in a sticky directory (`/tmp`) where this user owns neither it nor the
    /// directory: the kernel then refuses to rename over it (and to remove a link to it).
    private static func stickyDirectoryForbidsReplacing(_ path: String) -> Bool {
        let user = geteuid()
        guard user != 0 else { return false }
        let directory = PathName.parent(path)
        var dir = stat(), file = stat()
        guard stat(directory.isEmpty ? "." : directory, &dir) == 0, dir.st_mode & S_ISVTX != 0,
              lstat(path, &file) == 0 else { return false }
        return file.st_uid != user && dir.st_uid != user
    }

    func abort() {
        if fd >= 0 { close(fd); fd = -1 }
        unlink(temporaryPath)
        TemporaryFiles.unregister(temporaryPath)
    }
}
