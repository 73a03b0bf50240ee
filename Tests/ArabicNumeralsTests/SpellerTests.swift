import Testing
import TestSupport
@testable import ArabicNumerals

@Suite struct SpellerTests {
    @Test func vectors() throws {
        for row in try VectorFile("digits-to-words.tsv", columns: 2...3, minimumRows: 80).rows {
            let flags = row.optional(2)
            let gender: NumberGender = flags.contains("feminine") ? .feminine : .masculine
            var c = NumberCase.nominative
            if flags.contains("genitive") { c = .genitive }
            if flags.contains("accusative") { c = .accusative }
            let speller = NumberSpeller(gender: gender, case: c)
            #expect(speller.spell(digits: row[0]) == row[1], "\(row)")
        }
    }
}
