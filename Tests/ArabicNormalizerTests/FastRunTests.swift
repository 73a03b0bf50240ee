import Testing
@testable import ArabicNormalizer

/// The engine's fast run against two paths that do not use it: the ICU reference for the output,
/// and the offsets-recording pass for the per-step counts. The texts are long runs of words from a
/// mostly plain alphabet, so the fast run meets every case it handles and every way it can stop:
/// replaced letters, repeated letters (elongation), diacritics (deleted, and kept ones after them),
/// single and double spaces, ASCII words, digits, separators, NUL bytes and three-byte characters.
@Suite("fast run")
struct FastRunTests {
    /// Word pieces, weighted toward plain Arabic letters.
    static let pieces: [String] = [
        "ب", "ت", "س", "م", "ن", "ل", "ه", "و", "ي", "ع", "ر", "د", "ك", "ف", "ق", "ة", "ئ", "ؤ",
        "ب", "ت", "س", "م", "ن", "ل", "ه", "و", "ي", "ع", "ر", "د", "ك", "ف", "ق", "ص", "ط", "ح",
        "أ", "إ", "آ", "ى", "ا", "ٱ", "ک", "ی", "ه", "ۀ",            // replaced (alef, maksura, Persian)
        "لل", "ممم", "يييي", "اا",                                 // repeats
        "َ", "ُ", "ِ", "ّ", "ْ", "ً", "ٌ", "ٍ", "ٰ", "ٓ", "ٔ",          // marks
        "ـ", "ـ.ـ", ".", "،", "؟", "!", ",",                       // tatweel, separators
        "abc", "Word", "1.2", "14.5", "٣", "۴٥", "%",             // ASCII, digits
        "\u{0}", "“", "\u{200C}", "\u{A0}", "ﻻ", "日本", "😀", "е", "ж",
        "ـ؟ـ", "ـ,", "\u{200B}", "\u{200D}ـ", "ـ\u{AD}.", "\u{61C}", "”", "(", ")", "\"", "…", "!؟",
        ".\n", "\n ", "ـ.َـ", ".ُ", "ـِ", "ـ\u{301}", ".\u{301}", "ـ\u{2066}", "ـ ـ", "‐", "–",
        "👨\u{200D}👩", " 😀", "\u{2060}", "\u{FEFF}", "ك\u{200C}ت", "\u{200D}", "\u{200B}.", "😀\u{FE0F}",
        "𠀀", "\u{200C}\u{200D}", ".\u{200B}ـ",
        ":", "ً:", " : ", "ـ:ـ", ";", "?", "ـ?ـ", "@", "[", "~", "_",    // ASCII punctuation
        "بـ ", "ــ\n", "\nـ ", "\n\u{A0}ـ",                           // tatweel ending a word, or a line
    ]

    /// ASCII-heavy pieces: long runs of plain ASCII words (what the 16-byte block scan copies),
    /// broken by what it must stop at: double spaces, spaces at line starts, punctuation, Arabic.
    static let asciiPieces: [String] = [
        "alpha", "Beta", "gamma", "1234567", "x", "zz", "Delta9", "omega", "Q", "lorem", "ipsum",
        "alpha", "Beta", "gamma", "1234567", "x", "zz", "Delta9", "omega", "Q", "lorem", "ipsum",
        "كتب", "قال", "أحمد", "ى", "ـ", ".", ",", "(", "“", "\n", "\n ", "  ", "\t", "\u{A0}", "َ", "\u{301}",
        "é", "e\u{301}", "ﻻ", "😀", "ж", "%", "1.2", "14.5", "٣",
    ]

