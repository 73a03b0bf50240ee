// Numeral conversions on the news corpus, line by line through the `String` API (what
// `arnorm numerals` does). One iteration converts one 1 MiB piece of news (whole lines), so
// `throughput` (# per second) reads as MiB/s of input.
//
//   cd Benchmarks && swift package --scratch-path ../.build-bench benchmark --target Numerals
import ArabicNumerals
import Benchmark
import BenchSupport

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.throughput, .wallClock, .mallocCountTotal, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 1,
        scalingFactor: .one,
        maxDuration: .seconds(3),
        maxIterations: 200,
        // Thresholds/ keeps p90 throughput, or wall clock for the benchmarks slower than 2 MiB/s.
        // Only a halving (doubling) of the p90 fails on this noisy shared machine; allocations
        // are nearly exact.
        thresholds: [
            .throughput: .init(relative: [.p90: 65.0]),
            .wallClock: .init(relative: [.p90: 200.0]),
            .mallocCountTotal: .init(relative: [.p90: 10.0]),
        ])

    let news = CorpusChunks("news", count: 4)
    let count = news.lineChunks.count

    func bench(_ name: String, _ f: @escaping @Sendable (String) -> String) {
        Benchmark(name) { benchmark in
            for i in benchmark.scaledIterations {
                for line in news.lineChunks[(benchmark.currentIteration &+ i) % count] {
                    blackHole(f(line))
                }
            }
        }
    }
    let parser = NumberWordsParser()
    bench("words_to_digits_news") { parser.replacingNumberWords(in: $0) }
    let speller = NumberSpeller()
    bench("digits_to_words_news") { speller.replacingDigits(in: $0) }
    let toArabic = DigitConverter(target: .arabic)
    bench("digits_to_arabic-indic_news") { toArabic.convert($0) }
    bench("numerals_transform_(words_to_digits,_arabic-indic)_news",
          NumeralsTransform(wordsToDigits: NumberWordsOptions(), digits: .arabic).makeFunction())
}
