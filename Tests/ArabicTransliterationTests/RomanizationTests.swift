import Testing
import TestSupport
@testable import ArabicTransliteration

@Suite("ALA-LC, DIN 31635 and ASCII")
struct RomanizationTests {
    @Test("vectors", arguments: try VectorFile("romanization-cases.tsv", columns: 3...3, minimumRows: 40).rows)
    func vectors(row: VectorFile.Row) throws {
        let standard = try #require(RomanizationStandard(rawValue: row[0]), "\(row)")
        #expect(RomanizationTransliterator(standard).transliterate(row[1]) == row[2], "\(row)")
    }

    @Test func tableCoversTheArabicLetters() {
        for s in "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي".unicodeScalars {
            for standard in RomanizationStandard.allCases {
                let out = RomanizationTransliterator(standard).transliterate("ب" + String(s) + "َ")
                #expect(!out.unicodeScalars.contains { ArabicScript.isLetter($0) }, "\(standard) \(s)")
            }
        }
    }

    @Test func asciiIsAscii() {
        let t = RomanizationTransliterator(.ascii)
        let out = t.transliterate("ظَهَرَ الشَّيْخُ عَبْدُ الْعَزِيزِ فِي صَنْعَاءَ")
        let allASCII = out.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(allASCII)
    }

    @Test func schemeFactoryMakesEveryScheme() {
        for scheme in TransliterationScheme.allCases {
            #expect(!scheme.makeTransliterator().transliterate("كتب").isEmpty)
        }
        #expect(TransliterationScheme.allCases.filter(\.isLossless).count == 4)
    }
}
