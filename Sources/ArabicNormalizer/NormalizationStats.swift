/// What a normalization changed, counted per step.
///
/// Counts are characters changed or removed by each step, except `deobfuscate`, which also
/// counts whole words joined (`wordsDeobfuscated`), `unicode`, which counts segments ICU changed,
/// and the span steps (`html`, `web`, `emoji`), which count spans changed, in total under the
/// step's name and per kind under names like `urls masked` and `entities decoded`.
public struct NormalizationStats: Sendable, Hashable, Codable {
    /// Changes per step, keyed by step name (`diacritics`, `alef-maksura`, …); zero counts are omitted.
    ///
    /// The engine's counts are kept in a fixed array (adding a call's counts hashes no string) and
    /// the dictionary is built when read; a write replaces the whole set.
    public var changes: [String: Int] {
        get {
            var all = named
            steps.forEachNonZero { index, count in all[StepCounts.names[index], default: 0] += count }
            return all
        }
        set {
            named = newValue
            steps = StepCounts()
        }
    }
    /// Words joined by `deobfuscate`.
    public var wordsDeobfuscated = 0
    /// Ill-formed UTF-8 sequences replaced with U+FFFD.
    public var invalidSequences = 0
    /// Byte offset (in the input given to `normalize`) of the first ill-formed sequence, if any.
    public var firstInvalidOffset: Int?
    /// Bytes read and written.
    public var bytesIn = 0
    public var bytesOut = 0

    /// Counts under names that are not the engine's own (set through `changes`).
    private var named: [String: Int] = [:]
    /// The engine's counts, by `Step.index`.
    private var steps = StepCounts()

    public init() {}

    /// The number of changes a step made.
    public subscript(step: Step) -> Int { steps[step.index] + (named[step.rawValue] ?? 0) }

    /// Adds another run's counts (offsets are not shifted; the first one seen is kept).
    public mutating func add(_ other: NormalizationStats) {
        for (key, value) in other.named { named[key, default: 0] += value }
        steps.add(other.steps)
        wordsDeobfuscated += other.wordsDeobfuscated
        invalidSequences += other.invalidSequences
        if firstInvalidOffset == nil { firstInvalidOffset = other.firstInvalidOffset }
        bytesIn += other.bytesIn
        bytesOut += other.bytesOut
    }

    mutating func add(counters: UnsafeMutablePointer<Int>) {
        steps.add(counters)
        wordsDeobfuscated += counters[Counter.wordsDeobfuscated]
        invalidSequences += counters[Counter.invalidSequences]
        // The span steps' counts per kind (`urls masked`, `entities decoded` …), by name.
        for k in 0..<SpanCounters.count where counters[Counter.spans + k] != 0 {
            named[SpanCounters.names[k], default: 0] += counters[Counter.spans + k]
        }
    }

    // Equality, hashing and coding go by `changes`, however the counts are split inside.

    public static func == (a: NormalizationStats, b: NormalizationStats) -> Bool {
        a.changes == b.changes && a.wordsDeobfuscated == b.wordsDeobfuscated
            && a.invalidSequences == b.invalidSequences && a.firstInvalidOffset == b.firstInvalidOffset
            && a.bytesIn == b.bytesIn && a.bytesOut == b.bytesOut
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(changes)
        hasher.combine(wordsDeobfuscated)
        hasher.combine(invalidSequences)
        hasher.combine(firstInvalidOffset)
        hasher.combine(bytesIn)
        hasher.combine(bytesOut)
    }

    private enum CodingKeys: String, CodingKey {
        case changes, wordsDeobfuscated, invalidSequences, firstInvalidOffset, bytesIn, bytesOut
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        named = try c.decode([String: Int].self, forKey: .changes)
        wordsDeobfuscated = try c.decode(Int.self, forKey: .wordsDeobfuscated)
        invalidSequences = try c.decode(Int.self, forKey: .invalidSequences)
        firstInvalidOffset = try c.decodeIfPresent(Int.self, forKey: .firstInvalidOffset)
        bytesIn = try c.decode(Int.self, forKey: .bytesIn)
        bytesOut = try c.decode(Int.self, forKey: .bytesOut)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(changes, forKey: .changes)
        try c.encode(wordsDeobfuscated, forKey: .wordsDeobfuscated)
        try c.encode(invalidSequences, forKey: .invalidSequences)
        try c.encodeIfPresent(firstInvalidOffset, forKey: .firstInvalidOffset)
        try c.encode(bytesIn, forKey: .bytesIn)
        try c.encode(bytesOut, forKey: .bytesOut)
    }
}

/// One counter per step, inline (no allocation), indexed by `Step.index`.
///
/// The storage has room for `capacity` steps (a fixed size, so that stats stay free of
/// allocation); `count` comes from `Step.allCases`, and a step list longer than the storage stops
/// the first use (`stepCountsHaveRoomForEveryStep` tests it).
struct StepCounts: Sendable {
    static let capacity = 24
    static let count: Int = {
        precondition(Step.count <= capacity, "StepCounts.capacity is smaller than the step list")
        return Step.count
    }()
    static let names: [String] = Step.allCases.map(\.rawValue)

    private var storage = InlineArray<24, Int>(repeating: 0)

    subscript(index: Int) -> Int { storage[index] }

    /// Adds the engine's counters (the first `count` of them are the steps').
    mutating func add(_ counters: UnsafeMutablePointer<Int>) {
        for k in 0..<StepCounts.count { storage[k] &+= counters[k] }
    }

    mutating func add(_ other: StepCounts) {
        for k in 0..<StepCounts.count { storage[k] &+= other.storage[k] }
    }

    func forEachNonZero(_ body: (Int, Int) -> Void) {
        for k in 0..<StepCounts.count where storage[k] != 0 { body(k, storage[k]) }
    }
}
