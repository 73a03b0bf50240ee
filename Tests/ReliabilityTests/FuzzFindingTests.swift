import Testing
import ArabicNormalizer

// One test per crash or mismatch the fuzz targets found (Fuzz/findings.md), named after what broke,
// with the minimal input.

private func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }

/// Finding 1 (differential target): `ReferenceNormalizer.normalize` stops as soon as a pass gives a
/// string that is `==` to its input, and Swift's `String ==` is canonical equivalence, so a pass that
/// only puts marks in canonical order (U+064F U+064E → U+064E U+064F) is thrown away and the
/// reference returned text that is not NFC. The fast path was right. Fixed in 7b45383.
@Test func referenceNormalizerKeepsCanonicalReordering() {
    let input = "\u{064F}\u{064E}"  // damma (ccc 31), fatha (ccc 30)
    let configuration = Configuration(preset: .clean)
    #expect(scalars(Normalizer(configuration).normalize(input)) == [0x064E, 0x064F])
    #expect(scalars(ReferenceNormalizer(configuration).normalize(input)) == [0x064E, 0x064F])
    #expect(scalars(ReferenceNormalizer(configuration).normalize("a\u{064F}\u{064E}")) == [0x61, 0x064E, 0x064F])
    // Same with only the unicode step, and with NFKC.
    for steps in [StepSet([.unicode]), StepSet([.unicode, .nfkc])] {
        let c = Configuration(preset: nil, steps: steps)
        #expect(scalars(ReferenceNormalizer(c).normalize(input)) == [0x064E, 0x064F], "\(steps)")
        #expect(Normalizer(c).normalize(utf8: Array(input.utf8)) == Array(ReferenceNormalizer(c).normalize(input).utf8))
    }
}

/// Finding 3 (readers target): JSONL blank lines (`\n`, `\r\n`, spaces) are copied to the output but
/// not counted in `bytesIn`/`bytesOut`, so the run report's byte totals are smaller than the file.
/// Minimal fuzz input: JSONL, text `"\r"` (bytesIn 0 for 1 byte). Through the CLI: a 30-byte file with
/// one record and three blank lines reports `bytesIn` 27.
@Test(.enabled(if: arnormBuilt)) func jsonlBlankLinesAreCountedInBytesIn() throws {
    let scratch = try Scratch("finding3")
    let text = "{\"a\":\"مَرْحَبًا\"}\n\n\n\n"
    try scratch.write("in.jsonl", text)
    let run = try Arnorm.run(["--format", "jsonl", "--report", "report.json", "in.jsonl"], in: scratch.url)
    #expect(run.status == 0, "\(run.stderr)")
    let report = String(decoding: try scratch.bytes("report.json"), as: UTF8.self)
    #expect(report.contains("\"bytesIn\" : \(text.utf8.count)"), "\(report)")
}

/// Finding 5 (differential target): a number separator followed by a tatweel the pass
/// deletes was judged "not between two digits" and kept; the reference's second pass then converted
/// it, so the fast path was not idempotent (`٢٥٠٬ـ٠٠` → `250٬00`, then `250,00`). Under punctuation
/// the first pass made it a space (`14.ـ5` → `14 5`). Both paths now look past the tatweel.
@Test func numberSeparatorPastTatweelIsConvertedInOnePass() {
    let fuzzed = Configuration(preset: .standard, steps: StepSet([.invisible, .whitespace, .tatweel, .diacritics, .alef, .digits]))
    let cases: [(Configuration, String, String)] = [
        (fuzzed, "قدرها ١٬/٢٥٠٬ـ٠٠ دينار", "قدرها 1٬/250,00 دينار"),
        (Configuration(preset: .standard), "٢٥٠٬ـ٠٠", "250,00"),
        (Configuration(preset: .search), "بلغ 14.ـ5", "بلغ 14.5"),
    ]
    for (configuration, input, expected) in cases {
        let once = Normalizer(configuration).normalize(input)
        #expect(once == expected, "\(input)")
        #expect(ReferenceNormalizer(configuration).normalize(input) == expected, "\(input)")
        #expect(Normalizer(configuration).normalize(once) == once, "\(input)")
    }
}

/// Finding 6 (differential target): with 64-byte blocks the block run could see a split
/// word's stretch of glue and separators longer than the 32 characters `scanObfuscation` looks at,
/// and joined it: `أـ` + 45 semicolons + ZWSP + `ح` lost its semicolons under `clean`. The run now
/// joins at most 32 characters. (The input is the fuzzer's, less its unrelated tail.)
@Test func stretchLongerThanDeobfuscationLooksIsNotJoined() {
    let input = "\u{0623}\u{0640}" + String(repeating: ";", count: 45) + "\u{200B}\u{062D} \u{0646}\u{0644}\u{0627}\u{062D} \u{0631}\u{0628}\u{0648}\u{0631}\u{0629}\n"
    let configuration = Configuration(preset: .clean)
    let fast = Normalizer(configuration).normalize(input)
    #expect(Array(fast.utf8) == Array(ReferenceNormalizer(configuration).normalize(input).utf8))
    #expect(fast.hasPrefix("\u{0623}" + String(repeating: ";", count: 45)))
}

