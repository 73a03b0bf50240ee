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

/// Standard output, written with write(2). A closed pipe (`arnorm big.txt | head`) throws
/// `CLIError.closedPipe`: the run stops there, writes its report, and exits 0.
final class StandardOutput: OutputSink {
    func write(_ bytes: UnsafeRawBufferPointer) throws(CLIError) {
        let code = Diagnostics.writeAll(1, bytes)
        if code == EPIPE { throw CLIError.closedPipe("standard output") }
        if code != 0 { throw CLIError.system("cannot write to", "standard output", errno: code) }
    }

    func commit() throws(CLIError) {}
    func abort() {}

    /// Writes `text` to standard output (lists, `--print-config`, help): a full disk is an error,
    /// exit 1, not a silently short file; a closed pipe ends the process quietly with status 0.
    static func write(text: String) throws(CLIError) {
        let code = Diagnostics.writeAll(1, Array(text.utf8))
        if code == EPIPE { exit(0) }
        if code != 0 { throw CLIError.system("cannot write to", "standard output", errno: code) }
    }
}
