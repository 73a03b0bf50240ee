import ArabicNormalizer
import ArabicNumerals
import ArabicTransliteration
import Dispatch
import Foundation
import Testing

/// One slot per thread: each thread writes only its own slots (distinct memory, no locking needed).
struct Slots<T>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<T>
    init(count: Int, initial: T) {
        buffer = .allocate(capacity: count)
        buffer.initialize(repeating: initial)
    }
    subscript(index: Int) -> T {
        get { buffer[index] }
        nonmutating set { buffer[index] = newValue }
    }
    func free() { _ = buffer.deinitialize(); buffer.deallocate() }
}

/// In-process concurrency, for the thread sanitizer (`swift test --sanitize=thread --filter
/// ReliabilityTests.ConcurrencyTests`): normalizers, transliterators and number parsers built and used
/// from many threads at once, first use of every lazily loaded table included, give the single-thread
/// results.
@Suite struct ConcurrencyTests {
    static let lines: [String] = {
        let dir = repositoryRoot.appendingPathComponent("Corpora/news")
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
        var lines = files.flatMap { file in
            ((try? String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8)) ?? "")
                .split(separator: "\n").map(String.init)
        }
        lines += ["خـ.ـسائر فـ.ـادحة", "مَرْحَبًا ١٢٣٫٥ ٪", "خمسمئة وثلاث وعشرون", "ﻻ ﷲ"]
        return lines
    }()

    /// Configurations that are each built for the first time on several threads at once (the
    /// per-configuration table cache), then used from all of them.
    @Test func normalizersBuiltAndUsedFromEightThreads() {
        let configurations: [Configuration] = (0..<12).map { k in
            Configuration(preset: Preset.allCases[k % 3],
                          enabling: [Step.allCases[(k * 5) % Step.allCases.count]],
                          disabling: [Step.allCases[(k * 7 + 3) % Step.allCases.count]],
                          options: NormalizationOptions(keepShadda: k % 2 == 0, superscriptAlefToAlef: k % 4 == 1))
        }
        let text = Self.lines.joined(separator: "\n")
        let results = Slots<[UInt8]>(count: 8 * configurations.count, initial: [])
        defer { results.free() }
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            for (k, configuration) in configurations.enumerated() {
                var out: [UInt8] = []
                var stats = NormalizationStats()
                Array(text.utf8).withUnsafeBytes { Normalizer(configuration).normalize(utf8: $0, appendingTo: &out, stats: &stats) }
                results[thread * configurations.count + k] = out
            }
        }
        for (k, configuration) in configurations.enumerated() {
            let single = Normalizer(configuration).normalize(utf8: Array(text.utf8))
            for thread in 0..<8 {
                #expect(results[thread * configurations.count + k] == single, "configuration \(k), thread \(thread)")
            }
        }
    }

    /// Every transliteration scheme and the numerals API, first used on eight threads at once.
    @Test func transliterationAndNumeralsFromEightThreads() {
        let sample = Array(Self.lines.prefix(12))
        let outputs = Slots<[String]>(count: 8, initial: [])
        defer { outputs.free() }
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            var out: [String] = []
            for scheme in TransliterationScheme.allCases {
                let t = scheme.makeTransliterator()
                for line in sample { out.append(t.transliterate(line)) }
            }
            let parser = NumberWordsParser()
            let speller = NumberSpeller(gender: thread % 2 == 0 ? .masculine : .feminine)
            for line in sample {
                out.append(parser.replacingNumberWords(in: line))
                out.append(NumberSpeller().replacingDigits(in: line))
                out.append(DigitConverter(target: .arabic).convert(line))
            }
            out.append(speller.spell(Int64(thread) * 1_000_003) ?? "")
            outputs[thread] = out
        }
        for thread in 1..<8 {
            #expect(Array(outputs[thread].dropLast()) == Array(outputs[0].dropLast()), "thread \(thread)")
        }
    }
}
