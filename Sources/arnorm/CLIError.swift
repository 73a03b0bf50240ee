import Foundation

/// An error that ends the run with a message naming what failed.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    var status: ExitStatus = .failure

    init(_ description: String, status: ExitStatus = .failure) {
        self.description = description
        self.status = status
    }

    /// A usage error (exit 2).
    static func usage(_ message: String) -> CLIError { CLIError(message, status: .usage) }

    /// An error from a system call on `path`, with the system's reason.
    static func system(_ what: String, _ path: String, errno code: Int32 = errno) -> CLIError {
        CLIError("\(what) '\(path)': \(String(cString: strerror(code)))")
    }
}
