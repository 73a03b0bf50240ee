import Foundation
import Testing
import TestSupport
@testable import ArabicNumerals

/// Dialect numbers: false-positive lists per dialect, a dialect text with its numbers, and the count
/// of partial conversions in it and in the news sample (Corpora/news).
@Suite struct DialectTests {
    @Test func falsePositivesStayUnchanged() throws {
        var perDialect: [String: Int] = [:]
        for row in try VectorFile("dialect-false-positives.tsv", columns: 2...2, minimumRows: 20).rows {
            let dialect = try #require(Dialect(rawValue: row[0]), "\(row)")
            perDialect[row[0], default: 0] += 1
            for mode in [dialect, .auto] {
                let parser = NumberWordsParser(options: NumberWordsOptions(dialect: mode))
                #expect(parser.replacingNumberWords(in: row[1]) == row[1], "\(row) with \(mode)")
            }
        }
        for d in ["egy", "lev", "glf", "mgr"] { #expect(perDialect[d, default: 0] >= 4, "\(d) false positives") }
    }

    @Test func dialectSampleNumbersAndNoPartialConversions() throws {
        var partial: [String] = []
        var lines = 0
        for row in try VectorFile("dialect-sample.tsv", columns: 3...3, minimumRows: 15).rows {
            lines += 1
            for mode in [Dialect.auto, Dialect(rawValue: row[0])!] {
                let parser = NumberWordsParser(options: NumberWordsOptions(dialect: mode))
                let numbers = parser.parse(row[1]).map { $0.value.description }.joined(separator: " ")
                #expect(numbers == row[2], "\(row) with \(mode)")
                partial += PartialConversions.find(in: row[1], parser: parser)
            }
        }
        FileHandle.standardError.write(Data("partial conversions in the dialect sample (\(lines) lines): \(partial.count)\n".utf8))
        #expect(partial.isEmpty, "\(partial)")
    }

    @Test func noPartialConversionsInTheNewsSample() throws {
        let folder = NewsSampleTests.corpus
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".txt") }.sorted()
        #expect(files.count >= 5)
        var partial: [String] = []
        var numbers = 0
        for mode in Dialect.allCases {
            for file in files {
                let text = try #require(NewsSampleTests.article(file))
                let parser = NumberWordsParser(options: NumberWordsOptions(ordinals: mode == .msa, dialect: mode))
                for line in text.split(separator: "\n") {
                    numbers += parser.parse(String(line)).count
                    partial += PartialConversions.find(in: String(line), parser: parser)
                }
            }
        }
        FileHandle.standardError.write(Data("partial conversions in the news sample (\(files.count) files, every dialect mode, \(numbers) numbers): \(partial.count)\n".utf8))
        #expect(partial.isEmpty, "\(partial)")
    }

    /// The detector itself finds a partial conversion when one is made.
    @Test func detectorFindsPartialConversions() {
        let p = NumberWordsParser()
        #expect(PartialConversions.find(in: "خمسة ثلاثة", parser: p).isEmpty)
        // `مليون` after the digits of a parse that stopped short would be one.
        var units = TextScanner.scan(Array("5 مليون".unicodeScalars), lexicon: p.lexicon)
        #expect(units.count == 2 && Grammar(u: units, options: p.options).isLooseNumberWord(1))
        units = TextScanner.scan(Array("5 بالمئة".unicodeScalars), lexicon: p.lexicon)
        #expect(units.count == 2 && !Grammar(u: units, options: p.options).isLooseNumberWord(1))
    }

    @Test func modes() {
        func convert(_ text: String, _ d: Dialect) -> String {
            NumberWordsParser(options: NumberWordsOptions(dialect: d)).replacingNumberWords(in: text)
        }
        #expect(convert("تلتاشر", .auto) == "13")
        #expect(convert("تلتاشر", .egy) == "13")
        #expect(convert("تلتاشر", .lev) == "تلتاشر")
        #expect(convert("تلتاشر", .msa) == "تلتاشر")
        #expect(convert("ثلطعش", .glf) == "13")
        #expect(convert("طناش", .mgr) == "12")
        #expect(convert("تمن", .egy) == "تمن")
        #expect(convert("تمن تلاف", .egy) == "8000")
        // Side by side without و: hundreds after thousands in auto, any falling group in a dialect mode.
        #expect(convert("ألفين خمسمية", .auto) == "2500")
        #expect(convert("ألفين خمسين", .auto) == "2000 50")
        #expect(convert("ألفين خمسين", .egy) == "2050")
        #expect(convert("ألفين خمسين", .msa) == "2000 50")
        #expect(convert("مية", .msa) == "100")
        #expect(convert("مية", .auto) == "مية")
        #expect(convert("تلات مية", .auto) == "300")
    }
}
