import Foundation

/// An error that ends the run with a message naming what failed.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    var status: ExitStatus = .failure
    /// The output is a pipe its reader closed (`arnorm big.txt | head`): the run stops there,
    /// quietly, with status 0 (README, Bad input).
    var isClosedPipe = false

    init(_ description: String, status: ExitStatus = .failure) {
        self.description = description
        self.status = status
    }

    /// A write into a pipe whose reader is gone (EPIPE).
    static func closedPipe(_ what: String) -> CLIError {
        var error = CLIError("cannot write to '\(what)': the pipe was closed")
        error.isClosedPipe = true
        return error
    }

    /// A usage error (exit 2).
    static func usage(_ message: String) -> CLIError { CLIError(message, status: .usage) }

    /// An error from a system call on `path`, with the system's reason.
    static func system(_ what: String, _ path: String, errno code: Int32 = errno) -> CLIError {
        CLIError("\(what) '\(path)': \(String(cString: strerror(code)))")
    }
}
