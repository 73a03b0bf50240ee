#if canImport(CWriteback)    // (the fuzz package compiles this file without the C target)
import CWriteback
#endif
import Foundation

/// Where processed bytes go: standard output or a file replaced atomically.
protocol OutputSink: AnyObject {
    /// Appends bytes.
    func write(_ bytes: UnsafeRawBufferPointer) throws(CLIError)
    /// Appends a buffer the sink may keep (`BackgroundWriter` queues it without a copy).
    func write(owned bytes: [UInt8]) throws(CLIError)
    /// Makes what was written visible (for a file: fsync, then rename over the target).
    func commit() throws(CLIError)
    /// Drops what was written (for a file: the target is left as it was).
    func abort()
}

/// Standard output, written with write(2). A closed pipe (`arnorm big.txt | head`) ends the
/// process quietly with status 0.
final class StandardOutput: OutputSink {
    func write(_ bytes: UnsafeRawBufferPointer) throws(CLIError) {
        let code = Diagnostics.writeAll(1, bytes)
        if code == EPIPE {
            TemporaryFiles.removeAll()
            exit(0)
        }
        if code != 0 { throw CLIError.system("cannot write to", "standard output", errno: code) }
    }

    func commit() throws(CLIError) {}
    func abort() {}
}

/// A file written through a temporary file in the same directory (`.NAME.arnorm-tmp-PID`), then
/// fsync'd and renamed over the target: a reader (or a crash at any moment) sees either the old
/// file or the complete new one, never a part. With a backup suffix the old file is kept as a
/// hard link `NAME` + suffix.
final class AtomicFile: OutputSink {
    let path: String
    let temporaryPath: String
    private var fd: Int32
    private let backupSuffix: String?
    /// Bytes written so far, and how many of them the kernel was asked to start writing back.
    private var written: Int64 = 0, writebackStarted: Int64 = 0
    /// Writeback is started every this many bytes, so that the disk works while the input is
    /// still being normalized and the final fsync waits for only the last stretch (100 MB file
    /// to file: the final fsync went from ~0.14 s to ~0.10 s).
    private static let writebackStride: Int64 = 4 << 20

    /// Opens the temporary file. `mode` is given to the new file (the input's mode for
    /// `--in-place`); by default an existing target keeps its mode.
    init(path: String, mode: mode_t? = nil, backupSuffix: String? = nil) throws(CLIError) {
        self.path = path
        self.backupSuffix = backupSuffix
        let directory = (path as NSString).deletingLastPathComponent
        let name = (path as NSString).lastPathComponent
        let dirPrefix = directory.isEmpty ? "" : directory + "/"
        TemporaryFiles.removeStale(in: directory.isEmpty ? "." : directory, name: name)
        temporaryPath = dirPrefix + ".\(name).arnorm-tmp-\(getpid())"
        var targetMode = mode
        if targetMode == nil {
            var st = stat()
            if stat(path, &st) == 0 { targetMode = st.st_mode & 0o7777 }
        }
        TemporaryFiles.register(temporaryPath)
        unlink(temporaryPath)
        fd = open(temporaryPath, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        if fd < 0 {
            let code = errno
            TemporaryFiles.unregister(temporaryPath)
            throw CLIError.system("cannot write", path, errno: code)
        }
        if let targetMode { fchmod(fd, targetMode) }
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
        if let backupSuffix {
            let backup = path + backupSuffix
            unlink(backup)
            if link(path, backup) != 0 {
                let code = errno
                unlink(temporaryPath)
                TemporaryFiles.unregister(temporaryPath)
                throw CLIError.system("cannot make the backup", backup, errno: code)
            }
        }
        if rename(temporaryPath, path) != 0 {
            let code = errno
            unlink(temporaryPath)
            TemporaryFiles.unregister(temporaryPath)
            throw CLIError.system("cannot replace", path, errno: code)
        }
        TemporaryFiles.unregister(temporaryPath)
        // Make the rename itself durable.
        let directory = (path as NSString).deletingLastPathComponent
        let dfd = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 { fsync(dfd); close(dfd) }
    }

    func abort() {
        if fd >= 0 { close(fd); fd = -1 }
        unlink(temporaryPath)
        TemporaryFiles.unregister(temporaryPath)
    }
}

/// The temporary files of this run, removed on SIGINT/SIGTERM/SIGHUP; and stale ones of killed
/// runs, removed when the same target is written again.
enum TemporaryFiles {
    nonisolated(unsafe) private static var paths = Set<String>()
    private static let lock = NSLock()
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []

    static func register(_ path: String) { lock.lock(); paths.insert(path); lock.unlock() }
    static func unregister(_ path: String) { lock.lock(); paths.remove(path); lock.unlock() }

    /// Removes every temporary file of this run.
    static func removeAll() {
        lock.lock()
        for path in paths { unlink(path) }
        paths.removeAll()
        lock.unlock()
    }

    /// On SIGINT, SIGTERM and SIGHUP: remove the temporary files, then exit 128 + signal.
    static func installSignalHandlers() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler {
                removeAll()
                Diagnostics.progress?.clear()
                _exit(128 + sig)
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Whether `name` is a temporary file of arnorm (`.NAME.arnorm-tmp-PID`); returns its PID.
    static func temporaryPID(_ name: String) -> pid_t? {
        guard name.hasPrefix("."), let range = name.range(of: ".arnorm-tmp-", options: .backwards) else { return nil }
        return pid_t(name[range.upperBound...])
    }

    /// Removes `.NAME.arnorm-tmp-PID` files in `directory` left by runs that no longer exist
    /// (all names when `name` is nil).
    static func removeStale(in directory: String, name: String? = nil) {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return }
        for entry in entries {
            guard let pid = temporaryPID(entry), pid != getpid() else { continue }
            if let name, !entry.hasPrefix(".\(name).arnorm-tmp-") { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue }
            unlink(directory + "/" + entry)
        }
    }
}
