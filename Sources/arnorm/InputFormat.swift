import ArgumentParser
import Foundation

/// The input formats `--format` accepts.
enum InputFormat: String, ExpressibleByArgument, CaseIterable, Sendable, Codable {
    case text, jsonl, csv, tsv

    /// The format a file's extension suggests (`.jsonl`/`.ndjson`, `.csv`, `.tsv`; anything else is text).
    static func guess(path: String) -> InputFormat {
        let ext = PathName.pathExtension(path).lowercased()
        switch ext {
        case "jsonl", "ndjson": return .jsonl
        case "csv": return .csv
        case "tsv", "tab": return .tsv
        default: return .text
        }
    }
}
