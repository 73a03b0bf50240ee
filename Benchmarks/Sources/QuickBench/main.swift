// The seconds-long throughput probe: MB/s of `Normalizer.normalize(utf8:appendingTo:stats:)` per
// preset on each corpus, next to the C table pass and memcpy, one core, medians of alternated runs.
//
//   Benchmarks/quick.sh [--runs 7] [--max-mb 32] [--corpora news,mixed] [--presets standard] [--lines]
import ArabicNormalizer
import BenchSupport
#if canImport(Glibc)
import Glibc
#endif

struct Options {
    var runs = 7
    var maxMB = 16.0
    // (The suites' four, and the Quranic text in Uthmani orthography, issue 20's fifth kind.)
    var corpora = ["news", "diacritized", "uthmani", "mixed", "obfuscated"]
    var presets: [Preset] = Preset.allCases
    var lines = false
    var warmup = 1
    var baselines = true
}

func parseOptions() -> Options {
    var o = Options()
    var args = CommandLine.arguments.dropFirst()
    func value() -> String {
        guard let v = args.popFirst() else { warn("missing value"); exit(2) }
        return v
    }
    while let a = args.popFirst() {
        switch a {
        case "--runs": o.runs = max(1, Int(value()) ?? 7)
        case "--max-mb": o.maxMB = Double(value()) ?? 16
        case "--corpora": o.corpora = value().split(separator: ",").map(String.init)
        case "--presets":
            o.presets = value().split(separator: ",").map {
                guard let p = Preset(rawValue: String($0)) else { warn("unknown preset \($0)"); exit(2) }
                return p
            }
        case "--lines": o.lines = true
        case "--warmup": o.warmup = max(0, Int(value()) ?? 1)
        case "--no-baselines": o.baselines = false
        case "-h", "--help":
            print("""
                usage: QuickBench [--runs N] [--warmup N] [--max-mb MB] [--presets clean,standard,search]
                                  [--corpora news,diacritized,uthmani,mixed,obfuscated,/path/file.txt] [--lines]
                                  [--no-baselines]
                  --max-mb        first MB of each corpus (cut at a line end); 0 for the whole file
                  --lines         also feed the standard preset one line per call (as the CLI does),
                                  reusing one output buffer
                  --no-baselines  skip the C pass and memcpy (e.g. under callgrind)
                  a corpus with a / in it is a file path
                inputs: $ARNORM_BENCH_DIR or /tmp/arnorm-bench (Benchmarks/make-corpora.py)
                """)
            exit(0)
        default: warn("unknown option \(a)"); exit(2)
        }
    }
    return o
}

/// One thing to time: runs once over the corpus, returns the bytes it wrote.
struct Variant {
    var name: String
    var run: () -> Int
}

let options = parseOptions()
print("QuickBench: medians of \(options.runs) alternated runs, one core, inputs from \(Corpora.directory)")
print("")
let header = "corpus       variant              MB/s   min..max MB/s     ×C pass   out/in"
print(header)
print(String(repeating: "-", count: header.count))

for name in options.corpora {
    let limit = options.maxMB > 0 ? Int(options.maxMB * 1_048_576) : Int.max
    let bytes: [UInt8]
    if name.contains("/") {
        guard let b = Corpora.readFile(name, maxBytes: limit) else { warn("cannot read \(name)"); exit(2) }
        bytes = b
    } else {
        bytes = Corpora.load(name, maxBytes: limit)
    }
    let label = name.contains("/") ? String(name.split(separator: "/").last!.split(separator: ".").first!) : name
    let n = bytes.count
    let input = UnsafeMutableRawBufferPointer.allocate(byteCount: n, alignment: 64)
    input.copyBytes(from: bytes)
    defer { input.deallocate() }
    let inputRO = UnsafeRawBufferPointer(input)
    let cOut = UnsafeMutableRawBufferPointer.allocate(byteCount: options.baselines ? 3 * n + 64 : 64, alignment: 64)
    defer { cOut.deallocate() }
    // Touch the C output once so page faults are not timed (the engine's own buffer is its cost).
    memset(cOut.baseAddress!, 0, cOut.count)

    var variants: [Variant] = options.baselines ? [
        Variant(name: "memcpy") { Baseline.copy(inputRO, into: cOut) },
        Variant(name: "C table pass") { Baseline.tablePass(inputRO, into: cOut) },
    ] : []
    // `search` is compared with the C pass that maps its letters too.
    let searchBaseline = options.baselines && options.presets.contains(.search) ? variants.count : nil
    if searchBaseline != nil {
        variants.append(Variant(name: "C pass, search") { Baseline.tablePassSearch(inputRO, into: cOut) })
    }
    var output: [UInt8] = []
    output.reserveCapacity(n + n / 4 + 64)
    for preset in options.presets {
        let normalizer = Normalizer(preset: preset)
        variants.append(Variant(name: preset.rawValue) {
            output.removeAll(keepingCapacity: true)
            var stats = NormalizationStats()
            normalizer.normalize(utf8: inputRO, appendingTo: &output, stats: &stats)
            return output.count
        })
    }
    if options.lines {
        let lines = Corpora.lines(bytes)
        let normalizer = Normalizer(preset: .standard)
        variants.append(Variant(name: "standard, per line") {
            output.removeAll(keepingCapacity: true)
            var stats = NormalizationStats()
            for r in lines {
                normalizer.normalize(utf8: UnsafeRawBufferPointer(rebasing: inputRO[r]), appendingTo: &output, stats: &stats)
            }
            return output.count
        })
    }

    var times = Array(repeating: [Double](), count: variants.count)
    var outBytes = Array(repeating: 0, count: variants.count)
    for round in 0..<(options.runs + options.warmup) {
        // Alternate: each round starts at a different variant so drift hits all of them alike.
        for k in 0..<variants.count {
            let v = (k + round) % variants.count
            let t0 = monotonicNanoseconds()
            outBytes[v] = variants[v].run()
            let t1 = monotonicNanoseconds()
            if round >= options.warmup { times[v].append(Double(t1 - t0) / 1e9) }
        }
    }
    let mb = Double(n) / 1_048_576
    let cMedian = options.baselines ? median(times[1]) : .nan
    for (v, variant) in variants.enumerated() {
        let med = median(times[v])
        let cBase = variant.name == Preset.search.rawValue || variant.name == "C pass, search"
            ? searchBaseline.map { median(times[$0]) } ?? cMedian : cMedian
        let best = mb / times[v].min()!, worst = mb / times[v].max()!
        let line = pad(label, 12) + " " + pad(variant.name, 18) + pad(fixed(mb / med), 8, right: true)
            + "   " + pad(fixed(worst), 6, right: true) + ".." + pad(fixed(best), 6)
            + "   " + pad(fixed(cBase / med, 2), 7, right: true)
            + "   " + pad(fixed(Double(outBytes[v]) / Double(n), 3), 6, right: true)
        print(line)
    }
    print("")
}
print("MB = 2^20 bytes of input. ×C pass > 1 means faster than the C table pass measured in the same run")
print("(for search, the C pass that also maps teh marbuta, the hamza seats and the Persian letters).")
