import Foundation

/// Messages on stderr: errors, warnings and notes, each on its own line, prefixed `arnorm:`, with
/// control characters (of file names) escaped (`PathName.escapingControls`).
///
/// Thread-safe. A progress bar on the same terminal is cleared before a message is printed and
/// redrawn after it.
enum Diagnostics {
    nonisolated(unsafe) private static var lock = NSLock()
    /// Notes and warnings are dropped with `--quiet`; errors never are.
    nonisolated(unsafe) static var quiet = false
    /// The progress bar to clear before printing, if one is shown.
    nonisolated(unsafe) static var progress: ProgressBar?
    /// Set once any error has been reported: the run then exits 1.
    nonisolated(unsafe) private(set) static var hadError = false

    static func error(_ message: String) {
        lock.lock(); hadError = true; lock.unlock()
        emit("arnorm: error: \(PathName.escapingControls(message))")
    }

    static func warning(_ message: String) {
        if !quiet { emit("arnorm: warning: \(PathName.escapingControls(message))") }
    }

    static func note(_ message: String) {
        if !quiet { emit("arnorm: note: \(PathName.escapingControls(message))") }
    }

    /// Writes raw text to stderr (reports, explanations), clearing the progress bar first.
    static func emit(_ text: String) {
        lock.lock()
        defer { lock.unlock() }
        progress?.clear()
        var line = text
        if !line.hasSuffix("\n") { line += "\n" }
        writeAll(2, Array(line.utf8))
        progress?.redraw()
    }

    /// write(2) until every byte is written; returns errno on failure, 0 on success.
    @discardableResult
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Int32 {
        bytes.withUnsafeBytes { writeAll(fd, $0) }
    }

    /// write(2) until every byte is written; returns errno on failure, 0 on success.
    @discardableResult
    static func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32 {
        guard var p = bytes.baseAddress else { return 0 }
        var left = bytes.count
        while left > 0 {
            let n = write(fd, p, left)
            if n < 0 {
                if errno == EINTR { continue }
                return errno
            }
            p += n
            left -= n
        }
        return 0
    }
}
