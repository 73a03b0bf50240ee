import Foundation

/// The exit codes of `arnorm`, as documented in the README (Normalizing a corpus, Exit status).
///
/// - 0: every input was processed (warnings about replaced input may have been printed).
/// - 1: something went wrong at run time: a missing or unreadable input, an unwritable output,
///   input rejected by `--invalid fail`, a full disk. Every problem is named on stderr.
/// - 2: the command line is wrong (unknown option, step or preset, contradictory options).
enum ExitStatus: Int32 {
    case success = 0
    case failure = 1
    case usage = 2
}

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
