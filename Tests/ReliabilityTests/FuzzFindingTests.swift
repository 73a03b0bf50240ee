import Testing
import ArabicNormalizer

// One test per crash or mismatch the fuzz targets found (Fuzz/findings.md), named after what broke,
// with the minimal input. A finding the owner has not fixed yet is wrapped in `withKnownIssue` so the
// suite stays green; the wrapper goes when the fix lands.

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
