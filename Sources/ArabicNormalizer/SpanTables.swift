/// The span steps' data files (`Resources/*.tsv`, compiled into the module): the HTML5 named
/// character references and the top-level domains a bare domain may end with.
enum SpanTables {
    /// Named character references: name (without `&` and `;`) → its one or two code points.
    static let entities: [String: [UInt32]] = {
        var table: [String: [UInt32]] = [:]
        for row in rows(PackageResources.html_entities_tsv) where row.count == 2 {
            let points = row[1].split(separator: " ").compactMap { UInt32($0, radix: 16) }
            table[String(row[0])] = points
        }
        return table
    }()

    /// The longest entity name, so a reference is looked for over a bounded stretch.
    static let longestEntityName = entities.keys.map(\.utf8.count).max() ?? 0

    /// Top-level domains, lower case.
    static let topLevelDomains: Set<String> = Set(rows(PackageResources.tlds_tsv).map { String($0[0]) })

    /// The rows of a tab-separated file; comments (`#`) and blank lines dropped.
    static func rows(_ bytes: [UInt8]) -> [[Substring]] {
        String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { line in
            line.hasPrefix("#") || line.isEmpty ? nil : line.split(separator: "\t", omittingEmptySubsequences: false)
        }
    }
}
