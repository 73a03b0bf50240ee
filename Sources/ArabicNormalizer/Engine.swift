import CBlockScan
import CICU

/// The engine's counters: one per step (at `Step.index`), then the others, numbered after the
/// last step so that adding a step moves them.
enum Counter {
    static let invalidSequences = Step.count
    static let wordsDeobfuscated = Step.count + 1
    /// The span steps' counters (`SpanCounters`), from here on.
    static let spans = Step.count + 2
    static let count = Step.count + 2 + SpanCounters.count
}

/// What the slow path does with a zero-width character that no joined de-obfuscation run claims
/// (`Engine.zeroWidthFate`).
enum ZeroWidthFate {
    case copy, deleteAsInvisible, deleteByAction, slowPath
}

/// De-obfuscation's verdicts: input up to `joinUntil` is a stretch being joined, up to
/// `noJoinUntil` one judged not to be (positions in the buffer being read).
struct ObfuscationVerdicts {
    var joinUntil = 0, noJoinUntil = 0
}

/// Block runs in a row that took little (dense changes): each makes the next wait longer
/// (16 << `poorRuns` bytes), until the input reaches `runFrom`.
struct BlockRunWait {
    var poorRuns = 0
    var runFrom = 0

    /// A call that takes fewer bytes than this is poor (the next waits), and one that takes at
    /// least `goodFrom` ends the waiting. Where the run keeps marks (`clean`), the scalar loop's
    /// way with a marked base is the slow path's segment check, so only a call that takes
    /// (almost) nothing waits, and only a whole block ends it; elsewhere the scalar loop is cheap
    /// and a call that takes less than half a block costs more than it saves. (Callgrind,
    /// instructions per byte, against 8 and 8 for both: Uthmani `clean` 157 → 117, diacritized
    /// `clean` 42.7 → 37.1, Uthmani `standard` 60.7 → 48.9 and `search` 74.2 → 57.9; news,
    /// mixed and obfuscated text within 0.7%.)
    static func poorBelow(keepsMarks: Bool) -> Int { keepsMarks ? 2 : 32 }
    static func goodFrom(keepsMarks: Bool) -> Int { keepsMarks ? 64 : 32 }
}

/// The pass and ICU's segments: how far the input is known to need no normalization
/// (`validatedUntil`), and, while the pass reads ICU's output for a segment (`active`), the input
/// segment it stands for (`start..<end`, where offsets point) and the input after it, where
/// look-ahead goes on (`outerInput` from `outerResume` to `outerCount`).
struct SegmentFrame {
    var validatedUntil = 0
    var active = false
    var start = 0, end = 0
    var outerInput: UnsafePointer<UInt8>?
    var outerResume = 0, outerCount = 0
}

/// The single pass: UTF-8 bytes in, UTF-8 bytes out, every enabled step applied.
///
/// - ASCII runs that no step touches are copied in bulk.
/// - Every other scalar is decoded once and looked up in the configuration's `ActionTable`:
///   copy, delete, map, or a context step (spaces, line breaks, de-obfuscation, punctuation,
///   number separators, join controls).
/// - ICU's normalizer is called only on segments a quick check flags: a character whose quick
///   check is not "yes", or a run of combining marks out of canonical order.
/// - A removal that brings a combining mark next to a different base (or marks out of order) sets
///   `needsAnotherPass`; `Normalizer` then runs the pass again, so every preset is idempotent.
struct Engine<Sink: OffsetSink> {
    // The table, the span rules and the buffers are held without reference counting: the
    // `Normalizer` that makes an engine holds the first two for the engine's whole life, and the
    // buffers' one reference is taken from the thread in `init` and given back in `deallocate`.
    // Counting them cost about 6% of a call on a news line (`arnorm_normalize_into`, perf).
    unowned(unsafe) let table: ActionTable
    /// The span steps' rules (the normalizer's), nil without a span step.
    unowned(unsafe) let spanRules: SpanRules?
    /// ICU's properties per code point, cached here (the global is lazily initialized).
    let properties: UnsafeMutablePointer<CharacterProperties>
    let replacements: UnsafeMutablePointer<ActionTable.Replacement>
    var sink: Sink

