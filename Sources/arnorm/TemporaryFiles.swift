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