    /// News-like pieces: what the SIMD block run takes (plain and replaced letters, separators
    /// before a space or a line feed, single spaces, line feeds, quotation marks), and what it must stop at, so that
    /// blocks of 16 and 64 bytes start and end at every kind of character. CI runs this suite
    /// again with `ARNORM_BLOCK_RUN=16` (the SSSE3 run) and `=0` (no run).
    static let runPieces: [String] = [
        "كتب", "الحرب", "سوريا", "مدينة", "الرئيس", "ب", "ت", "ن", "ل", "م", "ي", "و", "ع", "ر",
        "كتب", "الحرب", "سوريا", "مدينة", "الرئيس", "ب", "ت", "ن", "ل", "م", "ي", "و", "ع", "ر",
        "أحمد", "إدلب", "آخر", "على", "ى", "أ", "ٱ", "ک", "ی",
        "، ", ". ", "؟ ", "؛ ", ",\n", ".\n", "،", ".", "!", "؟",
        "abc", "2023", "1.2", "14.5", "%", "(", ")", "\"", "“", "”", "“", "”", "—", "’", "…", "“\u{301}", "”َ", "\u{2028}",
        "ـ", "خـ.ـسائر", "الثــ؟ورية", "َ", "ً", "ّ", "\n", "\n ", "  ", "\u{A0}", "\u{200C}", "ж", "٣",
        // What the run joins or deletes inside words, and near misses.
        "تعــ.رضـ.ت", "ـ..ـ", "ـ_ـ", "ـ-ـ", "ـ\u{200B}.ـ", "\u{200C}-", "ـ.َـ", "ـ“ـ", "ـ،", "ـ. ",
        "\u{200B}", "\u{200D}", "\u{2060}", "\u{200C}\u{200C}", "ـ\u{200C}", "\u{200E}", "😀", " ❤️",
        // Cyrillic (the news corpus quotes Russian sources), with a mark that composes with the
        // letter before it (и + U+0306 = й), and what de-obfuscation sees after it.
        "Республике", "Юрий", "ёж", "и\u{306}", "ж.ـ", "ж،", "Ѐ", "\u{301}",
    ]

