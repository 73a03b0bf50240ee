import Testing
@testable import ArabicNumerals

@Suite struct WordsToDigitsTests {
    @Test func vectorFileIsPresent() {
        #expect(VectorFile.rows("words-to-digits.tsv").count > 150)
    }

    @Test func vectors() {
        for row in VectorFile.rows("words-to-digits.tsv") {
            let flags = row.count > 2 ? row[2] : ""
            let parser = NumberWordsParser(options: NumberWordsOptions(
                ordinals: flags.contains("ordinals"), fractions: flags.contains("fractions")))
            #expect(parser.replacingNumberWords(in: row[0]) == row[1], "input: \(row[0])")
        }
    }
}
