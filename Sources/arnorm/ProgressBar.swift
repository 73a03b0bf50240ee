import Foundation

/// A one-line progress bar on stderr: bytes done/total, MB/s, ETA, files done.
///
/// Redrawn at most ten times a second; `clear()` removes it (before a message or at the end).
final class ProgressBar: @unchecked Sendable {
    private let lock = NSLock()
    private let totalBytes: Int?
    private let totalFiles: Int
    private let start = Date()
    private var bytesDone = 0
    private var filesDone = 0
    private var lastDraw = Date.distantPast
    private var shown = false
    private let width: Int

    init(totalBytes: Int?, totalFiles: Int) {
        self.totalBytes = totalBytes
        self.totalFiles = totalFiles
        var ws = winsize()
        width = ioctl(2, UInt(TIOCGWINSZ), &ws) == 0 && ws.ws_col > 20 ? Int(ws.ws_col) : 80
    }

    /// Adds progress; redraws if the last drawing is old enough.
    func advance(bytes: Int = 0, files: Int = 0) {
        lock.lock()
        defer { lock.unlock() }
        bytesDone += bytes
        filesDone += files
        let now = Date()
        if now.timeIntervalSince(lastDraw) >= 0.1 {
            lastDraw = now
            drawLocked()
        }
    }

    /// Removes the bar from the terminal.
    func clear() {
        lock.lock()
        defer { lock.unlock() }
        if shown { Diagnostics.writeAll(2, Array("\r\u{1B}[K".utf8)) }
    }

    /// Draws the bar again after `clear()`.
    func redraw() {
        lock.lock()
        defer { lock.unlock() }
        if shown { drawLocked() }
    }

    /// Removes the bar for good.
    func finish() {
        clear()
        lock.lock()
        shown = false
        lock.unlock()
    }

    private func drawLocked() {
        shown = true
        let seconds = max(Date().timeIntervalSince(start), 0.001)
        let rate = Double(bytesDone) / seconds
        let mb = { (b: Int) in String(format: "%.1f", Double(b) / 1_000_000) }
        var text = ""
        var right = " \(mb(bytesDone))"
        if let totalBytes { right += "/\(mb(totalBytes))" }
        right += " MB  \(String(format: "%.1f", rate / 1_000_000)) MB/s"
        if let totalBytes, rate > 0, bytesDone <= totalBytes {
            let eta = Int((Double(totalBytes - bytesDone) / rate).rounded())
            right += "  ETA \(eta / 60):\(String(eta % 60).leftPadded(2))"
        }
        right += "  files \(filesDone)/\(totalFiles)"
        let barWidth = max(10, min(30, width - right.count - 4))
        if let totalBytes, totalBytes > 0 {
            let filled = min(barWidth, Int(Double(barWidth) * Double(bytesDone) / Double(totalBytes)))
            text = "[" + String(repeating: "#", count: filled) + String(repeating: " ", count: barWidth - filled) + "]"
        }
        Diagnostics.writeAll(2, Array(("\r" + text + right + "\u{1B}[K").utf8))
    }
}