    static func texts(seed: UInt64, count: Int, pieces: [String] = pieces, plainCount: UInt64 = 36) -> [String] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            var text = ""
            let words = Int(rng.next() % 40) + 1
            for w in 0..<words {
                if w > 0 { text += rng.next() % 9 == 0 ? "  " : (rng.next() % 17 == 0 ? "\n" : " ") }
                let length = Int(rng.next() % 8) + 1
                for _ in 0..<length {
                    // Mostly plain letters: the first 36 pieces.
                    let pick = rng.next() % 4 == 0 ? Int(rng.next() % UInt64(pieces.count)) : Int(rng.next() % plainCount)
                    text += pieces[pick]
                }
            }
            return text
        }
    }

    static let configurations: [Configuration] = Preset.allCases.map { Configuration(preset: $0) } + [
        Configuration(preset: nil, steps: StepSet([.unicode, .elongation, .whitespace, .alef])),
        Configuration(preset: nil, steps: StepSet([.elongation, .diacritics])),
        Configuration(preset: nil, steps: StepSet([.alefMaksura, .persian, .deobfuscate])),
    ]

    @Test(arguments: configurations)
    func outputEqualsReferenceAndCountsEqualOffsetsPath(_ configuration: Configuration) {
        Self.check(configuration, Self.texts(seed: 11, count: 600))
    }

    /// The same on ASCII-heavy text, where the block scan copies sixteen bytes at a time.
    @Test(arguments: configurations)
    func blockScanOutputEqualsReferenceAndCountsEqualOffsetsPath(_ configuration: Configuration) {
        Self.check(configuration, Self.texts(seed: 29, count: 600, pieces: Self.asciiPieces, plainCount: 22))
    }

    /// The same on news-like text, where the block run takes most of the bytes.
    @Test(arguments: configurations)
    func blockRunOutputEqualsReferenceAndCountsEqualOffsetsPath(_ configuration: Configuration) {
        Self.check(configuration, Self.texts(seed: 47, count: 600, pieces: Self.runPieces, plainCount: 37))
    }

    /// Repeated letters where the block run meets them under elongation (AVX2): twice (kept),
    /// three and more times (collapsed), through replacements (`اأا`), deleted marks and tatweel
    /// (`بَبَب`, `بـبـب`), across spaces (not collapsed) and words.
    static let repeatPieces: [String] = runPieces + [
        "لل", "ممم", "يييي", "اا", "اأا", "ىيي", "بَبَب", "بـبـب", "ب ب ب", "هه", "ههه", "ههههههه",
        "مممم ", "ؤو", "وؤو", "نّن", "ةهه", "ییي", "سسـس", "كك.", "ككك،", "ددد\n", "ررر“",
    ]

    /// News-like text with repeated letters, under the configurations with elongation.
    @Test(arguments: configurations.filter { $0.steps.contains(.elongation) })
    func blockRunUnderElongationOutputEqualsReferenceAndCountsEqualOffsetsPath(_ configuration: Configuration) {
        Self.check(configuration, Self.texts(seed: 53, count: 800, pieces: Self.repeatPieces, plainCount: 37))
    }

    /// Letters repeated where the block run writes them once or twice before a block's end, at
    /// every alignment (shifted by 0–69 ASCII letters): the same bytes as the reference, the same
    /// counts as the offsets path.
    @Test func longRunsWithRepeatedLettersAtEveryOffset() {
        let units = ["الكتاب مممم يييي هه وجهه قال: ببـب بَبَب اأا ", "هههههههههههههههههههههههههههههههههههه ",
                     "ممـمـم ههه.ههه بب ب "]
        let texts = units.flatMap { unit in
            (0..<70).map { String(repeating: "x", count: $0) + " " + String(repeating: unit, count: 12) }
        }
        Self.check(Configuration(preset: .search), texts)
        Self.check(Configuration(preset: nil, steps: StepSet([.elongation, .diacritics])), texts)
    }

    /// Separators the punctuation step turns into spaces, where the block run takes them (AVX2,
    /// `search`): alone and in runs with spaces, before letters, spaces and line feeds, at line
    /// starts, number separators inside numbers and out, beside joined words, at every alignment.
    @Test func longRunsWithPunctuationAtEveryOffset() {
        let units = ["قال، إن “الحرب” (في سوريا) انتهت. وقال: لا ", "الرئيس ،  كتب \"نعم\"… —  ثم ؟ ",
                     "سعر 1.5 و 6,077 دولار. ثم 50% و -3 و 2/3: ", "\n، كتب .\n“قال” \n . ثم ",
                     "خـ.ـسائر ، تعــ.رضـ.ت . بـ، ثـ“م ", "a, b. c: (d) \"e\" - f/g ", "ممم، ههه. ييي “ببب” ",
                     // Number separators after or before a letter (URLs, CSV), and between digits.
                     "https://example.org/a-b?q=c.d 2.55,expect,على,1 a-5 5-a x.5 7:b a.b 3,0 ب.5 ",
                     // Inside a number (copied), next to another separator, a sign, a byte the
                     // run does not take, a deleted mark or tatweel before a digit.
                     "9829,2014,2.55,1 10:30 1/2/2020 (-3.5) 5.-3 5,,3 a,,5 //x :/ 5- -a -5, ",
                     "5\u{1},3 5,\u{1}3 4\u{7}-2 ٥,3 3,٥ 5,\u{200B}3 7.ـ8 9,\u{64B}1 \"5\"),2 ب,5 ب.ت ت-5 ٥,ب ي,1 "]
        let texts = units.flatMap { unit in
            (0..<70).map { String(repeating: "x", count: $0) + " " + String(repeating: unit, count: 12) }
        }
        Self.check(Configuration(preset: .search), texts)
        Self.check(Configuration(preset: nil, steps: StepSet([.punctuation, .whitespace])), texts)
        Self.check(Configuration(preset: nil, steps: StepSet([.punctuation, .whitespace, .deobfuscate, .tatweel, .digits])), texts)
    }

    /// Tatweel between two digits (`ContextRules.Tatweel`): kept as a dash, the whole run, with
    /// ASCII and Arabic-Indic digits, after kept marks, zero-width characters and other tatweel;
    /// deleted next to letters, as tatweel elsewhere. At every alignment of the block run, under
    /// the presets and the tatweel step alone.
    @Test func tatweelBetweenDigitsAtEveryOffset() {
        let units = ["الحرب 1939ـ1945 و(١٩٣٩ـ١٩٤٥) كتـاب ", "صفحة 5ــ10 و٥ـــ١٠ وكتــب ", "سنةـ5 5ـسنة ـ5 5ـ ",
                     "1ـ\u{200B}2 3\u{200B}ـ4 5ـَ6 7َـ8 ٩ـ\u{651}ـ٠ ", "بـ1ـ2ـب 12ـ34ـ56 ۱ـ۲ 1ـ.ـ2 "]
        let texts = units.flatMap { unit in
            (0..<70).map { String(repeating: "x", count: $0) + " " + String(repeating: unit, count: 8) }
        }
        for preset in [Preset.clean, .standard, .search] { Self.check(Configuration(preset: preset), texts) }
        Self.check(Configuration(preset: nil, steps: StepSet([.tatweel])), texts)
        Self.check(Configuration(preset: nil, steps: StepSet([.tatweel, .whitespace, .digits])), texts)
    }

    static func check(_ configuration: Configuration, _ texts: [String]) {
        let normalizer = Normalizer(configuration)
        let reference = ReferenceNormalizer(configuration)
        for text in texts {
            let bytes = Array(text.utf8)
            var fast: [UInt8] = [], slow: [UInt8] = []
            var fastStats = NormalizationStats(), slowStats = NormalizationStats()
            var log = OffsetLog()
            bytes.withUnsafeBytes {
                normalizer.normalize(utf8: $0, appendingTo: &fast, stats: &fastStats)
                normalizer.run($0, appendingTo: &slow, stats: &slowStats, sink: &log)
            }
            #expect(fast == Array(reference.normalize(text).utf8), "\(configuration.steps) input: \(text.debugDescription)")
            #expect(fast == slow, "input: \(text.debugDescription)")
            #expect(fastStats == slowStats, "input: \(text.debugDescription)")
            if fast != slow || fastStats != slowStats { return }
        }
    }

    /// Fuzz finding 4: de-obfuscation judged a presentation form by its raw code point,
    /// the reference by its normalized form. U+FCF4 is tatweel + shadda + kasra under NFKC, so
    /// `ا#ﳴه` is a word split with `#` and tatweel, joined under `search`.
    @Test func obfuscationIsJudgedOnNormalizedPresentationForms() {
        let normalizer = Normalizer(preset: .search)
        #expect(normalizer.normalize("ا#\u{FCF4}ه") == "اه")
        #expect(normalizer.normalize("\u{FE8D}\u{FEDF}\u{FEE0}\u{FED0}\u{FE94} \u{FE8D}#\u{FCF4}\u{FE94}\n") == "اللغه اه\n")
        #expect(normalizer.normalize("ا#\u{FCF4} ه") == ReferenceNormalizer(Configuration(preset: .search)).normalize("ا#\u{FCF4} ه"))
    }

    /// `unit` 30 times after `shift` plain letters, for every shift (so blocks of 16 and 64 bytes
    /// start at every byte of it): the output is `expected` 30 times less the last space the
    /// whitespace step trims, the same as the reference (unless `comparesReference` is false), and
    /// `counts` holds for the stats.
    static func checkAtEveryOffset(_ unit: String, becomes expected: String, preset: Preset = .standard,
                                   configuration: Configuration? = nil, shifts: Range<Int> = 0..<34,
                                   comparesReference: Bool = true, counts: (NormalizationStats) -> Bool) {
        let configuration = configuration ?? Configuration(preset: preset)
        let normalizer = Normalizer(configuration)
        let reference = ReferenceNormalizer(configuration)
        for shift in shifts {
            let text = String(repeating: "ب", count: shift) + String(repeating: unit, count: 30)
            var stats = NormalizationStats()
            var out: [UInt8] = []
            Array(text.utf8).withUnsafeBytes { normalizer.normalize(utf8: $0, appendingTo: &out, stats: &stats) }
            // (Compared as bytes: Swift's `String ==` holds for canonically equivalent strings, and
            // the order of marks is what NFC fixes.)
            let written = String(decoding: out, as: UTF8.self)
            let wanted = String((String(repeating: "ب", count: shift) + String(repeating: expected, count: 30)).dropLast())
            #expect(Array(written.utf8) == Array(wanted.utf8), "shift \(shift)")
            if comparesReference { #expect(Array(written.utf8) == Array(reference.normalize(text).utf8), "shift \(shift)") }
            #expect(counts(stats), "shift \(shift): \(stats.changes) \(stats.wordsDeobfuscated)")
        }
    }

    /// Kept marks inside the block run (`clean`): harakat, tanween, shadda after a
    /// haraka, superscript alef and a Quranic sign on letters, in canonical order, at every
    /// alignment: copied as they are, the same as the reference, nothing counted.
    @Test func longRunsWithKeptMarksAtEveryOffset() {
        let unit = "كَتَبَ عَلَى “سَلْمَى”، وَقَالَ: هٰذَا كِتَابٌ مَدَّ بِۖ "
        Self.checkAtEveryOffset(unit, becomes: unit, preset: .clean) {
            $0.changes["unicode", default: 0] == 0 && $0.changes["whitespace", default: 0] == 1
        }
    }
    /// Quranic signs after a space (`clean`: kept, a space composes with nothing), between two
    /// spaces, after two spaces (one goes), after a line feed and a space, and harakat out of
    /// order after a space (swapped), at every alignment: the same as the reference.
    @Test func keptMarksAfterSpacesAtEveryOffset() {
        Self.checkAtEveryOffset("قَالَ ۛ وَ ۗ كَتَبَ  ۚ هُوَ ۖ ", becomes: "قَالَ ۛ وَ ۗ كَتَبَ ۚ هُوَ ۖ ", preset: .clean) {
            $0.changes["unicode", default: 0] == 0 && $0.changes["whitespace", default: 0] == 31
        }
        let units = ["قَالَ ۛ\n ۗ كَتَبَ \u{0651}\u{064E} هُوَ ۖۗ ۛ\u{064E} ", "\n ۚ  ۛ\n\u{06D6} بِ ۖ"]
        let texts = units.flatMap { unit in
            (0..<70).map { String(repeating: "x", count: $0) + " " + String(repeating: unit, count: 12) }
        }
        Self.check(Configuration(preset: .clean), texts)
    }
    /// Kept marks in other settings: on letters the alef step replaces (`clean`
    /// with alef), out of order without NFC (never swapped), before a double space (the run backs
    /// off past the mark too), at every alignment: the same as the reference.
    @Test func keptMarksOnReplacedLettersWithoutNormalizationAndBeforeSpacesAtEveryOffset() {
        Self.checkAtEveryOffset("أَحمد إِلى آمَن ", becomes: "اَحمد اِلى امَن ",
                                configuration: Configuration(preset: .clean, enabling: [Step.alef])) {
            $0.changes["alef"] == 90
        }
        Self.checkAtEveryOffset("كَتَبَ شد\u{0651}\u{064E} ", becomes: "كَتَبَ شد\u{0651}\u{064E} ",
                                configuration: Configuration(preset: .clean, disabling: [Step.unicode])) {
            $0.changes["unicode", default: 0] == 0
        }
        Self.checkAtEveryOffset("بَ  ت ", becomes: "بَ ت ", preset: .clean) { $0.changes["whitespace"] == 31 }
    }
    /// Kept marks out of canonical order inside the block run (`clean`): shadda before fatha
    /// between words the run takes (swapped, as NFC does), and shadda before two harakat (NFC
    /// sorts the three: the run leaves them to the scalar loop), at every alignment: the same as
    /// the reference, each base counted once.
    @Test func longRunsWithSwappedMarksAtEveryOffset() {
        Self.checkAtEveryOffset("كَتَبَ شد\u{0651}\u{064E} عَلَى ", becomes: "كَتَبَ شد\u{064E}\u{0651} عَلَى ", preset: .clean) {
            $0.changes["unicode"] == 30
        }
        Self.checkAtEveryOffset("كَتَبَ ر\u{0651}\u{064E}\u{0650} عَلَى ", becomes: "كَتَبَ ر\u{064E}\u{0650}\u{0651} عَلَى ",
                                preset: .clean) {
            $0.changes["unicode"] == 30
        }
    }
    /// Kept marks out of canonical order and the like (`clean`): shadda before a haraka (NFC swaps
    /// them: in the block run too), a haraka before hamza above (NFC composes the hamza with the
    /// alef past it), a haraka on tatweel (deleted: the haraka moves to the letter before), and
    /// shadda before two harakat (NFC sorts the three: left to the scalar loop), at every
    /// alignment: the same as the reference, each change counted once.
    @Test func longRunsWithMarksOutOfOrderAtEveryOffset() {
        Self.checkAtEveryOffset("شد\u{0651}\u{064E} مد\u{0651}\u{064F}ة ا\u{064E}\u{0654}ب بـ\u{064E}ب ر\u{0651}\u{064E}\u{0650} ",
                                becomes: "شد\u{064E}\u{0651} مد\u{064F}\u{0651}ة \u{0623}\u{064E}ب ب\u{064E}ب ر\u{064E}\u{0650}\u{0651} ",
                                preset: .clean) {
            $0.changes["unicode"] == 120 && $0.changes["tatweel"] == 30
        }
    }

    /// A long text of plain and replaced letters at every alignment: the expected text, and every
    /// replacement counted once.
    @Test func longRunsWithReplacementsAtEveryOffset() {
        Self.checkAtEveryOffset("كتب أحمد إلى سلمى ", becomes: "كتب احمد الي سلمي ", shifts: 0..<20, comparesReference: false) {
            $0.changes["alef"] == 60 && $0.changes["alef-maksura"] == 60
        }
    }

    /// More than four replacements (`search`: alef, alef maksura, teh marbuta, the hamza seats,
    /// the Persian keheh) in the block run at every alignment: the expected text, the same as the
    /// reference, and every replacement counted once, by its step. (Without elongation, which
    /// would collapse the repeated letters that shift the text.)
    @Test func longRunsWithEightReplacementsAtEveryOffset() {
        let search = Configuration(preset: .search, disabling: [.elongation])
        Self.checkAtEveryOffset("سئل مؤتمر أحمد إلى سلمى مدينة کتاب ", becomes: "سيل موتمر احمد الي سلمي مدينه كتاب ", configuration: search) {
            $0.changes["alef"] == 60 && $0.changes["alef-maksura"] == 60 && $0.changes["teh-marbuta"] == 30
                && $0.changes["hamza"] == 60 && $0.changes["persian"] == 30
        }
    }

    /// Deletions inside the block run: tanween before a space, tatweel before a mapped
    /// letter, and a quotation mark before an Arabic comma, at every alignment: the expected text,
    /// the same as the reference, and every deletion counted once.
    @Test func longRunsWithDeletionsAtEveryOffset() {
        Self.checkAtEveryOffset("كتبً علـى “سلمى”، ", becomes: "كتب علي “سلمي”، ") {
            $0.changes["diacritics"] == 30 && $0.changes["tatweel"] == 30 && $0.changes["alef-maksura"] == 60
        }
    }
    /// Quranic text inside the block run (`standard`): marks on a tatweel before a letter
    /// (`مِـِّعْ`, deleted with it), pause marks alone between two spaces (deleted, the second
    /// space collapsed), small high signs and open tanween on letters (deleted), at every alignment: the expected
    /// text, the same as the reference, and every deletion counted once.
    @Test func quranicMarksDeletedAtEveryOffset() {
        Self.checkAtEveryOffset("مِـِّعْ قَالَ ۖ وَۡ رَبُّ ۗ الْـٰكِتٰبِ ",
                                becomes: "مع قال و رب الكتب ") {
            $0.changes["diacritics"] == 540 && $0.changes["tatweel"] == 60 && $0.changes["whitespace"] == 61
        }
        // Open tanween (U+08F0–U+08F2, three bytes), alone on a letter and after a haraka.
        Self.checkAtEveryOffset("كِتَٰبࣱ سَمِيعٌ عَلِيمࣲ وࣰَ ", becomes: "كتب سميع عليم و ") {
            $0.changes["diacritics"] == 360 && $0.changes["whitespace"] == 1
        }
    }
    /// Quranic marks kept inside the block run (`clean`): open tanween (U+08F0–U+08F2, three
    /// bytes) alone on a letter before a space, a comma, a full stop and a letter; kept marks on
    /// a tatweel between a letter's marks and the next letter (`ٱلرَّحۡمَـٰنِ`: the tatweel goes, its
    /// marks move to the letter before it), out of canonical order across it (`بِـَب`: NFC sorts
    /// them, left to the scalar loop), and the near misses: marks on a tatweel before a separator
    /// (a split word, joined) and before a space; the signs de-obfuscation carries along that are
    /// no marks (small waw and yeh after a haraka, the end of a verse after a space, before its
    /// number). At every alignment: the same as the reference, every change counted once.
    @Test func quranicMarksKeptAtEveryOffset() {
        let unit = "ٱلرَّحۡمَـٰنِ عَلِيمࣲ، ذَـٰلِكَ بِـَب سَمِيعࣱ. هُدࣰى كَـَ.ـتَبَ مَـُ لَـٰ بِهِۦ ۝١ لَهُۥ يَـٰۤ ۝١٢ "
        let expected = "ٱلرَّحۡمَٰنِ عَلِيمࣲ، ذَٰلِكَ بَِب سَمِيعࣱ. هُدࣰى كََتَبَ مَُ لَٰ بِهِۦ ۝١ لَهُۥ يَٰۤ ۝١٢ "
        Self.checkAtEveryOffset(unit, becomes: expected, preset: .clean) {
            $0.changes["unicode"] == 30 && $0.changes["tatweel"] == 240 && $0.wordsDeobfuscated == 30
                && $0.changes["whitespace"] == 1
        }
    }
    /// The same pieces and their near misses (a pause mark before two spaces, after a line feed,
    /// at a line end, two pause marks, marks on a tatweel before a digit or a space, a tatweel
    /// and marks before a separator) in random texts, under every configuration: the fast run,
    /// the offsets path and the reference agree on output and counts.
    @Test(arguments: configurations)
    func quranicTextEqualsReference(_ configuration: Configuration) {
        let quranic = Self.runPieces + [
            "مِـِّعْ", "ـَّ", "ـٰ", "ـۡـ", " ۖ ", " ۗ  ", "\n ۚ ", " ۛ\n", " ۖۗ ", "ۖ ", " ۖ", "ـِ1", "ـَ ", "ـُ.ـ",
            "وَۡ", "ۡ", "ۜ", "ۢ", "ۭ", "۪", "ٱلۡ", "ۥ", "ۦ", "۝١", "ࣰ", "ࣱـ", "ـࣲ",
            "ࣰ ", "ࣱ،", "ࣲ.", "ࣱَ", "َـٰ", "ِـَ", "ّـَ", "َـُّ", "ـَـ", "َـَ.", "ۡـٰ",
            "ِۦ ", " ۝٢", "ۥـ", "ـۦ", ".ۥ", "ۥ.", "\nۥ", "ۦ\n", "ۥۥ", "ُۥٓ", " ۞ ", "ۥ", "۝",
        ]
        Self.check(configuration, Self.texts(seed: 0x5155_5241_4E49, count: 300, pieces: quranic, plainCount: 14))
    }
    /// Words split on purpose, joined inside the block run: tatweel and separators
    /// (`خـ.ـسائر`, `الثــ؟ورية`, two in `تعــ.رضـ.ت`) and, as a control, tatweel and a full stop
    /// before a space (not joined: the stop stays), at every alignment: the expected text, the same
    /// as the reference, and every join, separator and tatweel counted once.
    @Test func longRunsWithJoinedWordsAtEveryOffset() {
        Self.checkAtEveryOffset("خـ.ـسائر فـ..ـادحة الثــ؟ورية تعــ.رضـ.ت كلمةـ. ",
                                becomes: "خسائر فادحة الثورية تعرضت كلمة. ") {
            $0.wordsDeobfuscated == 150 && $0.changes["deobfuscate"] == 180 && $0.changes["tatweel"] == 300
        }
    }
    /// A split word's stretch of glue and separators is joined up to 32 characters, as the scalar
    /// loop's `scanObfuscation` looks (fuzz finding 6: with 64-byte blocks the run joined 47), at
    /// every alignment: the same as the reference.
    @Test func longStretchesAreNotJoinedAtEveryOffset() {
        let under = "خـ" + String(repeating: ";", count: 31) + "ب "
        Self.checkAtEveryOffset(under, becomes: "خب ") { $0.wordsDeobfuscated == 30 }
        let over = "خـ" + String(repeating: ";", count: 32) + "ب "
        Self.checkAtEveryOffset(over, becomes: "خ" + String(repeating: ";", count: 32) + "ب ") { $0.wordsDeobfuscated == 0 }
        // (Characters, not bytes: three-byte zero-width spaces among them.)
        let wideUnder = "خـ" + String(repeating: "\u{200B}", count: 9) + String(repeating: ";", count: 22) + "ب "
        Self.checkAtEveryOffset(wideUnder, becomes: "خب ") { $0.wordsDeobfuscated == 30 }
        let wideOver = "خـ" + String(repeating: "\u{200B}", count: 10) + String(repeating: ";", count: 22) + "ب "
        Self.checkAtEveryOffset(wideOver, becomes: "خ" + String(repeating: ";", count: 22) + "ب ") { $0.wordsDeobfuscated == 0 }
    }
    /// Zero-width characters inside words: alone between two letters (deleted by the
    /// invisible step) and as glue in split words (joined by de-obfuscation), at every alignment:
    /// the expected text, the same as the reference, every change counted once.
    @Test func longRunsWithZeroWidthCharactersAtEveryOffset() {
        Self.checkAtEveryOffset("ا\u{200B}ليوم بي\u{200C}انا مجموع\u{200D}ة حمـ\u{200C}-ـيميم الـ\u{200B}.ـأسد ",
                                becomes: "اليوم بيانا مجموعة حميميم الاسد ") {
            $0.changes["invisible"] == 90 && $0.wordsDeobfuscated == 60 && $0.changes["deobfuscate"] == 120
                && $0.changes["tatweel"] == 120 && $0.changes["alef"] == 30
        }
    }
    /// No-break spaces and word-final tatweel: a no-break space before a digit and
    /// between words (a space), after a space (both become one), and tatweel before a space and a
    /// line feed (deleted in the block run), at every alignment: the expected text, the same as
    /// the reference, every change counted once.
    @Test func longRunsWithNoBreakSpacesAtEveryOffset() {
        Self.checkAtEveryOffset("العام\u{A0}2015 قال\u{A0}أحمد لـ “سلمى” \u{A0}كلمـ\nو ",
                                becomes: "العام 2015 قال احمد ل “سلمي” كلم\nو ") {
            // (NFKC makes each no-break space a space; whitespace makes one of two spaces, and
            // deletes the last one.)
            $0.changes["unicode"] == 90 && $0.changes["whitespace"] == 31 && $0.changes["tatweel"] == 60
                && $0.changes["alef"] == 30 && $0.changes["alef-maksura"] == 30
        }
    }
    /// Runs of spaces inside the block run: two and five spaces between words, before
    /// an emoji and a quotation mark, and an indented line, at every alignment: each run collapsed
    /// to one space (none at the line start), the same as the reference, every space deleted
    /// counted once.
    @Test func longRunsWithRunsOfSpacesAtEveryOffset() {
        Self.checkAtEveryOffset("قال  أحمد     data  😀  “نص”\n    let x ",
                                becomes: "قال احمد data 😀 “نص”\nlet x ") {
            // (Per unit: 1 + 4 + 1 + 1 + 4 spaces; the text's last space too.)
            $0.changes["whitespace"] == 30 * 11 + 1 && $0.changes["alef"] == 30
        }
        // A deletion right before a run of spaces (tanween, tatweel).
        Self.checkAtEveryOffset("مٍ  د بـ  د ", becomes: "م د ب د ") {
            $0.changes["whitespace"] == 30 * 2 + 1 && $0.changes["diacritics"] == 30 && $0.changes["tatweel"] == 30
        }
    }
    /// Cyrillic among Arabic words, with a combining breve that composes with the
    /// letter before it, at every alignment: the run stops at Cyrillic and the scalar loop goes on.
    @Test func longRunsWithCyrillicAtEveryOffset() {
        Self.checkAtEveryOffset("أحمد Республике и\u{306}мя قال Юрий, ", becomes: "احمد Республике ймя قال Юрий, ") {
            $0.changes["alef"] == 30 && $0.changes["whitespace"] == 1
        }
    }

    /// Emoji among words, with a space before them and in a row, and a flag (two
    /// regional indicators), at every alignment: copied as they are, the same as the reference.
    @Test func longRunsWithEmojiAtEveryOffset() {
        Self.checkAtEveryOffset("أحمد 😂 قال 🔥🔥 و👍 🇸🇾 ", becomes: "احمد 😂 قال 🔥🔥 و👍 🇸🇾 ") {
            $0.changes["alef"] == 30 && $0.changes["whitespace"] == 1
        }
    }
}
