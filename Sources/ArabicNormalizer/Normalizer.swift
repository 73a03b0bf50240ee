/// Normalizes Arabic text: the library's entry point.
///
/// A `Normalizer` is an immutable, `Sendable` value: build it once from a preset plus overrides and
/// use it from any number of threads. The per-configuration tables it needs are built on first use
/// and shared by every normalizer with the same steps and options.
///
/// ```swift
/// let normalizer = Normalizer(preset: .standard)
/// normalizer.normalize("خـ.ـسائر فـ.ـادحة")   // "خسائر فادحة"
/// ```
public struct Normalizer: Sendable {
    /// The resolved configuration.
    public let configuration: Configuration
    /// The implementation that runs it.
    public let engine: NormalizationEngine
    let table: ActionTable
    /// The span steps' rules, nil without a span step.
    let spanRules: SpanRules?

    /// A normalizer for a configuration, run by `engine` (the fast engine unless told otherwise).
    public init(_ configuration: Configuration, engine: NormalizationEngine = .fast) {
        self.configuration = configuration
        self.engine = engine
        self.table = ActionTable.table(for: configuration)
        self.spanRules = SpanRules.rules(for: configuration)
    }

    /// A normalizer for a preset with steps switched on and off (disabling wins).
    public init(preset: Preset = .standard, enabling: [Step] = [], disabling: [Step] = [],
                options: NormalizationOptions = .init(), engine: NormalizationEngine = .fast) {
        self.init(Configuration(preset: preset, enabling: enabling, disabling: disabling, options: options),
                  engine: engine)
    }

    /// Normalizes a string.
    public func normalize(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { utf8 in
            var output: [UInt8] = []
            var stats = NormalizationStats()
            normalize(utf8: UnsafeRawBufferPointer(utf8), appendingTo: &output, stats: &stats)
            return String(decoding: output, as: UTF8.self)
        }
    }

    /// Normalizes UTF-8 bytes (any bytes: ill-formed sequences become U+FFFD and are counted).
    public func normalize(utf8 bytes: some Sequence<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        var stats = NormalizationStats()
        let input = Array(bytes)
        input.withUnsafeBytes { normalize(utf8: $0, appendingTo: &output, stats: &stats) }
        return output
    }

