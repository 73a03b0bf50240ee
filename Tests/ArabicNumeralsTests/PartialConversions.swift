@testable import ArabicNumerals

/// Counts partial conversions in the output of words → digits, independently of the parser's own
/// whole-or-nothing check: a number the conversion wrote in digits with a number word right beside
/// it (only spaces between, no `و`, no prefix on the word) that the conversion left as a word.
enum PartialConversions {
    /// The partial conversions found when converting `text`, as short descriptions.
    static func find(in text: String, parser: NumberWordsParser) -> [String] {
        let matches = parser.parse(text)
        guard !matches.isEmpty else { return [] }
        let scalars = Array(text.unicodeScalars)
        // The output and where each written number sits in it.
        var out: [Unicode.Scalar] = []
        var written: [Range<Int>] = []
        var last = 0
        for m in matches {
            out.append(contentsOf: scalars[last..<m.scalarRange.lowerBound])
            let digits = Array(parser.write(m.value).unicodeScalars)
            written.append(out.count..<(out.count + digits.count))
            out.append(contentsOf: digits)
            last = m.scalarRange.upperBound
        }
        out.append(contentsOf: scalars[last...])
        let units = TextScanner.scan(out, lexicon: parser.lexicon, dialects: parser.options.dialect.set)
        let grammar = Grammar(u: units, options: parser.options)
        var found: [String] = []
        for r in written {
            // The units of the written number (a sign is part of the digits), then its neighbours.
            guard let first = units.firstIndex(where: { $0.end > r.lowerBound }) else { continue }
            let after = units.firstIndex(where: { $0.start >= r.upperBound })
            if let a = after, units[a].linked, !units[a].conj, grammar.isLooseNumberWord(a) {
                found.append(String(String.UnicodeScalarView(out[r.lowerBound..<units[a].end])))
            }
            if first > 0, units[first].start >= r.lowerBound, units[first].linked, !units[first].conj,
               grammar.isLooseNumberWord(first - 1) {
                found.append(String(String.UnicodeScalarView(out[units[first - 1].start..<r.upperBound])))
            }
        }
        return found
    }
}
