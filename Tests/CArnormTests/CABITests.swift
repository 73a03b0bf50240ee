// The C ABI (Sources/ArnormCHeaders/include/arnorm.h), exercised by a C program compiled with
// `cc` against the header and the built libarnorm-c.so, and compared with the Swift library.

import ArabicNormalizer
import ArabicTransliteration
import Foundation
import Testing

/// The corpus lines used for whole-corpus comparisons (news articles and the samples).
let corpusLines: [String] = {
    var lines: [String] = []
    for folder in ["Corpora/news", "Corpora/samples"] {
        let dir = CDriver.packageRoot.appendingPathComponent(folder)
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.sorted() ?? []
        for file in files where file.hasSuffix(".txt") {
            let text = (try? String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)) ?? ""
            lines += text.split(separator: "\n").map(String.init)
        }
    }
    return lines
}()

@Suite("C ABI: normalization")
struct CNormalizeTests {
    @Test("argument checks, empty input, NULLs (the driver's own assertions)")
    func apiChecks() throws {
        let r = try CDriver.driver("api")
        #expect(r.text == "ok\n", "\(r.text)")
        #expect(r.status == 0)
    }

    /// (preset, enable, disable, options, input, expected output)
    static let vectors: [(String, String, String, String, String, String)] = [
        ("standard", "", "", "", "خـ.ـسائر فـ.ـادحة", "خسائر فادحة"),
        ("standard", "", "", "", "ﷲ أكبر", "الله اكبر"),
        ("standard", "", "", "", "مُحَمَّدٌ ١٢٣", "محمد 123"),
        ("clean", "", "", "", "مُحَمَّدٌ ١٢٣", "مُحَمَّدٌ ١٢٣"),
        ("search", "", "", "", "مدرسةٌ مرحباااا", "مدرسه مرحبا"),
        ("standard", "teh-marbuta", "digits", "", "مدرسة ١٢٣", "مدرسه ١٢٣"),
        ("standard", "", "alef_maksura,alef", "", "أعلى", "أعلى"),
        ("standard", "", "", "keep-shadda", "مُحَمَّد", "محمّد"),
        ("clean", "", "", "", "a\u{200B}b  \t c", "ab c"),
    ]

    @Test("normalize with presets, step overrides and options", arguments: 0..<vectors.count)
    func normalize(_ k: Int) throws {
        let (preset, enable, disable, options, input, expected) = Self.vectors[k]
        let r = try CDriver.driver("normalize", preset, enable, disable, options, text: input)
        #expect(r.status == 0)
        #expect(r.text == expected)
    }

    @Test("every corpus line, every preset: the C output equals Normalizer.normalize")
    func corpusEqualsSwift() throws {
        for preset in Preset.allCases {
            let input = corpusLines.joined(separator: "\n")
            let r = try CDriver.driver("batch", preset.rawValue, text: input)
            #expect(r.status == 0)
            let normalizer = Normalizer(preset: preset)
            let expected = corpusLines.map { "[" + normalizer.normalize($0) + "]\n" }.joined()
            #expect(r.text == expected, "preset \(preset)")
            // One call on the whole text too.
            let whole = try CDriver.driver("normalize", preset.rawValue, text: input)
            #expect(whole.text == normalizer.normalize(input))
        }
    }

    @Test("one buffer plus offsets (Arrow's layout), 32- and 64-bit offsets, an array offset, nulls: equals Normalizer.normalize",
          arguments: [(4, 0), (8, 0), (4, 3), (8, 9)])
    func bufferBatch(_ width: Int, _ skip: Int) throws {
        for preset in [Preset.standard, .search] {
            var lines = corpusLines
            for k in stride(from: 0, to: lines.count, by: 5) { lines[k] = "NULL" }
            let r = try CDriver.driver("buffer", preset.rawValue, "\(width)", "\(skip)", text: lines.joined(separator: "\n"))
            #expect(r.status == 0)
            let normalizer = Normalizer(preset: preset)
            let expected = lines.map { $0 == "NULL" ? "null\n" : "[" + normalizer.normalize($0) + "]\n" }.joined()
            #expect(r.text == expected, "preset \(preset), width \(width), skip \(skip)")
        }
    }

    @Test("engine=reference: the ICU reference path gives the engine's output")
    func referenceEngine() throws {
        let input = corpusLines.prefix(40).joined(separator: "\n")
        let reference = try CDriver.driver("buffer", "standard", "4", "0", "engine=reference", text: input)
        let fast = try CDriver.driver("buffer", "standard", "4", "0", text: input)
        #expect(reference.status == 0)
        #expect(reference.text == fast.text)
    }

