/// What a normalization changed, counted per step.
///
/// Counts are characters changed or removed by each step, except `deobfuscate`, which also
/// counts whole words joined (`wordsDeobfuscated`), and `unicode`, which counts segments ICU changed.
public struct NormalizationStats: Sendable, Hashable, Codable {
    /// Changes per step, keyed by step name (`diacritics`, `alef-maksura`, …); zero counts are omitted.
    public var changes: [String: Int] = [:]
    /// Words joined by `deobfuscate`.
    public var wordsDeobfuscated = 0
    /// Ill-formed UTF-8 sequences replaced with U+FFFD.
    public var invalidSequences = 0
    /// Byte offset (in the input given to `normalize`) of the first ill-formed sequence, if any.
    public var firstInvalidOffset: Int?
    /// Bytes read and written.
    public var bytesIn = 0
    public var bytesOut = 0

    public init() {}

    /// The number of changes a step made.
    public subscript(step: Step) -> Int { changes[step.rawValue] ?? 0 }

    /// Adds another run's counts (offsets are not shifted; the first one seen is kept).
    public mutating func add(_ other: NormalizationStats) {
        for (key, value) in other.changes { changes[key, default: 0] += value }
        wordsDeobfuscated += other.wordsDeobfuscated
        invalidSequences += other.invalidSequences
        if firstInvalidOffset == nil { firstInvalidOffset = other.firstInvalidOffset }
        bytesIn += other.bytesIn
        bytesOut += other.bytesOut
    }

    mutating func add(counters: UnsafeMutablePointer<Int>) {
        for step in Step.allCases where counters[step.index] > 0 {
            changes[step.rawValue, default: 0] += counters[step.index]
        }
        wordsDeobfuscated += counters[Counter.wordsDeobfuscated]
        invalidSequences += counters[Counter.invalidSequences]
    }
}
