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