    /// The bytes entry point for pipelines: normalizes `input` (UTF-8, possibly ill-formed) and
    /// appends the result to `output`, adding what changed to `stats`. No `String` is built.
    ///
    /// The end of `input` ends a line: pass whole lines (or whole texts).
    public func normalize(utf8 input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8],
                          stats: inout NormalizationStats) {
        var sink = NoOffsets()
        run(input, appendingTo: &output, stats: &stats, sink: &sink)
    }

    /// Normalizes `input` into memory the caller lends, for callers that keep their own buffers
    /// (the C ABI's `arnorm_normalize_into`, the Python module's per-call path): no array is built
    /// and nothing is copied when the output fits.
    ///
    /// Returns the output's length. When that is larger than `destination.count` the output did
    /// not fit: what `destination` holds is then unspecified, `stats` is unchanged, and a call
    /// with at least that much room succeeds. `Engine.initialCapacity(forInput:)`
    /// (`len + len / 4 + 16`, at least 64) is enough for almost every text.
    public func normalize(utf8 input: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer,
                          stats: inout NormalizationStats) -> Int {
        normalize(input, into: destination, stats: &stats, counting: true)
    }

    /// `normalize(utf8:into:stats:)` for callers that read no counts (the C ABI's
    /// `arnorm_normalize_into`): the engine's counters are not gathered.
    public func normalize(utf8 input: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer) -> Int {
        var stats = NormalizationStats()
        return normalize(input, into: destination, stats: &stats, counting: false)
    }

    private func normalize(_ input: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer,
                           stats: inout NormalizationStats, counting: Bool) -> Int {
        guard let base = input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count > 0 else {
            stats.bytesIn += input.count
            return 0
        }
        let before = counting ? stats : NormalizationStats()
        stats.bytesIn += input.count
        let count: Int
        if engine == .reference {
            var output: [UInt8] = []
            var sink = NoOffsets()
            runReference(base, input.count, appendingTo: &output, stats: &stats, sink: &sink)
            count = output.count
            if count <= destination.count, count > 0 {
                output.withUnsafeBytes { destination.baseAddress!.copyMemory(from: $0.baseAddress!, byteCount: count) }
            }
        } else {
            let lent = UnsafeMutableBufferPointer(start: destination.baseAddress?.assumingMemoryBound(to: UInt8.self),
                                                  count: destination.count)
            let engine = lastPass(base, input.count, destination: lent, stats: &stats, counting: counting,
                                  sink: NoOffsets())
            count = engine.outCount
            if !engine.writesInPlace, count <= destination.count, count > 0 {
                destination.baseAddress!.copyMemory(from: engine.out, byteCount: count)
            }
            stats.bytesOut += count
            engine.deallocate()
        }
        if counting && count > destination.count { stats = before }
        return count
    }

    /// Runs the engine, again on its own output while a pass reports a combining mark that a
    /// removal moved or leaves a span the span steps would change (at most a few times), so the
    /// result is always a fixed point.
    ///
    /// The first pass writes straight into `output`'s new capacity; its output is copied only when
    /// it outgrew that capacity or another pass was needed.
    func run<Sink: OffsetSink>(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8],
                               stats: inout NormalizationStats, sink: inout Sink) {
        stats.bytesIn += input.count
        guard let base = input.baseAddress?.assumingMemoryBound(to: UInt8.self), input.count > 0 else { return }
        if engine == .reference {
            runReference(base, input.count, appendingTo: &output, stats: &stats, sink: &sink)
            return
        }
        let capacity = Engine<Sink>.initialCapacity(forInput: input.count)
        var moved: Engine<Sink>?    // the final engine, when its output is not in `output`
        output.append(addingCapacity: capacity) { span in
            span.withUnsafeMutableBufferPointer { destination, initialized in
                let engine = lastPass(base, input.count, destination: destination, stats: &stats, sink: sink)
                if engine.writesInPlace {
                    initialized = engine.outCount
                    stats.bytesOut += engine.outCount
                    sink = engine.sink
                    engine.deallocate()
                } else {
                    moved = engine
                }
            }
        }
        if let engine = moved {
            output.append(contentsOf: UnsafeBufferPointer(start: engine.out, count: engine.outCount))
            stats.bytesOut += engine.outCount
            sink = engine.sink
            engine.deallocate()
        }
    }

    /// The engine's passes over `p[0..<n]`, the first one writing into `destination` while it
    /// fits: the engine of the last pass, holding the output (in `destination` when
    /// `writesInPlace`) and the offsets composed over every pass. The caller reads it, then calls
    /// `deallocate()`. Adds each pass's counters to `stats` when `counting`.
    private func lastPass<Sink: OffsetSink>(_ p: UnsafePointer<UInt8>, _ n: Int,
                                            destination: UnsafeMutableBufferPointer<UInt8>?,
                                            stats: inout NormalizationStats, counting: Bool = true,
                                            sink: Sink) -> Engine<Sink> {
        var engine = Engine(table: table, spanRules: spanRules, sink: sink, expectedInput: n,
                            destination: destination)
        engine.run(p, n)
        if spanRules != nil && (engine.firstInvalidOffset >= 0 || engine.spanHeldIllFormed) {
            engine = repairedPass(p, n, after: engine, destination: destination)
        }
        if counting { stats.add(counters: engine.counts) }
        if engine.firstInvalidOffset >= 0 && stats.firstInvalidOffset == nil {
            stats.firstInvalidOffset = engine.firstInvalidOffset
        }
        var passes = 1
        while passes < ContextRules.passLimit
                && (engine.needsAnotherPass || spanRules?.changeAgain(engine.out, engine.outCount) == true) {
            // Rare: run again on the output. Offsets compose through the previous pass's log.
            let previous = engine
            var nextSink = Sink()
            var next = Engine(table: table, spanRules: spanRules, sink: nextSink, expectedInput: previous.outCount)
            next.run(previous.out, previous.outCount)
            if counting { stats.add(counters: next.counts) }
            nextSink = next.sink
            next.sink = previous.sink.composed(with: nextSink)
            previous.deallocate()
            engine = next
            passes += 1
        }
        return engine
    }

    /// The pass again, on `p[0..<n]` with each ill-formed sequence replaced by U+FFFD, after a
    /// first pass (`first`, deallocated here) met one while a span step is on. The span
    /// recognizers read well-formed text, as the reference path gives them: their limits
    /// (`HTMLMarkup.tagLimit`, the look-behinds) count its bytes, and a U+FFFD takes three where
    /// the sequence it replaces took one or two. Offsets map each U+FFFD to its sequence; every
    /// ill-formed sequence of the input is counted, in a span or not.
    private func repairedPass<Sink: OffsetSink>(_ p: UnsafePointer<UInt8>, _ n: Int, after first: Engine<Sink>,
                                                destination: UnsafeMutableBufferPointer<UInt8>?) -> Engine<Sink> {
        first.deallocate()
        var repaired: [UInt8] = []
        repaired.reserveCapacity(n + n / 2)
        var repair = Sink()
        var invalid = 0, firstInvalidOffset = -1
        var i = 0
        while i < n {
            let (c, length) = p[i] < 0x80 ? (UInt32(p[i]), 1) : UTF8Decoding.decode(p, i, n)
            if Sink.isActive { repair.record(outStart: repaired.count, inStart: i, inEnd: i + length) }
            if c == UTF8Decoding.invalid {
                repaired.append(contentsOf: [0xEF, 0xBF, 0xBD])
                invalid += 1
                if firstInvalidOffset < 0 { firstInvalidOffset = i }
            } else {
                repaired.append(contentsOf: UnsafeBufferPointer(start: p + i, count: length))
            }
            i += length
        }
        var engine = Engine(table: table, spanRules: spanRules, sink: Sink(), expectedInput: repaired.count,
                            destination: destination)
        repaired.withUnsafeBufferPointer { engine.run($0.baseAddress!, $0.count) }
        engine.sink = repair.composed(with: engine.sink)
        engine.counts[Counter.invalidSequences] = invalid
        engine.firstInvalidOffset = firstInvalidOffset
        return engine
    }

    /// The reference engine: ill-formed sequences replaced with U+FFFD (and counted), then
    /// `ReferenceNormalizer`. It counts no step's changes and records no alignment: every output
    /// scalar maps to the whole input.
    private func runReference<Sink: OffsetSink>(_ p: UnsafePointer<UInt8>, _ n: Int, appendingTo output: inout [UInt8],
                                                stats: inout NormalizationStats, sink: inout Sink) {
        var i = 0
        while i < n {
            let (c, length) = p[i] < 0x80 ? (UInt32(p[i]), 1) : UTF8Decoding.decode(p, i, n)
            if c == UTF8Decoding.invalid {
                stats.invalidSequences += 1
                if stats.firstInvalidOffset == nil { stats.firstInvalidOffset = i }
            }
            i += length
        }
        let text = String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
        let normalized = ReferenceNormalizer(configuration).normalize(text)
        let start = output.count
        output.append(contentsOf: normalized.utf8)
        stats.bytesOut += output.count - start
        if Sink.isActive {
            var k = start
            for scalar in normalized.unicodeScalars {
                sink.record(outStart: k - start, inStart: 0, inEnd: n)
                k += UTF8.width(scalar)
            }
        }
    }
}

/// Which implementation a `Normalizer` runs. Both give the same bytes for the same configuration
/// (the differential tests and the `differential` fuzz target hold them to it).
public enum NormalizationEngine: String, CaseIterable, Sendable, Codable, Hashable {
    /// The single-pass byte engine: tables, SIMD runs, ICU only on the segments that need it. The
    /// default, and the one to use.
    case fast
    /// The slow reference (`ReferenceNormalizer`): ICU's whole-text normalizer and the step
    /// definitions applied scalar by scalar, pass after pass until the text stops changing. A way
    /// to cross-check a surprising output, many times slower. Its stats hold byte counts and
    /// ill-formed sequences but no step's changes; its offsets map every output scalar to the
    /// whole input.
    case reference
}
