import Foundation
import Testing
@testable import ArabicNumerals

/// The principle: words → digits converts a whole number expression to the exact value it denotes,
/// or leaves it untouched. Never a partial conversion, never two quantities merged, never a unit or
/// percentage word read as a multiplier; digits → words always reads back to the same value.
@Suite struct PrincipleTests {
    let parser = NumberWordsParser()
    let speller = NumberSpeller()

    @Test func percentWordsAreNeverMultipliers() {
        #expect(parser.replacingNumberWords(in: "ثمانية بالمئة") == "8 بالمئة")
        #expect(parser.replacingNumberWords(in: "ثمانية بالمائة") == "8 بالمائة")
        #expect(parser.replacingNumberWords(in: "ثمانية في المئة") == "8 في المئة")
        #expect(parser.replacingNumberWords(in: "زاد بالمئة") == "زاد بالمئة")
    }

    @Test func percentSignRoundTrip() {
        let words = speller.replacingDigits(in: "5%")
        #expect(words == "خمسة بالمئة")
        #expect(parser.replacingNumberWords(in: words) == "5 بالمئة")
        let list = speller.replacingDigits(in: "5% و7.5% و20%")
        #expect(parser.replacingNumberWords(in: list) == "5 بالمئة و7.5 بالمئة و20 بالمئة")
        #expect(speller.replacingDigits(in: "٥٪") == "خمسة بالمئة")
    }

    @Test func twoQuantitiesAreNeverMerged() {
        #expect(parser.replacingNumberWords(in: "1.2 مليون و14.5 ألف") == "1200000 و14500")
        #expect(parser.replacingNumberWords(in: "خمسة وستة") == "5 و6")
        // Digits joined by و whose words would read as one number stay in digits.
        #expect(speller.replacingDigits(in: "بين 5 و20") == "بين 5 و20")
        #expect(speller.replacingDigits(in: "بين 5 و10") == "بين خمسة وعشرة")
        #expect(speller.replacingDigits(in: "3.5 و20") == "3.5 و20")
    }

    @Test func signsDecimalsAndPercentInWords() {
        #expect(speller.replacingDigits(in: "-5") == "سالب خمسة")
        #expect(speller.replacingDigits(in: "درجة الحرارة −3 اليوم") == "درجة الحرارة سالب ثلاثة اليوم")
        #expect(speller.replacingDigits(in: "١٠-٥") == "١٠-٥")
        #expect(speller.replacingDigits(in: "٣٫٥") == "ثلاثة فاصلة خمسة")
        #expect(speller.replacingDigits(in: "١٠٠٬٠٠٠") == "مئة ألف")
        #expect(speller.replacingDigits(in: "5%") == "خمسة بالمئة")
        #expect(speller.replacingDigits(in: "-2.5%") == "سالب اثنان فاصلة خمسة بالمئة")
        #expect(speller.spell(digits: "1.2345") == "واحد فاصلة اثنان ثلاثة أربعة خمسة")
        #expect(speller.replacingDigits(in: "+966 و050 123 4567") == "+966 و050 123 4567")
        for text in ["-5", "٣٫٥", "5%", "-2.5%", "1.2345", "0.0012", "١٠٠٬٠٠٠", "-1000000.75", "12.012"] {
            let back = parser.replacingNumberWords(in: speller.replacingDigits(in: text))
            let expected = DigitConverter(target: .western).convert(text)
                .replacingOccurrences(of: "%", with: " بالمئة").replacingOccurrences(of: ",", with: "")
                .replacingOccurrences(of: "−", with: "-")
            #expect(NumberValue(back.replacingOccurrences(of: " بالمئة", with: "")) ==
                    NumberValue(expected.replacingOccurrences(of: " بالمئة", with: "")), "\(text) → \(back)")
        }
    }

    @Test func ordinalsAreLeftAloneUnlessAsked() {
        #expect(parser.replacingNumberWords(in: "العيد العشرون") == "العيد العشرون")
        #expect(parser.replacingNumberWords(in: "المليون الأول") == "المليون الأول")
        let ordinals = NumberWordsParser(options: NumberWordsOptions(ordinals: true))
        #expect(ordinals.replacingNumberWords(in: "العيد العشرون") == "العيد 20")
        #expect(ordinals.parse("العشرون").first?.kind == .ordinal)
    }

    @Test func halfReadNumbersAreLeftWhole() {
        // A number word the grammar cannot take in next to an expression: nothing is converted.
        #expect(parser.replacingNumberWords(in: "مليار مليار مليار") == "مليار مليار مليار")
        #expect(parser.replacingNumberWords(in: "ثلاثة فاصلة") == "ثلاثة فاصلة")
        #expect(parser.replacingNumberWords(in: "خمسة اثنا") == "خمسة اثنا")
        #expect(parser.replacingNumberWords(in: "ثلاثة ونصف") == "ثلاثة ونصف")
        #expect(parser.replacingNumberWords(in: "واحد فاصلة أربعة خمسة") == "1.45")
    }

    @Test func arbitraryPrecision() throws {
        let v = try #require(parser.value(of: "تسعمئة وتسعة وتسعون سبتليون وتسعمئة وتسعة وتسعون"))
        #expect(v.description == "999000000000000000000000999")
        #expect(v.integer == nil)
        #expect(v.numerator == nil)
        #expect(NumberValue("999000000000000000000000999") == v)
        #expect(try #require(parser.value(of: "سالب خمسة")).numerator == -5)
        let digits = String(repeating: "9", count: 24) + " سبتليون"
        #expect(parser.replacingNumberWords(in: digits) == String(repeating: "9", count: 24) + String(repeating: "0", count: 24))
        #expect(speller.spell(digits: "1" + String(repeating: "0", count: 24)) == "سبتليون")
        #expect(speller.spell(digits: "5" + String(repeating: "0", count: 15)) == "خمسة كوادريليونات")
        #expect(speller.spell(digits: String(repeating: "9", count: 28)) == nil)
        for n in ["1000000000000000", "2000000000000000000", "11000000000000000000000", "999999999999999999999999999",
                  "123456789012345678901234567", "100000000000000000000000001"] {
            let words = try #require(speller.spell(digits: n))
            #expect(parser.value(of: words)?.description == n, "\(n): \(words)")
        }
    }
}