    @Test("unknown preset: NULL and a message")
    func unknownPreset() throws {
        let r = try CDriver.driver("normalize", "fancy", text: "x")
        #expect(r.status == 3)
        #expect(r.text == "error: unknown preset 'fancy' (known: clean, standard, search, social)\n")
    }

    @Test("unknown step or option: NULL and a message")
    func unknownStep() throws {
        let step = try CDriver.driver("normalize", "standard", "tatweel,shiny", text: "x")
        #expect(step.status == 3)
        #expect(step.text.hasPrefix("error: unknown step 'shiny' (known: unicode, nfkc, invisible,"))
        let option = try CDriver.driver("normalize", "standard", "", "", "keep-hamza", text: "x")
        #expect(option.status == 3)
        #expect(option.text == "error: unknown option 'keep-hamza' (known: keep-shadda, superscript-alef-to-alef, engine=…, urls=…, emails=…, mentions=…, hashtags=…, emoji=…, mask-format=…)\n")
    }

    @Test("the span steps, the social preset and the policies through the options string")
    func spanSteps() throws {
        let social = try CDriver.driver("normalize", "social", text: "<p>شاهد https://example.com/مقال @user #حلب_اليوم</p>")
        #expect(social.status == 0)
        #expect(social.text == "شاهد [URL] [USER] حلب اليوم")
        let options = try CDriver.driver("normalize", "search", "web,emoji", "", "urls=keep,mentions=remove,emoji=mask,mask-format=<{kind}>",
                                         text: "شاهد https://example.com/a?b=1 @user 👍🏽")
        #expect(options.status == 0)
        #expect(options.text == "شاهد https://example.com/a?b=1 <EMOJI>")
        let bad = try CDriver.driver("normalize", "standard", "web", "", "urls=words", text: "x")
        #expect(bad.status == 3)
        #expect(bad.text == "error: urls: unknown policy 'words' (known: keep, mask, remove)\n")
    }

