import ArgumentParser

/// What to do with ill-formed input (`--invalid`): bad UTF-8, a JSONL line that is not JSON or
/// whose field is not a string, a CSV row with the wrong number of columns.
enum InvalidPolicy: String, ExpressibleByArgument, CaseIterable, Sendable, Codable {
    /// Bad UTF-8 becomes U+FFFD; a bad record is passed through (a JSONL field that is not a
    /// string is left as it is, a line that is not JSON or a CSV row of the wrong width is copied
    /// unchanged). One warning per file.
    case replace
    /// The line or record is left out of the output. One warning per file.
    case skip
    /// Stop: exit 1 naming file and line; outputs written to files are left as they were.
    case fail
}
