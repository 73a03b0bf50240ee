import ArabicNormalizer
import Foundation

/// `--explain`: one changed line (or field) with the steps that changed it.
struct Explanation: Sendable {
    /// Line breaks before the line in its chunk.
    var lineInChunk: Int
    /// The JSONL field path or CSV column, nil for text.
    var label: String?
    var before: [UInt8]
    var after: [UInt8]
    var stats: NormalizationStats

    /// The compact view, e.g.
    ///
    ///     news.txt:3
    ///       - بعد معـ.ـارك كبيرة
    ///       + بعد معارك كبيرة
    ///       deobfuscate: 1 word; tatweel: 2
    ///       معـ.ـارك → معارك
    func render(file: String, line: Int) -> String {
        // A control character in the file name or label is escaped, as in messages.
        var text = PathName.escapingControls("\(file):\(line)\(label.map { " \($0)" } ?? "")") + "\n"
        let old = String(decoding: before, as: UTF8.self)
        let new = String(decoding: after, as: UTF8.self)
        text += "  - \(Explanation.visible(old))\n"
        text += "  + \(Explanation.visible(new))\n"
        text += "  \(Explanation.describe(stats))\n"
        let pairs = Explanation.changedWords(old, new)
        if !pairs.isEmpty {
            text += "  " + pairs.prefix(8).map { "\($0.0) → \($0.1)" }.joined(separator: " · ")
                + (pairs.count > 8 ? " · …" : "") + "\n"
        }
        return text
    }

    /// "diacritics: 3; alef: 1; deobfuscate: 2 (1 word)", steps in the documented order.
    static func describe(_ stats: NormalizationStats) -> String {
        var parts: [String] = []
        for step in Step.allCases where stats[step] > 0 {
            var part = "\(step.rawValue): \(stats[step])"
            if step == .deobfuscate && stats.wordsDeobfuscated > 0 {
                part += " (\(stats.wordsDeobfuscated) word\(stats.wordsDeobfuscated == 1 ? "" : "s"))"
            }
            parts.append(part)
        }
        for (name, count) in stats.changes.sorted(by: { $0.key < $1.key }) where Step(name: name) == nil {
            parts.append("\(name): \(count)")
        }
        if stats.invalidSequences > 0 { parts.append("invalid UTF-8 replaced: \(stats.invalidSequences)") }
        return parts.isEmpty ? "(changed)" : parts.joined(separator: "; ")
    }

    /// Word pairs that differ, when the line keeps its number of words.
    static func changedWords(_ old: String, _ new: String) -> [(String, String)] {
        let a = old.split(whereSeparator: { $0.isWhitespace }).map { visible(String($0)) }
        let b = new.split(whereSeparator: { $0.isWhitespace }).map { visible(String($0)) }
        guard a.count == b.count, a.count > 1 else { return [] }
        return zip(a, b).filter { $0.0 != $0.1 }
    }

    /// Invisible characters shown as `<U+200B>` so a change to them can be seen.
    static func visible(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            let v = scalar.value
            let invisible = v == 0x00AD || (0x200B...0x200F).contains(v) || (0x202A...0x202E).contains(v)
                || (0x2060...0x2069).contains(v) || v == 0xFEFF || v == 0x061C
                || (v < 0x20 && v != 0x09) || v == 0x00A0 || (0x2000...0x200A).contains(v)
            if invisible {
                out += "<U+\(String(v, radix: 16, uppercase: true).leftPadded(4))>"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
