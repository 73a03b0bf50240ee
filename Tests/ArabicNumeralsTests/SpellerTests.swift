import Testing
@testable import ArabicNumerals

@Suite struct SpellerTests {
    @Test func vectors() {
        for row in VectorFile.rows("digits-to-words.tsv") {
            let gender: NumberGender = row.count > 2 && row[2].contains("feminine") ? .feminine : .masculine
            var c = NumberCase.nominative
            if row.count > 2 && row[2].contains("genitive") { c = .genitive }
            if row.count > 2 && row[2].contains("accusative") { c = .accusative }
            let speller = NumberSpeller(gender: gender, case: c)
            #expect(speller.spell(digits: row[0]) == row[1], "input: \(row[0]) \(row.count > 2 ? row[2] : "")")
        }
    }
}