/// Checks the fast path against the reference, byte for byte, and that its output is a fixed point.
private func expectAgreement(_ cases: [(Configuration, String)], sourceLocation: SourceLocation = #_sourceLocation) {
    for (configuration, input) in cases {
        let fast = Normalizer(configuration).normalize(input)
        let reference = ReferenceNormalizer(configuration).normalize(input)
        #expect(Array(fast.utf8) == Array(reference.utf8),
                "\(scalars(input).map { String($0, radix: 16) }): fast \(scalars(fast).map { String($0, radix: 16) }), reference \(scalars(reference).map { String($0, radix: 16) })",
                sourceLocation: sourceLocation)
        #expect(Array(Normalizer(configuration).normalize(fast).utf8) == Array(fast.utf8), "not idempotent", sourceLocation: sourceLocation)
    }
}

/// Finding 7 (a reviewer's random test): mark and zero-width sequences where the engine judged the
/// raw input and the reference the text as Unicode normalization and earlier deletions leave it.
/// - a join control before marks out of canonical order looks at the mark canonical ordering puts
///   first (U+064F, an Arabic mark: the ZWNJs are inside a word), not at U+0316;
/// - a deleted mark between a base and a mark that composes with it (`c` U+06D6 U+0301 → `ć`)
///   makes the engine run another pass, as the reference does;
/// - U+06E5/U+06E6 (small waw, small yeh: Lm, combining class 0) continue a de-obfuscation stretch
///   as the other Quranic signs do, so the fast run no longer takes them for the stretch's end.
@Test func markAndZeroWidthSequencesAgreeWithTheReference() {
    let keepShadda = Configuration(preset: .standard, options: NormalizationOptions(keepShadda: true))
    expectAgreement([
        (Configuration(preset: .clean), "\u{062E}\u{200C}\u{200C}\u{0316}\u{064F}"),
        (keepShadda, "abc\u{06D6}\u{0301}"),
        (Configuration(preset: .standard), "a\u{06D6}\u{0301}"),
        (Configuration(preset: .clean), "يـۦ.بتنلمسي"),
        (Configuration(preset: .clean, enabling: [.punctuation]), "\u{0622}.\u{06E6}\u{0640}\u{FDF2}"),
        // A digit's look-ahead passes over what the pass deletes (U+06E6 under diacritics), not
        // over ZWNJ under `persian` (it becomes a space).
        (keepShadda, "0\u{066B}\u{06E6}0"),
        (Configuration(preset: .search), "-\u{200C}\u{0661}"),
        (Configuration(preset: .search), "\u{0661}\u{066B}\u{200C}0"),
    ])
    #expect(Normalizer(Configuration(preset: .clean)).normalize("\u{062E}\u{200C}\u{200C}\u{0316}\u{064F}") == "\u{062E}\u{064F}\u{0316}")
    #expect(Normalizer(keepShadda).normalize("abc\u{06D6}\u{0301}") == "ab\u{0107}")
}

/// Finding 8 (differential target): a stretch or look-ahead cut at its limit (32 characters for a
/// split word's stretch, 8 for a join control's or a number separator's look-ahead) while the pass
/// deletes some of what it holds: the reference's next pass sees the shorter text and may judge it
/// otherwise. The engine now runs another pass whenever a limit, not the text, gave the answer.
@Test func stretchesCutAtTheirLimitAgreeWithTheReference() {
    let clean = Configuration(preset: .clean)
    expectAgreement([
        (clean, "\u{0646}\u{0640}\u{200C}" + String(repeating: "/", count: 64) + "\u{200B}.\u{200B}\u{0640}\u{0644}\u{0627}\u{062D}"),
        (clean, "\u{062D}/" + String(repeating: "\u{0640}", count: 9) + String(repeating: "\u{200D}", count: 24) + "\u{0646}"),
        (clean, "\u{062D}\u{200C}" + String(repeating: "\u{200B}", count: 8) + "\u{062D}"),
        (clean, "\u{0646}\u{200D}" + String(repeating: "\u{200B}", count: 8) + "\u{0651}"),
        (Configuration(preset: .standard), "\u{0646}." + String(repeating: "\u{06E6}", count: 27) + "\u{200C}\u{200C}\u{200C}\u{200B}\u{06E6}\u{062D}"),
        (Configuration(preset: .standard), "\u{0646}\u{200C}." + String(repeating: "\u{0651}", count: 14) + "\u{200B}" + String(repeating: "\u{06E6}", count: 16) + "\u{0646}"),
    ])
    // The fuzzer's stretch: 64 slashes between glue and a letter are not joined.
    #expect(Normalizer(clean).normalize("\u{0646}\u{0640}\u{200C}" + String(repeating: "/", count: 64) + "\u{200B}.\u{200B}\u{0640}\u{0644}\u{0627}\u{062D}")
            == "\u{0646}\u{200C}" + String(repeating: "/", count: 64) + ".\u{0644}\u{0627}\u{062D}")
}

/// Finding 9 (differential target): with the superscript-alef option, U+0670 is a diacritic
/// to de-obfuscation (the stretch goes on past it) but the pass writes it as alef, a letter; the
/// reference's next pass then sees `ن` ZWNJ `%` `ا` and joins the word, the engine's single pass
/// does not. Minimal input from the fuzzer's (standard, keep-shadda and superscript-alef options).
@Test func superscriptAlefWrittenAsALetterEndsAStretch() {
    let configuration = Configuration(preset: .standard, options: NormalizationOptions(keepShadda: true, superscriptAlefToAlef: true))
    let input = "\u{0646}\u{200C}%\u{0670}"
    #expect(Array(Normalizer(configuration).normalize(input).utf8) == Array(ReferenceNormalizer(configuration).normalize(input).utf8))
    #expect(Normalizer(configuration).normalize(input) == "\u{0646}\u{0627}")
}
