import Foundation
import Testing
import TestSupport
@testable import ArabicNormalizer
import CICU

/// The span steps (`html`, `web`, `emoji`), signed numbers and the `social` preset: vectors from
/// realistic posts (`Vectors/spans.tsv`), the engine against the reference path and itself
/// (idempotence, offsets) on random web text, counts, the data tables, linear time.
enum SpanTestData {
    /// A configuration from a vector's first column: `preset[+step][-step] [name=value …]`, the
    /// preset `none` for no step at all.
    static func configuration(_ spec: String) throws -> Configuration {
        let parts = spec.split(separator: " ").map(String.init)
        var head = parts[0]
        var changes: [(Bool, String)] = []
        while let k = head.lastIndex(where: { $0 == "+" || $0 == "-" }), k != head.startIndex,
              head[head.index(after: k)...].allSatisfy({ $0.isLetter }) {
            changes.insert((head[k] == "+", String(head[head.index(after: k)...])), at: 0)
            head = String(head[..<k])
        }
        var options = NormalizationOptions()
        for option in parts.dropFirst() {
            let pair = option.split(separator: "=", maxSplits: 1).map(String.init)
            let problem = options.set(pair[0], to: pair[1])
            try #require(problem == nil, "\(spec): \(problem ?? "")")
        }
        let preset: Preset? = head == "none" ? nil : Preset(rawValue: head)
        try #require(head == "none" || preset != nil, "unknown preset \(head)")
        var steps = preset?.steps ?? []
        for (on, name) in changes {
            let step = try #require(Step(name: name), "unknown step \(name)")
            if on { steps.insert(step) } else { steps.remove(step) }
        }
        return Configuration(preset: preset, steps: steps, options: options)
    }

    /// Random posts: whole tokens of what web posts hold (URLs, e-mails, mentions, hashtags,
    /// tags, references, emoji sequences, Arabic words with marks and tatweel, obfuscated words,
    /// signed numbers, placeholders) joined by spaces, line breaks and punctuation.
    static let tokens: [String] = [
        "https://example.com/مقال?a=1", "http://t.co/AbC12", "www.aljazeera.net/news/1", "bbc.com/arabic/x-1",
        "https://ar.wikipedia.org/wiki/القاهرة_(مدينة)", "https://example.com/%D8%A7%D9%84", "info@example.org",
        "a.b+c@mail.news.sa", "@ahmed", "@news_24", "#حلب_اليوم", "#COVID19", "#السعودية_2030", "#مُشكَّل",
        "<b>", "</b>", "<p>", "</p>", "<br/>", "<a href=\"https://x.com/a\">", "</a>", "<!-- تعليق -->",
        "<script>var x = \"<b>\";</script>", "<style>.a{color:red}</style>", "<div class=\"post\">",
        "&amp;", "&lt;", "&gt;", "&quot;", "&nbsp;", "&#1575;", "&#x644;", "&copy;", "&hellip;", "&unknown;",
        "😀", "👍🏽", "👨\u{200D}👩\u{200D}👧", "🇸🇦", "1\u{FE0F}\u{20E3}", "❤\u{FE0F}", "🎉🎉",
        "مرحبا", "أهلاً", "الإسلامُ", "خـ.ـسائر", "مرحباااا", "فـــلسطين", "كتاب", "قال", "example", "News",
        "-5", "(-3.5)", "\u{2212}5", "٣٫٥٪", "2019-2020", "1.2", "a < b", "<3", "[URL]", "[USER]", "x > y",
    ]
    static let separators = [" ", " ", " ", " ", "\n", "، ", ". ", ": ", "؟ ", " (", ") ", "\t", "  "]

    static func randomPost(_ rng: inout SplitMix64, length: Int) -> String {
        var s = ""
        for k in 0..<length {
            if k > 0 { s += separators[Int(rng.next() % UInt64(separators.count))] }
            s += tokens[Int(rng.next() % UInt64(tokens.count))]
        }
        return s
    }