    // Output.
    var out: UnsafeMutablePointer<UInt8>
    var outCount = 0
    var outCapacity: Int
    /// The output is in the caller's `destination` (else in `buffers.bytes`).
    var writesInPlace: Bool

    // Counters.
    let counts: UnsafeMutablePointer<Int>
    unowned(unsafe) let buffers: EngineBuffers
    var firstInvalidOffset = -1
    /// A span step's span (copied, replaced or removed without being decoded) held an
    /// ill-formed sequence.
    var spanHeldIllFormed = false

    // Step switches, copied out of the table.
    let unicode, whitespace, deobfuscate, invisible, persian, elongation, punctuation, digits: Bool

    // Context state.
    var pendingSpace = false
    var pendingStart = 0, pendingEnd = 0
    var lineStart = true
    /// Class of the last emitted base character: 0 other, 1 Arabic word character, 2 digit.
    var lastClass: UInt8 = 0
    var lastLetter: UInt32 = 0
    var letterRepeat = 0
    var lastLetterOut = 0
    var lastOutCCC: UInt32 = 0
    var starterAltered = false
    /// A removal put a combining mark next to a base it did not follow in the input, or a context
    /// rule's limit gave an answer: the pass runs again on its output.
    var needsAnotherPass = false
    /// De-obfuscation's verdicts on the stretch being read.
    var verdicts = ObfuscationVerdicts()
    /// When the block run waits after poor runs.
    var runWait = BlockRunWait()
    /// Where the pass is with respect to ICU's segments.
    var segment = SegmentFrame()
    /// ICU's output for the segment being processed (reused).
    var scratch: [UInt8] = []

    /// The output capacity an engine starts with for `count` input bytes: enough for most texts
    /// (deletions shrink them; NFKC expansions past a quarter are rare and grow the buffer).
    static func initialCapacity(forInput count: Int) -> Int {
        max(64, count + count / 4 + 16)
    }

    /// An engine writing into `destination` (memory the caller lends, at least
    /// `initialCapacity(forInput:)` bytes) until its output outgrows it, or into the thread's own
    /// buffer when `destination` is nil. `writesInPlace` says where the output ended up.
    init(table: __shared ActionTable, spanRules: __shared SpanRules?, sink: Sink, expectedInput: Int,
         destination: UnsafeMutableBufferPointer<UInt8>? = nil) {
        self.table = table
        self.spanRules = spanRules
        self.replacements = table.replacements
        self.properties = PropertyTable.table
        self.sink = sink
        unowned(unsafe) let buffers = EngineBuffers.take().takeUnretainedValue()
        if let destination, let base = destination.baseAddress, destination.count >= 64 {
            out = base
            outCapacity = destination.count
            writesInPlace = true
        } else {
            let wanted = Engine.initialCapacity(forInput: expectedInput)
            if buffers.capacity < wanted {
                buffers.bytes?.deallocate()
                buffers.bytes = .allocate(capacity: wanted)
                buffers.capacity = wanted
            }
            out = buffers.bytes!
            outCapacity = buffers.capacity
            writesInPlace = false
        }
        self.buffers = buffers
        counts = buffers.counts
        counts.initialize(repeating: 0, count: Counter.count)
        unicode = table.unicode
        whitespace = table.whitespace
        deobfuscate = table.deobfuscate
        invisible = table.invisible
        persian = table.persian
        elongation = table.elongation
        punctuation = table.punctuation
        digits = table.digits
    }

    /// Gives the engine's memory back to the thread for the next call. Call once, after reading
    /// the output and the counters.
    func deallocate() {
        EngineBuffers.give(Unmanaged.passUnretained(buffers))
    }

