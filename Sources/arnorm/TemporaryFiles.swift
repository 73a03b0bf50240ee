import Foundation

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

    /// The longest file name most file systems take (NAME_MAX).
    static let nameLimit = 255

    /// The name part of the temporary file of a target named `name` (`.PART.arnorm-tmp-PID`):
    /// `name` itself, or, when the whole would pass `nameLimit` bytes, its start (cut between
    /// characters) with `~` and a hash of the full name, so that two long names stay apart.
    static func namePart(_ name: String) -> String {
        let room = nameLimit - ".".utf8.count - ".arnorm-tmp-".utf8.count - 10   // 10: the longest PID
        let bytes = Array(name.utf8)
        guard bytes.count > room else { return name }
        var hash: UInt32 = 0x811C_9DC5   // FNV-1a: the same in every run, for removeStale
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        let suffix = "~" + String(hash, radix: 16)
        var cut = room - suffix.utf8.count
        while cut > 0 && (bytes[cut] & 0xC0) == 0x80 { cut -= 1 }   // not inside a character
        return String(decoding: bytes[..<cut], as: UTF8.self) + suffix
    }

    /// The temporary file of a target named `name` written by process `pid`.
    static func temporaryName(_ name: String, pid: pid_t = getpid()) -> String {
        ".\(namePart(name)).arnorm-tmp-\(pid)"
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
            if let name, !entry.hasPrefix(".\(namePart(name)).arnorm-tmp-") { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue }
            unlink(directory + "/" + entry)
        }
    }
}