    static let configurations: [Configuration] = [
        Configuration(preset: .social),
        Configuration(preset: .search, enabling: [.web]),
        Configuration(preset: .search, enabling: [.html, .web, .emoji]),
        Configuration(preset: nil, steps: StepSet([.html])),
        Configuration(preset: nil, steps: StepSet([.web, .emoji])),
        {
            var o = NormalizationOptions()
            o.urls = .remove; o.emails = .mask; o.mentions = .remove; o.hashtags = .mask; o.emoji = .space
            return Configuration(preset: .standard, enabling: [.html, .web, .emoji], options: o)
        }(),
        {
            var o = NormalizationOptions()
            o.emoji = .mask; o.maskFormat = "<{kind}>"
            return Configuration(preset: .social, enabling: [.emoji, .elongation, .punctuation], options: o)
        }(),
    ]
}

@Suite("span steps")
struct SpanStepTests {
    static let vectors = try! VectorFile("spans.tsv", columns: 4...4, minimumRows: 30).rows

    @Test("span vectors: engine, reference, offsets path, idempotence", arguments: vectors)
    func spanVector(_ row: VectorFile.Row) throws {
        let configuration = try SpanTestData.configuration(row[0])
        let fast = Normalizer(configuration)
        let out = fast.normalize(row[1])
        #expect(Array(out.utf8) == Array(row[2].utf8), "\(row)")
        #expect(Array(ReferenceNormalizer(configuration).normalize(row[1]).utf8) == Array(row[2].utf8), "reference: \(row)")
        #expect(Array(fast.normalizeWithOffsets(row[1]).text.utf8) == Array(row[2].utf8), "offsets path: \(row)")
        #expect(Array(fast.normalize(out).utf8) == Array(out.utf8), "idempotent: \(row)")
    }

