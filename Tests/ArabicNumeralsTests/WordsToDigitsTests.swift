import Testing
import TestSupport
@testable import ArabicNumerals

@Suite struct WordsToDigitsTests {
    @Test func vectors() throws {
        for row in try VectorFile("words-to-digits.tsv", columns: 2...3, minimumRows: 240).rows {
            let flags = row.optional(2)
            let parser = NumberWordsParser(options: NumberWordsOptions(
                ordinals: flags.contains("ordinals"), fractions: flags.contains("fractions")))
            #expect(parser.replacingNumberWords(in: row[0]) == row[1], "\(row)")
        }
    }
}
