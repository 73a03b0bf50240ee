import Foundation

/// Reads the module's tab-separated data files (comments start with `#`).
enum ResourceFiles {
    /// The rows of `name.tsv` in the module bundle, split on tabs; comments and blank lines dropped.
    static func rows(_ name: String, skipHeader: Bool = false) -> [[Substring]] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8)
        else { fatalError("ArabicTransliteration: missing resource \(name).tsv") }
        var rows: [[Substring]] = []
        var sawHeader = !skipHeader
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("#") || line.allSatisfy({ $0 == " " || $0 == "\r" }) { continue }
            if !sawHeader { sawHeader = true; continue }
            let trimmed = line.hasSuffix("\r") ? line.dropLast() : line
            rows.append(trimmed.split(separator: "\t", omittingEmptySubsequences: false))
        }
        return rows
    }
}