    @Test("invalid UTF-8 becomes U+FFFD (one per maximal subpart) and the call succeeds")
    func invalidUTF8() throws {
        let input = Data([0x61, 0xFF, 0x62, 0xE0, 0x80, 0xD8, 0xA8])  // a, FF, b, E0 80, ب
        let r = try CDriver.driver("normalize", "standard", input: input)
        #expect(r.status == 0)
        #expect(r.text == "a\u{FFFD}b\u{FFFD}\u{FFFD}ب")
        let o = try CDriver.driver("offsets", "standard", input: input)
        #expect(o.status == 0)
        #expect(o.text == """
            = a\u{FFFD}b\u{FFFD}\u{FFFD}ب
            u 0 1 s 0 1
            u 1 2 s 1 2
            u 2 3 s 2 3
            u 3 4 s 3 4
            u 4 5 s 4 5
            u 5 7 s 5 6

            """)
    }

    @Test("configuration JSON: decoded, resolved and written back")
    func json() throws {
        let config = #"{"preset":"clean","steps":["tatweel","alef-maksura"],"options":{"keepShadda":true,"superscriptAlefToAlef":false}}"#
        let r = try CDriver.driver("json", text: config)
        #expect(r.status == 0)
        #expect(r.text == #"{"options":{"keepShadda":true,"superscriptAlefToAlef":false},"preset":"clean","steps":["tatweel","alef-maksura"]}"#)
        let bad = try CDriver.driver("json", text: #"{"steps":["tatweel","sparkle"]}"#)
        #expect(bad.status == 3)
        // The library's decoder names the value and the names it takes, as parseSteps does.
        #expect(bad.text == "error: invalid configuration: unknown step 'sparkle' (known: \(Step.allCases.map(\.rawValue).joined(separator: ", ")))\n")
        let badPreset = try CDriver.driver("json", text: #"{"preset":"standrd"}"#)
        #expect(badPreset.status == 3)
        #expect(badPreset.text == "error: invalid configuration: unknown preset 'standrd' (known: clean, standard, search, social)\n")
        let notJSON = try CDriver.driver("json", text: "steps: tatweel")
        #expect(notJSON.status == 3)
        #expect(notJSON.text.hasPrefix("error: invalid configuration"))
    }
}

@Suite("C ABI: offsets")
struct COffsetTests {
    /// Parses the driver's `offsets` output: one (output, byte ranges, scalar ranges) per line.
    static func parse(_ text: String) -> [(output: String, utf8: [Range<Int>], scalars: [Range<Int>])] {
        var result: [(output: String, utf8: [Range<Int>], scalars: [Range<Int>])] = []
        for line in text.split(separator: "\n") {
            if line.hasPrefix("= ") {
                result.append((String(line.dropFirst(2)), [], []))
            } else {
                let f = line.split(separator: " ").compactMap { Int($0) }
                result[result.count - 1].utf8.append(f[0]..<f[1])
                result[result.count - 1].scalars.append(f[2]..<f[3])
            }
        }
        return result
    }

    @Test("deletion, expansion, join and replacement, in bytes and scalars")
    func literal() throws {
        // مُ: the damma is deleted; ﷲ (3 bytes, 1 scalar) expands to 4 scalars; ١ is replaced.
        let r = try CDriver.driver("offsets", "standard", text: "مُ ﷲ ١")
        let parsed = Self.parse(r.text)
        try #require(parsed.count == 1)
        let (output, utf8, scalars) = parsed[0]
        #expect(output == "م الله 1")
        #expect(utf8 == [0..<2, 4..<5, 5..<8, 5..<8, 5..<8, 5..<8, 8..<9, 9..<11])
        #expect(scalars == [0..<1, 2..<3, 3..<4, 3..<4, 3..<4, 3..<4, 4..<5, 5..<6])
    }

    @Test("every corpus line: the C ranges equal normalizeWithOffsets")
    func corpusEqualsSwift() throws {
        let normalizer = Normalizer(preset: .search)
        let r = try CDriver.driver("offsets", "search", text: corpusLines.joined(separator: "\n"))
        #expect(r.status == 0)
        let parsed = Self.parse(r.text)
        try #require(parsed.count == corpusLines.count)
        for (line, got) in zip(corpusLines, parsed) {
            let expected = normalizer.normalizeWithOffsets(line)
            #expect(got.output == expected.text)
            #expect(got.utf8 == expected.utf8Ranges)
            #expect(got.scalars == expected.scalarRanges)
        }
    }
}

@Suite("C ABI: threads")
struct CThreadTests {
    @Test("one normalizer used by 4 threads at once gives the single-thread outputs", arguments: ["standard", "search"])
    func fourThreads(_ preset: String) throws {
        let input = corpusLines.joined(separator: "\n")
        let r = try CDriver.driver("threads", "normalize", preset, "4", "25", text: input)
        #expect(r.text == "ok \(corpusLines.count) x 100\n")
        #expect(r.status == 0)
    }

    @Test("one transliterator and one numerals converter shared by 4 threads",
          arguments: [("translit", "names"), ("translit", "bw"), ("numerals", "words-to-digits")])
    func fourThreadsOtherHandles(_ kind: String, _ spec: String) throws {
        let lines = Array(corpusLines.prefix(30))
        let r = try CDriver.driver("threads", kind, spec, "4", "3", text: lines.joined(separator: "\n"))
        #expect(r.text == "ok \(lines.count) x 12\n")
        #expect(r.status == 0)
    }
}

@Suite("C ABI: transliteration and numerals")
struct CTranslitNumeralsTests {
    @Test("Buckwalter forward and back")
    func buckwalter() throws {
        let forward = try CDriver.driver("translit", "bw", "", text: "بشار الأسد")
        #expect(forward.text == "b$Ar Al>sd")
        let back = try CDriver.driver("translit", "bw", "", "reverse", text: "b$Ar Al>sd")
        #expect(back.text == "بشار الأسد")
    }

    @Test("names scheme with article styles")
    func names() throws {
        #expect(try CDriver.driver("translit", "names", "", text: "بشار الأسد").text == "Bashar al-Assad")
        #expect(try CDriver.driver("translit", "names", "", text: "محمد الشامي").text == "Mohammed al-Shami")
        #expect(try CDriver.driver("translit", "names", "article=el", text: "محمد الشامي").text == "Mohammed el-Shami")
        #expect(try CDriver.driver("translit", "names", "article=none", text: "محمد الشامي").text == "Mohammed Shami")
        #expect(try CDriver.driver("translit", "names", "article=assimilated", text: "محمد الشامي").text
                == "Mohammed ash-Shami")
    }

    @Test("names reversed: Latin spellings to Arabic script, as the library's LatinNameTransliterator writes them")
    func namesReversed() throws {
        for name in ["Vladimir Putin", "Bashar al-Assad", "Xi Jinping"] {
            let r = try CDriver.driver("translit", "names", "", "reverse", text: name)
            #expect(r.status == 0)
            #expect(r.text == LatinNameTransliterator().transliterate(name))
        }
        #expect(try CDriver.driver("translit", "names", "", "reverse", text: "Vladimir Putin").text == "فلاديمير بوتين")
        let two = try CDriver.driver("translit", "names", "variants=2", "reverse", text: "Emmanuel Macron")
        #expect(two.text == LatinNameTransliterator(variants: 2).transliterate("Emmanuel Macron"))
    }

    @Test("reverse of a lossy scheme: ARNORM_ERR_UNSUPPORTED")
    func reverseUnsupported() throws {
        let r = try CDriver.driver("translit", "ala-lc", "", "reverse", text: "x")
        #expect(r.status == 4)
        #expect(r.text == "status 3\n")
    }

    @Test("unknown scheme and misplaced options: NULL and a message")
    func translitErrors() throws {
        let scheme = try CDriver.driver("translit", "morse", "", text: "x")
        #expect(scheme.text == "error: unknown scheme 'morse' (known: bw, safebw, xmlbw, hsb, ala-lc, din, ascii, names, name-key)\n")
        let option = try CDriver.driver("translit", "din", "escape", text: "x")
        #expect(option.text == "error: unknown option 'escape' (none are taken here)\n")
    }

    @Test("number words to digits, line by line")
    func wordsToDigits() throws {
        let r = try CDriver.driver("numerals", "words-to-digits", text: "قتل نحو خمسين من المسلحين\nخمسمئة وثلاث وعشرون")
        #expect(r.status == 0)
        #expect(r.text == "قتل نحو 50 من المسلحين\n523")
    }

    @Test("dialect number forms: dialect=auto|msa|egy|…, an unknown one is an error naming the known ones")
    func dialects() throws {
        let egyptian = "دفعت ربعمية وخمسين جنيه"
        #expect(try CDriver.driver("numerals", "words-to-digits", text: egyptian).text == "دفعت 450 جنيه")
        #expect(try CDriver.driver("numerals", "words-to-digits,dialect=egy", text: egyptian).text == "دفعت 450 جنيه")
        #expect(try CDriver.driver("numerals", "words-to-digits,dialect=msa", text: egyptian).text == "دفعت ربعمية و50 جنيه")
        let unknown = try CDriver.driver("numerals", "words-to-digits,dialect=xx", text: "")
        #expect(unknown.text == "error: unknown dialect 'xx' (known: auto, msa, egy, lev, glf, mgr)\n")
        let alone = try CDriver.driver("numerals", "digits-to-words,dialect=egy", text: "")
        #expect(alone.text == "error: ordinals, fractions and dialect need words-to-digits\n")
    }

    @Test("digits to words and digit systems")
    func digitsToWords() throws {
        #expect(try CDriver.driver("numerals", "digits-to-words", text: "قتل 47 عنصرا").text == "قتل سبعة وأربعون عنصرا")
        #expect(try CDriver.driver("numerals", "digits=arabic", text: "عام 2024").text == "عام ٢٠٢٤")
        let bad = try CDriver.driver("numerals", "words-to-digits,digits-to-words", text: "")
        #expect(bad.text == "error: words-to-digits and digits-to-words go in opposite directions; use one\n")
    }

    @Test("spelling a number and reading a phrase's value")
    func spellAndValue() throws {
        #expect(try CDriver.driver("spell", "523", "feminine").text == "خمسمئة وثلاث وعشرون")
        #expect(try CDriver.driver("spell", "1000000000000000", "").text == "status 4\n")
        #expect(try CDriver.driver("value", "", text: "أربعة آلاف").text == "4000/1")
        #expect(try CDriver.driver("value", "fractions", text: "ثلاثة أرباع").text == "3/4")
    }
}

@Suite("C ABI: header")
struct CHeaderTests {
    @Test("arnorm.h compiles as C++ with extern \"C\" and has no Swift in it")
    func cplusplus() throws {
        let header = CDriver.headerDirectory.appendingPathComponent("arnorm.h")
        let text = try String(contentsOf: header, encoding: .utf8)
        #expect(!text.contains("swift_") && !text.contains("SWIFT_"))
        let source = FileManager.default.temporaryDirectory.appendingPathComponent("arnorm-header-\(UUID().uuidString).cpp")
        try Data("#include <arnorm.h>\nint main() { return arnorm_version() == nullptr; }\n".utf8).write(to: source)
        defer { try? FileManager.default.removeItem(at: source) }
        let r = try CDriver.run("/usr/bin/env", ["c++", "-std=c++11", "-Wall", "-Werror", "-fsyntax-only",
                                                 "-I", CDriver.headerDirectory.path, source.path])
        #expect(r.status == 0, "\(r.stderr)")
    }
}