    // MARK: - The pass

    /// Runs the pass over `p[0..<n]` (a whole text: the end of the input ends the last line).
    mutating func run(_ p: UnsafePointer<UInt8>, _ n: Int) {
        if let spanRules {
            runWithSpans(p, n, rules: spanRules)
        } else {
            process(p, n, normalized: false)
        }
        if pendingSpace { pendingSpace = false; counts[Step.whitespace.index] += 1 }
    }

    /// Runs the pass over `p[start..<n]` (`n` also ends every look-ahead).
    mutating func process(_ p: UnsafePointer<UInt8>, _ n: Int, normalized: Bool, from start: Int = 0) {
        let actions = normalized ? table.normalizedActions : table.actions
        let plain = table.plainASCII
        let pairs = table.plainPairs
        let checkSegments = unicode && !normalized
        var i = start
        while i < n {
            let b = p[i]
            if b < 0x80 ? plain[Int(b)]
                : (i &+ 1 < n && ActionTable.PairKind.isStarter(pairs[Int(b) << 8 | Int(p[i &+ 1])])
                   && !(checkSegments && !blockRunTakesMarks(i, n) && markedBase(p, i, n, actions))) {
                if Sink.isActive {
                    let j = plainRun(p, i, n, actions, checkSegments)
                    if j > i {
                        emitRun(p, i, j, actions)
                        i = j
                        continue
                    }
                } else {
                    let j = fastRun(p, i, n, actions, checkSegments)
                    if j > i {
                        i = j
                        continue
                    }
                }
            }
            let (c, len) = b < 0x80 ? (UInt32(b), 1) : UTF8Decoding.decode(p, i, n)
            if c == UTF8Decoding.invalid {
                emitInvalid(i, len)
                i &+= len
                continue
            }
            let a = c < UInt32(PropertyTable.tableSize) ? actions[Int(c)] : table.action(c, normalized: normalized)
            if checkSegments {
                let isICU = a & ActionTable.kindMask == ActionTable.Kind.icu.rawValue
                if isICU || (i >= segment.validatedUntil
                             && (a & ActionTable.noBoundaryBefore != 0 || continuesSegment(p, i &+ len, n, actions))) {
                    let (end, need) = scanSegment(p, i, len, a, n, actions)
                    segment.validatedUntil = end
                    if need != .nothing {
                        // De-obfuscation judges the raw run before ICU reshapes a piece of it.
                        if deobfuscate && lastClass == 1 && i >= verdicts.joinUntil && i >= verdicts.noJoinUntil {
                            judgeObfuscation(c, p, i, n)
                        }
                        normalizeSegment(p, i, end, n, need, actions)
                        i = end
                        continue
                    }
                }
            }
            handle(c, a, p, i, len, n)
            i &+= len
        }
    }

    @inline(__always)
    func props(_ c: UInt32) -> CharacterProperties {
        c < UInt32(PropertyTable.tableSize) ? properties[Int(c)] : CharacterProperties(c)
    }

    // MARK: - Dispatch

    @inline(__always)
    mutating func handle(_ c: UInt32, _ a: UInt32, _ p: UnsafePointer<UInt8>, _ i: Int, _ len: Int, _ n: Int) {
        switch a & ActionTable.kindMask {
        case ActionTable.Kind.copy.rawValue, ActionTable.Kind.icu.rawValue:
            emitCopy(c, a, p, i, len)
        case ActionTable.Kind.delete.rawValue:
            deleted(a)
        case ActionTable.Kind.map.rawValue:
            emitReplacement(a, i, i + len)
        case ActionTable.Kind.space.rawValue:
            space(isPlain: c == 0x20, i, len)
        case ActionTable.Kind.newline.rawValue:
            newline(p, i, len)
        default:
            contextual(c, a, p, i, len, n)
        }
    }
}