    @Test("engine = reference, idempotent, offsets sound on random web text",
          arguments: SpanTestData.configurations)
    func randomWebText(_ configuration: Configuration) {
        let fast = Normalizer(configuration)
        let reference = ReferenceNormalizer(configuration)
        var rng = SplitMix64(seed: 22)
        for _ in 0..<400 {
            let text = SpanTestData.randomPost(&rng, length: Int(rng.next() % 16))
            let out = fast.normalize(text)
            #expect(Array(out.utf8) == Array(reference.normalize(text).utf8), "\(text.debugDescription)")
            #expect(Array(fast.normalize(out).utf8) == Array(out.utf8), "idempotent: \(text.debugDescription)")
            let r = fast.normalizeWithOffsets(text)
            #expect(Array(r.text.utf8) == Array(out.utf8), "offsets path: \(text.debugDescription)")
            #expect(r.utf8Ranges.count == r.text.unicodeScalars.count)
            var previous = 0..<0
            for range in r.utf8Ranges {
                #expect(range.lowerBound >= previous.lowerBound && range.upperBound >= previous.upperBound
                        && range.upperBound <= text.utf8.count, "\(text.debugDescription)")
                previous = range
            }
        }
    }

    @Test func placeholderMapsToTheWholeSpan() {
        let input = "اقرأ https://example.com/مقال الآن"
        let r = Normalizer(preset: .social).normalizeWithOffsets(input)
        #expect(r.text == "اقرا [URL] الان")
        let bytes = Array(input.utf8)
        let urlStart = bytes.firstIndex(of: UInt8(ascii: "h"))!
        let urlEnd = urlStart + "https://example.com/مقال".utf8.count
        for k in 5..<10 { #expect(r.utf8Ranges[k] == urlStart..<urlEnd, "\(k)") }
        // A kept URL maps scalar by scalar.
        let kept = Normalizer(preset: .search, enabling: [.web]).normalizeWithOffsets(input)
        #expect(kept.text == "اقرا https://example.com/مقال الان")
        #expect(kept.utf8Ranges[5] == urlStart..<(urlStart + 1))
        // Hashtag words and decoded references map to their whole span.
        let words = Normalizer(preset: .social).normalizeWithOffsets("#حلب_اليوم &amp;")
        #expect(words.text == "حلب اليوم &")
        #expect(words.utf8Ranges.first == 0..<"#حلب_اليوم".utf8.count)
        #expect(words.utf8Ranges.last == ("#حلب_اليوم ".utf8.count)..<("#حلب_اليوم &amp;".utf8.count))
    }

    /// Fuzz finding 10 (differential target): a hashtag right after `https://` became words and
    /// made a URL the next run masked. A `#` glued to URL syntax, or followed by a host, `/` or
    /// `@`, is no hashtag.
    @Test func hashtagWordsNeverMakeAURL() {
        let n = Normalizer(preset: .social)
        for text in ["a https://#example.com/a?b=1", "#example.com/a", "#tag@x.com", "x=#y", "صفحة/#وسم"] {
            let once = n.normalize(text)
            #expect(Array(n.normalize(once).utf8) == Array(once.utf8), "\(text) → \(once)")
            #expect(Array(once.utf8) == Array(ReferenceNormalizer(n.configuration).normalize(text).utf8), "\(text)")
        }
        #expect(n.normalize("#example.com/a") == "#[URL]")
        #expect(n.normalize("شاهد #حلب_اليوم.") == "شاهد حلب اليوم.")
    }

    /// Fuzz finding 11 (differential target): a pass can leave a span the span steps would change
    /// (`search` turns the unclosed quote of `<script type="x>` into a space, which leaves a tag);
    /// the reference's next pass removes it, so the engine runs another pass while its output holds
    /// a span that is not kept as it is.
    @Test func aPassThatLeavesASpanIsFollowedByAnother() {
        let n = Normalizer(Configuration(preset: .search, enabling: [.html, .web, .emoji]))
        let texts = ["<script type=\"texpt><style>.a{color:red}</style>مرحبا", "<b class=\"x>نص", "<i title=\"a>b</i>",
                     // what another step deletes between a span's parts
                     "انظر https://\u{200B}example.com/a", "مرحبا @\u{064E}user هنا", "A &<b></b>amp; B"]
        for normalizer in [n, Normalizer(preset: .social)] {
            for text in texts {
                let once = normalizer.normalize(text)
                let reference = ReferenceNormalizer(normalizer.configuration).normalize(text)
                #expect(Array(once.utf8) == Array(reference.utf8), "\(text)")
                #expect(Array(normalizer.normalize(once).utf8) == Array(once.utf8), "\(text) → \(once)")
                let offsets = normalizer.normalizeWithOffsets(text)
                #expect(offsets.text == once)
                #expect(offsets.utf8Ranges.allSatisfy { $0.upperBound <= text.utf8.count })
            }
        }
        #expect(n.normalize(texts[0]) == "مرحبا")
        #expect(Normalizer(preset: .social).normalize(texts[4]) == "مرحبا [USER] هنا")
        // A kept span (a URL under --enable web) asks for no pass: it is the same next time.
        #expect(n.normalize("انظر https://example.com/a?b=1") == "انظر https://example.com/a?b=1")
    }

    /// A one-letter proclitic (`و ف ب ل ك`) glued before `@` or `#`, as tweets write them, does
    /// not make the mention or hashtag part of a word; a longer word does.
    @Test func procliticBeforeAMentionOrHashtag() {
        let social = Normalizer(preset: .social)
        #expect(social.normalize("شكرا و@user جدا") == "شكرا و[USER] جدا")
        #expect(social.normalize("تابعوا و#حلب_اليوم") == "تابعوا وحلب اليوم")
        #expect(social.normalize("ل#وسم") == "لوسم")
        #expect(!social.normalize("كتاب@user").contains("[USER]"))
        #expect(!social.normalize("قرأت كو@user").contains("[USER]"))
        for text in ["شكرا و@user جدا", "تابعوا و#حلب_اليوم", "ف@a ب#b", "وَ@user", "كتاب@user", "x و@"] {
            let once = social.normalize(text)
            #expect(Array(once.utf8) == Array(ReferenceNormalizer(social.configuration).normalize(text).utf8), "\(text)")
            #expect(Array(social.normalize(once).utf8) == Array(once.utf8), "\(text) → \(once)")
        }
    }

    /// Fuzz finding 12 (differential target, idempotence): `%###…#D9` lost one `#` per pass under
    /// `social`, as `#D9` became its words and left the `#` before it a new hashtag. A `#` after
    /// another `#` (looking past what other steps delete) starts no hashtag.
    @Test func hashesBeforeAHashtagStayAsTheyAre() {
        let social = Normalizer(preset: .social)
        for text in ["%" + String(repeating: "#", count: 55) + "D9%8N6ic", "##وسم", "#\u{200B}#وسم", "### عاجل #وسم"] {
            let once = social.normalize(text)
            #expect(Array(once.utf8) == Array(ReferenceNormalizer(social.configuration).normalize(text).utf8), "\(text)")
            #expect(Array(social.normalize(once).utf8) == Array(once.utf8), "\(text) → \(once)")
        }
        #expect(social.normalize("##وسم") == "##وسم")
        #expect(social.normalize("### عاجل #وسم") == "### عاجل وسم")
    }

    /// Fuzz finding 13 (differential target): a tag holding ill-formed bytes, within
    /// `HTMLMarkup.tagLimit` bytes of input but past it once each sequence is a three-byte U+FFFD,
    /// was removed by the engine and kept by the reference. The span steps read the text with
    /// ill-formed sequences replaced, in both paths.
    @Test func illFormedBytesCountAsTheirReplacementInSpanLimits() {
        let normalizer = Normalizer(preset: .standard, enabling: [.html, .web, .emoji])
        let reference = ReferenceNormalizer(normalizer.configuration)
        let inside = [UInt8](repeating: 0xFF, count: 400)
        let cases: [[UInt8]] = [
            Array("<div class=\"".utf8) + inside + Array("\">نص </div>\n".utf8),
            Array("<b>".utf8) + [0xC3] + Array("نص</b> <!-- ".utf8) + inside + Array(" --> ق".utf8),
            [0xE2, 0x80] + Array(" https://x.com/".utf8) + [0xFF] + Array(" @user".utf8),
        ]
        for input in cases {
            let expected = Array(reference.normalize(String(decoding: input, as: UTF8.self)).utf8)
            var stats = NormalizationStats()
            var out: [UInt8] = []
            input.withUnsafeBytes { normalizer.normalize(utf8: $0, appendingTo: &out, stats: &stats) }
            #expect(out == expected, "\(input)")
            #expect(stats.invalidSequences == input.filter { $0 == 0xFF || $0 == 0xC3 }.count + (input.first == 0xE2 ? 1 : 0))
            let (withOffsets, ranges) = input.withUnsafeBytes { normalizer.normalizeWithOffsets(utf8: $0) }
            #expect(withOffsets == expected)
            #expect(ranges.allSatisfy { $0.upperBound <= input.count })
            #expect(zip(ranges, ranges.dropFirst()).allSatisfy { $0.lowerBound <= $1.lowerBound })
        }
    }

    @Test func countsPerKind() {
        var stats = NormalizationStats()
        var out: [UInt8] = []
        var o = NormalizationOptions()
        o.emoji = .remove
        let n = Normalizer(Configuration(preset: .social, enabling: [.emoji], options: o))
        let text = "<p>@a و@b https://x.com/y info@x.org #وسم &amp; &lt; 👍🏽</p><!-- c -->"
        Array(text.utf8).withUnsafeBytes { n.normalize(utf8: $0, appendingTo: &out, stats: &stats) }
        #expect(String(decoding: out, as: UTF8.self) == "[USER] و[USER] [URL] [EMAIL] وسم & <")
        #expect(stats.changes["mentions masked"] == 2)
        #expect(stats.changes["urls masked"] == 1)
        #expect(stats.changes["emails masked"] == 1)
        #expect(stats.changes["hashtags as words"] == 1)
        #expect(stats.changes["emoji removed"] == 1)
        #expect(stats.changes["entities decoded"] == 2)
        #expect(stats.changes["tags removed"] == 2)
        #expect(stats.changes["comments removed"] == 1)
        #expect(stats[.web] == 5)
        #expect(stats[.html] == 5)
        #expect(stats[.emoji] == 1)
        // Every counter name comes from the kinds, policies and markup events.
        #expect(Set(SpanCounters.names).count == SpanCounters.names.count)
        #expect(SpanCounters.names.contains("hashtags as words") && SpanCounters.names.contains("emoji to spaces"))
    }

    @Test func aPolicyGivenSwitchesItsStepOn() {
        var o = NormalizationOptions()
        o.urls = .mask
        o.emoji = .remove
        let both = Configuration(preset: .standard, options: o)
        #expect(both.steps.contains(.web) && both.steps.contains(.emoji))
        #expect(Normalizer(both).normalize("نص 👍🏽 https://x.com/a") == "نص [URL]")
        let disabled = Configuration(preset: .standard, disabling: [.web], options: o)
        #expect(!disabled.steps.contains(.web) && disabled.steps.contains(.emoji))
        var format = NormalizationOptions()
        format.maskFormat = "<{kind}>"
        #expect(Configuration(preset: .standard, options: format).steps == Preset.standard.steps)
    }

    @Test func optionsParseAndRoundTrip() throws {
        var o = NormalizationOptions()
        #expect(o.set("urls", to: "mask") == nil)
        #expect(o.set("hashtags", to: "words") == nil)
        #expect(o.set("mask-format", to: "[{kind}!]") == nil)
        #expect(o.set("urls", to: "words") != nil, "words is for hashtags only")
        #expect(o.set("emoji", to: "space") == nil)
        #expect(o.set("mask-format", to: "a\nb") != nil)
        #expect(o.set("colour", to: "red") != nil)
        let c = Configuration(preset: .standard, enabling: [.web, .emoji], options: o)
        let json = try JSONEncoder().encode(c)
        let back = try JSONDecoder().decode(Configuration.self, from: json)
        #expect(back == c)
        // The social preset's policies are the preset's: a saved configuration names none of them.
        let social = try JSONEncoder().encode(Configuration(preset: .social))
        #expect(!String(decoding: social, as: UTF8.self).contains("urls"))
        #expect(try JSONDecoder().decode(Configuration.self, from: social).options.urls == .mask)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(Configuration.self, from: Data(#"{"preset":"social","options":{"urls":"words"}}"#.utf8))
        }
        // Steps parse by name.
        #expect(Step(name: "html") == .html && Step(name: "web") == .web && Step(name: "emoji") == .emoji)
        #expect(Preset.social.steps == Preset.standard.steps.union(StepSet([.html, .web])))
    }

    @Test func entityTable() {
        let table = SpanTables.entities
        #expect(table.count >= 2000)
        #expect(table["amp"] == [0x26] && table["lt"] == [0x3C] && table["gt"] == [0x3E])
        #expect(table["nbsp"] == [0xA0] && table["quot"] == [0x22] && table["hellip"] == [0x2026])
        #expect(table["NotEqualTilde"] == [0x2242, 0x338])
        #expect(table.values.allSatisfy { (1...2).contains($0.count) && $0.allSatisfy { Unicode.Scalar($0) != nil } })
        #expect(table.keys.allSatisfy { $0.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) } })
    }

    @Test func topLevelDomainTable() {
        let tlds = SpanTables.topLevelDomains
        #expect(tlds.count >= 200)
        for tld in ["com", "org", "net", "sa", "eg", "ae", "ma", "news", "io"] { #expect(tlds.contains(tld), "\(tld)") }
        #expect(tlds.allSatisfy { $0.count >= 2 && $0.utf8.allSatisfy { (0x61...0x7A).contains($0) } })
    }

    @Test func emojiPropertiesComeFromICU() {
        #expect(EmojiSpans.has(0x1F600, Int32(CICU_EMOJI_PRESENTATION)))
        #expect(EmojiSpans.has(0x1F3FD, Int32(CICU_EMOJI_MODIFIER)))
        #expect(EmojiSpans.has(0x1F1F8, Int32(CICU_REGIONAL_INDICATOR)))
        #expect(!EmojiSpans.has(0x0627, Int32(CICU_EMOJI)))
        // A sequence is never broken: ZWJ and selectors survive every step that removes them elsewhere.
        let family = "👨\u{200D}👩\u{200D}👧"
        let n = Normalizer(preset: .search, enabling: [.emoji])
        #expect(Array(n.normalize("x \(family) ❤\u{FE0F} y").utf8) == Array("x \(family) ❤\u{FE0F} y".utf8))
    }

    /// Dense markup, references, dots, @ and # on one long line: every recognizer looks a bounded
    /// stretch back and never rescans, so this takes about as long as plain text of that size.
    @Test func denseTextStaysLinear() {
        let units = ["<a <b <!-- ", "&amp&lt;&#12", "a.b.c.d.", "@@x@", "#_#1#", "www.www.", "http:/", "<script>x",
                     "👍\u{200D}", "(((https://x.co/(((", "a@b@c.d@"]
        let n = Normalizer(Configuration(preset: .search, enabling: [.html, .web, .emoji]))
        for unit in units {
            let line = String(repeating: unit, count: 200_000 / unit.utf8.count)
            let start = ContinuousClock.now
            _ = n.normalize(line)
            let seconds = (ContinuousClock.now - start) / .seconds(1)
            #expect(seconds < 20, "\(unit.debugDescription): \(seconds) s for 200 kB")
        }
    }
}
