import Testing
import TestSupport
@testable import ArabicNumerals

@Suite struct DigitConverterTests {
    @Test func vectors() throws {
        for row in try VectorFile("digit-systems.tsv", columns: 3...3, minimumRows: 22).rows {
            let system = try #require(DigitSystem(rawValue: row[1]), "\(row)")
            #expect(DigitConverter(target: system).convert(row[0]) == row[2], "\(row[0]) → \(row[1])")
        }
    }

    @Test func symbolsComeFromICU() {
        #expect(DigitSystem.arabic.symbols.digits.first == "٠")
        #expect(DigitSystem.persian.symbols.digits.last == "۹")
        #expect(DigitSystem.arabic.symbols.decimalSeparator == "٫")
        #expect(DigitSystem.arabic.symbols.groupingSeparator == "٬")
        #expect(DigitSystem.arabic.symbols.percentSign == "٪")
        #expect(DigitSystem.western.symbols.percentSign == "%")
    }

    @Test func veryLongNumbersAreMappedDigitByDigit() {
        let long = String(repeating: "9", count: 500)
        let arabic = DigitConverter(target: .arabic).convert(long)
        #expect(arabic == String(repeating: "٩", count: 500))
        #expect(DigitConverter(target: .western).convert(arabic) == long)
    }

    @Test func textWithoutDigitsIsUnchanged() {
        let s = "قتل نحو خمسين من المسلحين"
        #expect(DigitConverter(target: .arabic).convert(s) == s)
    }
}
