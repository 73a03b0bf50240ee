import CBlockScan
import CICU

/// The engine's counters: one per step (at `Step.index`), then the others, numbered after the
/// last step so that adding a step moves them.
enum Counter {
    static let invalidSequences = Step.count
    static let wordsDeobfuscated = Step.count + 1
    static let count = Step.count + 2
}

/// What the slow path does with a zero-width character that no joined de-obfuscation run claims
/// (`Engine.zeroWidthFate`).
enum ZeroWidthFate {
    case copy, deleteAsInvisible, deleteByAction, slowPath
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
    let table: ActionTable
    /// ICU's properties per code point, cached here (the global is lazily initialized).
    private let properties: UnsafeMutablePointer<CharacterProperties>
    let replacements: UnsafeMutablePointer<ActionTable.Replacement>
    var sink: Sink

    // Output.
    private(set) var out: UnsafeMutablePointer<UInt8>
    private(set) var outCount = 0
    private var outCapacity: Int
    /// The output is in the caller's `destination` (else in `buffers.bytes`).
    private(set) var writesInPlace: Bool

    // Counters.
    let counts: UnsafeMutablePointer<Int>
    private let buffers: EngineBuffers
    private(set) var firstInvalidOffset = -1

    // Step switches, copied out of the table.
    private let unicode, whitespace, deobfuscate, invisible, persian, elongation, punctuation, digits: Bool

    // Context state.
    private var pendingSpace = false
    private var pendingStart = 0, pendingEnd = 0
    private var lineStart = true
    /// Class of the last emitted base character: 0 other, 1 Arabic word character, 2 digit.
    private var lastClass: UInt8 = 0
    private var lastLetter: UInt32 = 0
    private var letterRepeat = 0
    private var lastLetterOut = 0
    private var lastOutCCC: UInt32 = 0
    private var starterAltered = false
    /// A removal put a combining mark next to a base it did not follow in the input.
    private(set) var needsAnotherPass = false
    private var validatedUntil = 0
    private var joinUntil = 0, noJoinUntil = 0
    /// Block runs in a row that took little (dense changes): each makes the next wait longer, until
    /// the input reaches `runFrom`.
    private var poorRuns = 0
    private var runFrom = 0
    // While processing ICU's output for a segment, offsets point at the whole input segment.
    private var overrideActive = false
    private var overrideStart = 0, overrideEnd = 0
    private var scratch: [UInt8] = []

    /// The output capacity an engine starts with for `count` input bytes: enough for most texts
    /// (deletions shrink them; NFKC expansions past a quarter are rare and grow the buffer).
    static func initialCapacity(forInput count: Int) -> Int {
        max(64, count + count / 4 + 16)
    }

    /// An engine writing into `destination` (memory the caller lends, at least
    /// `initialCapacity(forInput:)` bytes) until its output outgrows it, or into the thread's own
    /// buffer when `destination` is nil. `writesInPlace` says where the output ended up.
    init(table: ActionTable, sink: Sink, expectedInput: Int,
         destination: UnsafeMutableBufferPointer<UInt8>? = nil) {
        self.table = table
        self.replacements = table.replacements
        self.properties = CharacterDatabase.table
        self.sink = sink
        let buffers = EngineBuffers.take()
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
        EngineBuffers.give(buffers)
    }

    // MARK: - The pass

    /// Runs the pass over `p[0..<n]` (a whole text: the end of the input ends the last line).
    mutating func run(_ p: UnsafePointer<UInt8>, _ n: Int) {
        process(p, n, normalized: false)
        if pendingSpace { pendingSpace = false; counts[Step.whitespace.index] += 1 }
    }

    private mutating func process(_ p: UnsafePointer<UInt8>, _ n: Int, normalized: Bool) {
        let actions = normalized ? table.normalizedActions : table.actions
        let plain = table.plainASCII
        let pairs = table.plainPairs
        let checkSegments = unicode && !normalized
        var i = 0
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
            let a = c < UInt32(CharacterDatabase.tableSize) ? actions[Int(c)] : table.action(c, normalized: normalized)
            if checkSegments {
                let isICU = a & ActionTable.kindMask == ActionTable.Kind.icu.rawValue
                if isICU || (i >= validatedUntil
                             && (a & ActionTable.noBoundaryBefore != 0 || continuesSegment(p, i &+ len, n, actions))) {
                    let (end, needsICU) = scanSegment(p, i, len, a, n, actions)
                    validatedUntil = end
                    if needsICU {
                        // De-obfuscation judges the raw run before ICU reshapes a piece of it.
                        if deobfuscate && lastClass == 1 && i >= joinUntil && i >= noJoinUntil {
                            judgeObfuscation(c, p, i, n)
                        }
                        normalizeSegment(p, i, end, n)
                        i = end
                        continue
                    }
                }
            }
            handle(c, a, p, i, len, n)
            i &+= len
        }
    }

    /// Whether the fast run starting at `i` begins with a block run that copies kept marks in
    /// canonical order (`ActionTable.runKeepsMarks`; not while block runs wait after poor ones, nor
    /// on the last bytes of the text, too few for a block): then a base with kept marks goes to it.
    @inline(__always)
    private func blockRunTakesMarks(_ i: Int, _ n: Int) -> Bool {
        !Sink.isActive && table.runKeepsMarks && (poorRuns == 0 || i >= runFrom)
            && n &- i >= ActionTable.blockRunWidth &+ 2
    }

    /// A two-byte character at `i` followed by a combining mark that the fast run leaves to the slow
    /// path (a kept one: diacritized text under `clean`). The run would write the character, then
    /// give it back with its marks (the roll-back in `fastRun` and `plainRun`): the caller goes to
    /// the slow path at once. (Diacritized `clean`: 385 → 269 instructions per byte.)
    @inline(__always)
    private mutating func markedBase(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int,
                                     _ actions: UnsafeMutablePointer<UInt32>) -> Bool {
        guard i &+ 3 < n else { return false }
        let lead = p[i &+ 2]
        return lead >= 0xC2 && lead < 0xE0
            && table.plainPairs[Int(lead) << 8 | Int(p[i &+ 3])] == ActionTable.PairKind.stop
            && continuesSegment(p, i &+ 2, n, actions)
    }

    /// (Recording offsets.) The end of the run of characters from `i` that no step touches: ASCII
    /// and two-byte characters the table marks plain, single spaces between them. A repeated Arabic letter
    /// (elongation) and a character followed by a combining mark end the run before them.
    @inline(__always)
    private mutating func plainRun(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int,
                                   _ actions: UnsafeMutablePointer<UInt32>, _ checkSegments: Bool) -> Int {
        let plain = table.plainASCII
        let pairs = table.plainPairs
        let watchRepeats = elongation
        let inlineSpaces = whitespace
        var j = i
        var last = i          // start of the last character in the run
        // The last two-byte letter, for elongation (it may have been emitted just before the run).
        var previousPair = letterRepeat > 0 && lastLetter >= 0x80 && lastLetter < 0x800
            ? Int(0xC0 | lastLetter >> 6) << 8 | Int(0x80 | lastLetter & 0x3F) : -1
        while j < n {
            let b = p[j]
            if b < 0x80 {
                if plain[Int(b)] {
                    last = j; j &+= 1; previousPair = -1
                    continue
                }
                // One space between two plain characters stays as it is.
                if b == 0x20 && inlineSpaces && j > i && j &+ 1 < n {
                    let nb = p[j &+ 1]
                    let nextPlain = nb < 0x80 ? plain[Int(nb)]
                        : (j &+ 2 < n && ActionTable.PairKind.isPlain(pairs[Int(nb) << 8 | Int(p[j &+ 2])]))
                    if nextPlain { last = j; j &+= 1; previousPair = -1; continue }
                }
                break
            }
            guard j &+ 1 < n else { break }
            var pair = Int(b) << 8 | Int(p[j &+ 1])
            var kind = pairs[pair]
            if !ActionTable.PairKind.isPlain(kind) || (watchRepeats && kind == ActionTable.PairKind.plainLetter && pair == previousPair) { break }
            // Tight loop over consecutive plain two-byte characters (most Arabic text).
            repeat {
                previousPair = pair
                last = j
                j &+= 2
                guard j &+ 1 < n, p[j] >= 0xC2 else { break }
                pair = Int(p[j]) << 8 | Int(p[j &+ 1])
                kind = pairs[pair]
            } while ActionTable.PairKind.isPlain(kind) && !(watchRepeats && kind == ActionTable.PairKind.plainLetter && pair == previousPair)
        }
        // A combining mark after the run belongs to the run's last character: leave that one out.
        if checkSegments && j < n && p[j] >= 0x80 && j > i && continuesSegment(p, j, n, actions) { j = last }
        return j
    }

    /// (Not recording offsets.) Writes the run of characters from `i` that need no context beyond
    /// the run itself and returns where it ends (`i`: nothing written). One loop over the bytes:
    /// - plain ASCII, two- and three-byte characters are copied; a single space before a
    ///   character the run writes, and a line feed, too;
    /// - two-byte characters with a context-free mapping (alef variants, alef maksura, Persian
    ///   letters, digits, …) are replaced;
    /// - combining marks that are deleted (diacritics) vanish with their base kept, when every
    ///   mark on that base is deleted (otherwise the base and its marks go to the slow path,
    ///   which reorders and normalizes them);
    /// - what de-obfuscation looks at (separators, tatweel, zero-width characters) is judged here
    ///   as the slow path judges it (`scanObfuscation`), and a judged run is joined (deleted) or
    ///   kept (separators copied, tatweel deleted) when every character in it is one the run
    ///   knows.
    /// A repeated Arabic letter (elongation) ends the run before it. The context state is then set
    /// from the last character written, as the slow path would have left it.
    @inline(__always)
    private mutating func fastRun(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int,
                                  _ actions: UnsafeMutablePointer<UInt32>, _ checkSegments: Bool) -> Int {
        typealias Kind = ActionTable.PairKind
        let plain = table.plainASCII
        let separatorASCII = table.separatorASCII
        let pairs = table.plainPairs
        let triples = table.plainTriples
        let watchRepeats = elongation
        let inlineSpaces = whitespace
        // Output never outgrows the input consumed, plus the pending space written first.
        reserve(n &- i &+ 1)
        let o0 = outCount
        let out = self.out
        if pendingSpace { out[o0] = 0x20 }
        var o = pendingSpace ? o0 &+ 1 : o0
        var j = i
        var last = i          // start of the last base character in the run
        var lastOut = o       // where it was written
        var alteredEnd = -1   // where the last deletion of a starter (tatweel, joined run) ended
        var previousPair = letterRepeat > 0 && lastLetter >= 0x80 && lastLetter < 0x800
            ? Int(0xC0 | lastLetter >> 6) << 8 | Int(0x80 | lastLetter & 0x3F) : -1

        /// The fast-run kind of the character at `k` and its length (`stop` for ill-formed bytes).
        @inline(__always) func kind(at k: Int) -> (UInt8, Int) {
            let b = p[k]
            if b < 0x80 {
                return (plain[Int(b)] ? Kind.plain : (separatorASCII[Int(b)] ? Kind.separator : Kind.stop), 1)
            }
            if b < 0xE0 {
                return k &+ 1 < n ? (pairs[Int(b) << 8 | Int(p[k &+ 1])], 2) : (Kind.stop, 1)
            }
            if b < 0xF0 {
                guard k &+ 2 < n, p[k &+ 1] & 0xC0 == 0x80, p[k &+ 2] & 0xC0 == 0x80 else { return (Kind.stop, 1) }
                return (triples[Int(b & 0x0F) << 12 | Int(p[k &+ 1] & 0x3F) << 6 | Int(p[k &+ 2] & 0x3F)], 3)
            }
            return (plainFourByte(p, k, n) ? Kind.plain : Kind.stop, 4)
        }
        // (Copying one character is written out where it happens: as a local function updating
        // `o`, `last` and `lastOut` it makes the compiler keep them in memory, +15% instructions on
        // every corpus, callgrind.)
        /// A separator followed by a space, a line feed, a character the run writes or the end:
        /// it cannot be splitting a word (`scanObfuscation` would find no join), so it is not judged.
        @inline(__always) func freeStanding(_ k: Int) -> Bool {
            k >= n || p[k] == 0x20 || p[k] == 0x0A || Kind.isStarter(kind(at: k).0)
        }
        /// Does the character at `k` make the run write it (so a space before it stays)?
        @inline(__always) func writesNext(_ k: Int) -> Bool {
            guard k < n else { return false }
            let (next, _) = kind(at: k)
            return Kind.isStarter(next) || next == Kind.separator
        }
        /// After a deletion the next character must not be a mark (the slow path would see it on a
        /// changed starter) nor a non-ASCII character the run leaves to the slow path.
        @inline(__always) func resumesAfterDeletion(_ k: Int) -> Bool {
            guard k < n && p[k] >= 0x80 else { return true }   // ASCII is never a mark
            let (next, _) = kind(at: k)
            return next != Kind.stop && next != Kind.deletedMark
        }

        // SIMD first, from any character: the block run (`arn_block_run`, 64 or 16 bytes at a
        // time) writes plain and replaced characters, separators that split no word, single
        // spaces, quotation marks.
        // Under elongation, which compares each letter with the one written before it, the
        // block scan (`arn_copy_clean_prefix`, 16 bytes, plain characters only) runs from plain
        // ASCII instead. After a block with little taken (dense changes, diacritized text), the
        // scalar loop goes on alone for a while.
        let blocks = table.blockRanges
        let useRun = table.blockRun
        let runMinimum = ActionTable.blockRunWidth &+ 2
        let useBlocks = table.blockScan || useRun
        var blocksFrom = poorRuns == 0 ? i : runFrom
        scan: while j < n {
            if useRun && j >= blocksFrom && j &+ runMinimum <= n {
                let flags = (o > o0 && out[o &- 1] != 0x20 && out[o &- 1] != 0x0A ? ARN_RUN_SPACE_FIRST : 0)
                    | (j >= joinUntil && j >= noJoinUntil ? ARN_RUN_SEPARATORS : 0)
                var done = arn_run_counts()
                let clean = arn_block_run(p + j, n &- j, out + o, table.runTables, flags, &done)
                if clean > 0 {
                    let runActions = table.runActions
                    let (r0, r1, r2, r3) = done.replaced
                    if r0 | r1 | r2 | r3 != 0 {
                        credit(runActions[0], Int(r0)); credit(runActions[1], Int(r1))
                        credit(runActions[2], Int(r2)); credit(runActions[3], Int(r3))
                    }
                    let written = Int(done.written)
                    if done.joinedWords | done.zeroWidths != 0 {
                        // Words joined (de-obfuscation): their separators and zero-width
                        // characters are the step's changes. Zero-width characters between two
                        // letters are the invisible step's.
                        counts[Step.deobfuscate.index] &+= Int(done.deobfuscated)
                        counts[Counter.wordsDeobfuscated] &+= Int(done.joinedWords)
                        counts[Step.invisible.index] &+= Int(done.zeroWidths)
                    }
                    // Kept marks swapped into canonical order (NFC): one change per base.
                    counts[Step.unicode.index] &+= Int(done.reordered)
                    if written != clean {
                        counts[Step.whitespace.index] &+= Int(done.collapsedSpaces)
                        // Deletions (marks, tatweel), by group.
                        withUnsafeBytes(of: done.deleted) { groups in
                            for g in 0..<Int(ARN_RUN_MAX_DELETIONS) {
                                let times = Int(groups.load(fromByteOffset: g * 4, as: UInt32.self))
                                if times != 0 { credit(runActions[Int(ARN_RUN_MAX_MAPS) + g], times) }
                            }
                        }
                    }
                    j &+= clean; o &+= written
                    // The last character: one, two or three bytes (U+2000–U+203F).
                    var start = j &- 1
                    while p[start] & 0xC0 == 0x80 { start &-= 1 }
                    last = start; lastOut = o &- (j &- start)
                    previousPair = j &- start == 2 ? Int(out[o &- 2]) << 8 | Int(out[o &- 1]) : -1
                }
                // Little taken (dense changes: diacritized text): the scalar loop goes on alone,
                // longer after each such call in a row.
                if clean < 8 {
                    blocksFrom = j &+ (16 &<< poorRuns)
                    runFrom = blocksFrom
                    poorRuns = min(poorRuns &+ 1, 6)
                } else {
                    poorRuns = 0
                }
            } else if !useRun && useBlocks && j >= blocksFrom && j &+ 17 <= n && j >= 2 && p[j] < 0x80 && plain[Int(p[j])] {
                let clean = Int(arn_copy_clean_prefix(p + j, out + o, blocks))
                if clean > 0 {
                    j &+= clean; o &+= clean
                    if p[j &- 1] < 0x80 {
                        last = j &- 1; lastOut = o &- 1; previousPair = -1
                    } else {
                        last = j &- 2; lastOut = o &- 2; previousPair = Int(p[j &- 2]) << 8 | Int(p[j &- 1])
                    }
                    if clean >= 15 { continue }
                }
                if clean < 8 { blocksFrom = j &+ 16 }
            }
            let b = p[j]
            var k: UInt8
            var length: Int
            if b < 0x80 {
                if plain[Int(b)] {
                    // Plain ASCII, byte by byte (the common case: words of Latin text, digits). A
                    // single space before another plain ASCII character stays in the loop (and
                    // the next word goes back to the block scan).
                    var c = b
                    while true {
                        out[o] = c
                        o &+= 1; j &+= 1
                        guard j < n else { break }
                        c = p[j]
                        if c < 0x80 && plain[Int(c)] { continue }
                        guard c == 0x20 && inlineSpaces && j &+ 1 < n else { break }
                        let d = p[j &+ 1]
                        guard d < 0x80 && plain[Int(d)] else { break }
                        out[o] = 0x20
                        o &+= 1; j &+= 1
                        if useBlocks && j >= blocksFrom { break }
                        c = d
                    }
                    last = j &- 1; lastOut = o &- 1; previousPair = -1
                    continue
                }
                // One space (not at a line start) before a character the run writes stays as it is.
                if b == 0x20 && inlineSpaces && out[o &- 1] != 0x0A && writesNext(j &+ 1) {
                    out[o] = 0x20
                    last = j; lastOut = o; o &+= 1; j &+= 1; previousPair = -1
                    continue
                }
                // A line feed: copied; the next line starts (a space after it goes to the slow path).
                if b == 0x0A {
                    out[o] = 0x0A
                    last = j; lastOut = o; o &+= 1; j &+= 1; previousPair = -1
                    continue
                }
                guard separatorASCII[Int(b)] else { break }
                k = Kind.separator
                length = 1
            } else if b < 0xE0 {
                guard j &+ 1 < n else { break }
                var pair = Int(b) << 8 | Int(p[j &+ 1])
                k = pairs[pair]
                length = 2
                if Kind.isPlain(k) {
                    // Plain two-byte characters (most Arabic text): two bytes copied per step. A single
                    // space before another plain two-byte character (the next word) stays in the loop.
                    if watchRepeats && k == Kind.plainLetter && pair == previousPair { break scan }
                    var w = UnsafeRawPointer(p + j).loadUnaligned(as: UInt16.self)
                    // Where the last deleted marks ended, and their base: the run's last base when it
                    // ends right there.
                    var marksEnd = -1, marksBase = 0
                    var kind = k
                    while true {
                        UnsafeMutableRawPointer(out + o).storeBytes(of: w, as: UInt16.self)
                        previousPair = pair
                        o &+= 2; j &+= 2
                        // Two characters per step while both are plain (and neither repeats the
                        // one before it, under elongation).
                        while j &+ 3 < n {
                            let w2 = UnsafeRawPointer(p + j).loadUnaligned(as: UInt32.self)
                            let first = Int(UInt16(bigEndian: UInt16(truncatingIfNeeded: w2)))
                            let second = Int(UInt16(bigEndian: UInt16(truncatingIfNeeded: w2 >> 16)))
                            guard Kind.isPlain(pairs[first]) && Kind.isPlain(pairs[second])
                                    && (!watchRepeats || (first != previousPair && second != first)) else { break }
                            UnsafeMutableRawPointer(out + o).storeBytes(of: w2, as: UInt32.self)
                            o &+= 4; j &+= 4
                            previousPair = second
                        }
                        guard j &+ 1 < n else { break }
                        w = UnsafeRawPointer(p + j).loadUnaligned(as: UInt16.self)
                        pair = Int(UInt16(bigEndian: w))
                        kind = pairs[pair]
                        if Kind.isPlain(kind) {
                            if pair == previousPair && watchRepeats && kind == Kind.plainLetter { break }
                            continue
                        }
                        if kind == Kind.deletedMark {
                            // Diacritics on the character just written: all deleted, or it goes to the
                            // slow path with them (a kept mark means reordering and normalizing).
                            var m = j &+ 2
                            while m &+ 1 < n && pairs[Int(p[m]) << 8 | Int(p[m &+ 1])] == Kind.deletedMark { m &+= 2 }
                            if checkSegments && m < n && p[m] >= 0x80
                                && !(m &+ 1 < n && Kind.isStarter(pairs[Int(p[m]) << 8 | Int(p[m &+ 1])]))
                                && continuesSegment(p, m, n, actions) {
                                break
                            }
                            var d = j
                            while d < m {
                                credit(actions[Int(p[d] & 0x1F) << 6 | Int(p[d &+ 1] & 0x3F)])
                                d &+= 2
                            }
                            marksBase = j &- 2
                            marksEnd = m
                            alteredEnd = m   // (a later mark may compose with the base now)
                            j = m
                            // The next character, looked at as above (folding the two into one inner
                            // loop costs 8–11% more instructions on every corpus, callgrind).
                            guard j &+ 1 < n else { break }
                            w = UnsafeRawPointer(p + j).loadUnaligned(as: UInt16.self)
                            pair = Int(UInt16(bigEndian: w))
                            kind = pairs[pair]
                            if Kind.isPlain(kind) {
                                if pair == previousPair && watchRepeats && kind == Kind.plainLetter { break }
                                continue
                            }
                        }
                        guard inlineSpaces && p[j] == 0x20 && j &+ 2 < n else { break }
                        let next = Int(p[j &+ 1]) << 8 | Int(p[j &+ 2])
                        let nextKind = pairs[next]
                        // (The next word goes back to the block run when it may.)
                        guard Kind.isPlain(nextKind) && !(useRun && j >= blocksFrom) else { break }
                        out[o] = 0x20
                        o &+= 1; j &+= 1
                        previousPair = -1
                        w = UnsafeRawPointer(p + j).loadUnaligned(as: UInt16.self)
                        pair = next
                        kind = nextKind
                    }
                    last = j == marksEnd ? marksBase : j &- 2
                    lastOut = o &- 2
                    continue
                }
                if k == Kind.map {
                    let a = actions[Int(b & 0x1F) << 6 | Int(p[j &+ 1] & 0x3F)]
                    let r = replacements[Int(a >> ActionTable.replacementShift) & 0x1FF]
                    let target = r.length == 2 ? Int(r.bytes & 0xFF) << 8 | Int(r.bytes >> 8 & 0xFF) : -1
                    let letter = a & ActionTable.arabicLetter != 0
                    if watchRepeats && letter && target == previousPair { break scan }
                    previousPair = letter ? target : -1
                    credit(a)
                    UnsafeMutableRawPointer(out + o).storeBytes(of: UInt16(truncatingIfNeeded: r.bytes).littleEndian,
                                                                as: UInt16.self)
                    last = j; lastOut = o; o &+= r.length; j &+= 2
                    continue
                }
                if k == Kind.deletedMark {
                    guard j > last else { break scan }   // marks on a base this run did not write
                    // Every mark on the base must be deleted; a kept one sends the base to the slow path.
                    // (The same as the marks branch of the pair loop above, written out twice on purpose:
                    // as a shared method it is not inlined and costs ~20% on diacritized text, callgrind.)
                    var m = j &+ 2
                    while m &+ 1 < n && pairs[Int(p[m]) << 8 | Int(p[m &+ 1])] == Kind.deletedMark { m &+= 2 }
                    if checkSegments && m < n && p[m] >= 0x80
                        && !(m &+ 1 < n && Kind.isStarter(pairs[Int(p[m]) << 8 | Int(p[m &+ 1])]))
                        && continuesSegment(p, m, n, actions) {
                        break scan
                    }
                    var d = j
                    while d < m {
                        credit(actions[Int(p[d] & 0x1F) << 6 | Int(p[d &+ 1] & 0x3F)])
                        d &+= 2
                    }
                    j = m
                    alteredEnd = m
                    continue
                }
                if k == Kind.tatweel {
                    // Elongation with tatweel (`ســـيا`): when a plain character follows the run, it
                    // holds no separator, so de-obfuscation joins nothing and the tatweel step
                    // deletes it all.
                    var m = j &+ 2
                    while m &+ 1 < n && pairs[Int(p[m]) << 8 | Int(p[m &+ 1])] == Kind.tatweel { m &+= 2 }
                    if m &+ 1 < n {
                        let f = p[m]
                        if f < 0x80 ? plain[Int(f)] : Kind.isStarter(pairs[Int(f) << 8 | Int(p[m &+ 1])]) {
                            credit(actions[Int(b & 0x1F) << 6 | Int(p[j &+ 1] & 0x3F)], (m &- j) >> 1)
                            alteredEnd = m
                            j = m
                            continue
                        }
                    }
                }
            } else {
                (k, length) = kind(at: j)
                if k == Kind.plain {
                    for q in 0..<length { out[o &+ q] = p[j &+ q] }
                    last = j; lastOut = o; o &+= length; j &+= length; previousPair = -1
                    continue
                }
            }

            if k == Kind.space {
                // A Unicode space (NBSP, thin space …) between two written characters: one plain
                // space, counted as a whitespace change (`space(isPlain: false)`).
                guard out[o &- 1] != 0x20 && out[o &- 1] != 0x0A && writesNext(j &+ length) else { break }
                out[o] = 0x20
                counts[Step.whitespace.index] &+= 1
                last = j; lastOut = o; o &+= 1; j &+= length; previousPair = -1
                continue
            }
            // What de-obfuscation looks at: a separator, tatweel or a zero-width character.
            guard k == Kind.separator || k == Kind.tatweel || k == Kind.zeroWidth,
                  j >= joinUntil, j >= noJoinUntil else { break }
            let afterArabic = outputClass(o) == 1
            if k == Kind.separator && (!afterArabic || freeStanding(j &+ length)) {
                // Not judged (no Arabic word before it), or judged at once: it splits no word. Copied.
                for q in 0..<length { out[o &+ q] = p[j &+ q] }
                last = j; lastOut = o; o &+= length; j &+= length; previousPair = -1
                continue
            }
            if k == Kind.tatweel && !afterArabic {
                // Not judged: the tatweel step deletes it.
                guard resumesAfterDeletion(j &+ 2) else { break }
                credit(actions[Int(CharacterClasses.tatweel)])
                j &+= 2
                alteredEnd = j
                continue
            }
            if k == Kind.zeroWidth && !afterArabic {
                // Not judged: what the invisible step or the character-level fallback does with it.
                let fate = zeroWidthFate(p, j, length, n, outputClass(o))
                guard fate != ZeroWidthFate.slowPath else { break }
                if fate == ZeroWidthFate.copy {
                    for q in 0..<length { out[o &+ q] = p[j &+ q] }
                    last = j; lastOut = o; o &+= length; j &+= length; previousPair = -1
                    continue
                }
                guard resumesAfterDeletion(j &+ length) else { break }
                creditZeroWidth(fate, p, j, length)
                j &+= length
                alteredEnd = j
                continue
            }
            guard afterArabic else { break }
            // Judged as the slow path judges it, then applied when the run knows every character.
            let (end, joins) = scanObfuscation(p, j, n)
            var q = j
            var simulated: UInt8 = 1   // the class of the last character written, through the run
            while q < end {
                let (member, l) = kind(at: q)
                if member == Kind.separator {
                    if !joins { simulated = 0 }
                } else if member == Kind.zeroWidth {
                    if !joins {
                        let fate = zeroWidthFate(p, q, l, n, simulated)
                        if fate == ZeroWidthFate.slowPath { break scan }
                        if fate == ZeroWidthFate.copy { simulated = 0 }
                    }
                } else if member != Kind.tatweel && member != Kind.deletedMark {
                    break scan
                }
                q &+= l
            }
            guard resumesAfterDeletion(end) else { break }
            q = j
            var altered = false
            while q < end {
                let (member, l) = kind(at: q)
                if member == Kind.separator && !joins {
                    for r in 0..<l { out[o &+ r] = p[q &+ r] }
                    last = q; lastOut = o; o &+= l; previousPair = -1
                    altered = false
                } else if member == Kind.separator || (member == Kind.zeroWidth && joins) {
                    counts[Step.deobfuscate.index] &+= 1
                    altered = true
                } else if member == Kind.zeroWidth {
                    let fate = zeroWidthFate(p, q, l, n, outputClass(o))
                    if fate == ZeroWidthFate.copy {
                        for r in 0..<l { out[o &+ r] = p[q &+ r] }
                        last = q; lastOut = o; o &+= l; previousPair = -1
                        altered = false
                    } else {
                        creditZeroWidth(fate, p, q, l)
                        altered = true
                    }
                } else {
                    credit(actions[Int(p[q] & 0x1F) << 6 | Int(p[q &+ 1] & 0x3F)])
                    if member == Kind.tatweel { altered = true }
                }
                q &+= l
            }
            if joins { counts[Counter.wordsDeobfuscated] &+= 1 }
            j = end
            if altered { alteredEnd = end }
        }
        // A combining mark (not deleted) after the run belongs to its last base: leave that one out.
        var rolledBack = false
        if checkSegments && j < n && p[j] >= 0x80 && j > i && continuesSegment(p, j, n, actions) {
            rolledBack = true
            if p[last] >= 0x80 && pairs[Int(p[last]) << 8 | Int(p[last &+ 1])] == Kind.map {
                credit(actions[Int(p[last] & 0x1F) << 6 | Int(p[last &+ 1] & 0x3F)], -1)
            }
            j = last
            o = lastOut
        }
        guard j > i else { return i }
        if pendingSpace { pendingSpace = false }
        outCount = o
        lineStart = out[o &- 1] == 0x0A
        lastOutCCC = 0
        takeContextFromOutput(actions)
        // A mapped or deleted last starter is a changed one. (After a roll-back the slow path
        // handles a starter next, which resets this.)
        starterAltered = !rolledBack && (j == alteredEnd
            || (p[last] >= 0x80 && pairs[Int(p[last]) << 8 | Int(p[last &+ 1])] == Kind.map))
        return j
    }

    /// A well-formed four-byte character at `k` (below U+20000, the table's end) that no step
    /// touches and that is not Arabic (emoji, CJK extension B …).
    @inline(__always)
    private func plainFourByte(_ p: UnsafePointer<UInt8>, _ k: Int, _ n: Int) -> Bool {
        let b = p[k]
        guard b == 0xF0, k &+ 3 < n, p[k &+ 1] & 0xC0 == 0x80, p[k &+ 2] & 0xC0 == 0x80, p[k &+ 3] & 0xC0 == 0x80
        else { return false }
        let c = Int(p[k &+ 1] & 0x3F) << 12 | Int(p[k &+ 2] & 0x3F) << 6 | Int(p[k &+ 3] & 0x3F)
        guard c >= 0x10000 && c < CharacterDatabase.tableSize else { return false }
        let a = table.actions[c]
        return ActionTable.isPlainAction(a) && a & (ActionTable.arabicLetter | ActionTable.arabicBase) == 0
    }

    /// The fate of the zero-width character at `q` (`length` bytes) outside a joined run, `lastClass`
    /// being the class of the last character written: a join control inside an Arabic word is
    /// deleted by the invisible step (`contextual`), ZWNJ under `persian` becomes a space (left to
    /// the slow path), anything else gets the character-level fallback.
    private mutating func zeroWidthFate(_ p: UnsafePointer<UInt8>, _ q: Int, _ length: Int, _ n: Int,
                                        _ lastClass: UInt8) -> ZeroWidthFate {
        let c = scalar(p, q, length)
        if c == CharacterClasses.zwnj && persian { return ZeroWidthFate.slowPath }
        if props(c).has(CharacterProperties.Flag.joinControl) && invisible && lastClass == 1
            && nextIsArabicWordCharacter(p, q &+ length, n) {
            return ZeroWidthFate.deleteAsInvisible
        }
        switch (table.actions[Int(c)] >> ActionTable.fallbackShift) & 0x3 {
        case 0: return ZeroWidthFate.copy
        case 1: return ZeroWidthFate.deleteByAction
        default: return ZeroWidthFate.slowPath
        }
    }

    @inline(__always)
    private func creditZeroWidth(_ fate: ZeroWidthFate, _ p: UnsafePointer<UInt8>, _ q: Int, _ length: Int) {
        if fate == ZeroWidthFate.deleteAsInvisible {
            counts[Step.invisible.index] &+= 1
        } else {
            credit(table.actions[Int(scalar(p, q, length))])
        }
    }

    /// The two- or three-byte scalar at `q` (well-formed: the fast run's tables said so).
    @inline(__always)
    private func scalar(_ p: UnsafePointer<UInt8>, _ q: Int, _ length: Int) -> UInt32 {
        length == 2 ? UInt32(p[q] & 0x1F) << 6 | UInt32(p[q &+ 1] & 0x3F)
            : UInt32(p[q] & 0x0F) << 12 | UInt32(p[q &+ 1] & 0x3F) << 6 | UInt32(p[q &+ 2] & 0x3F)
    }

    /// Copies a plain run and sets the context state from its last character.
    private mutating func emitRun(_ p: UnsafePointer<UInt8>, _ i: Int, _ j: Int, _ actions: UnsafeMutablePointer<UInt32>) {
        flushPendingSpace()
        let count = j &- i
        reserve(count)
        (out + outCount).update(from: p + i, count: count)
        if Sink.isActive {
            var k = i
            while k < j {
                let len = p[k] < 0x80 ? 1 : 2
                record(outCount + (k - i), k, k + len)
                k += len
            }
        }
        outCount &+= count
        lineStart = false
        lastOutCCC = 0
        starterAltered = false
        takeContextFromOutput(actions)
    }

    /// Sets the context state the slow path keeps (last class, last letter) from the last
    /// character of the output, which a run wrote: ASCII, a two- or a three-byte character.
    @inline(__always)
    private mutating func takeContextFromOutput(_ actions: UnsafeMutablePointer<UInt32>) {
        let c = lastScalar(outCount)
        if c < 0x80 {
            lastClass = c >= 0x30 && c <= 0x39 ? 2 : 0
            letterRepeat = 0
            return
        }
        let a = actions[Int(c)]
        if a & ActionTable.arabicLetter != 0 {
            lastClass = 1
            lastLetter = c
            letterRepeat = 1
        } else {
            lastClass = a & ActionTable.digit != 0 ? 2 : (a & ActionTable.arabicBase != 0 ? 1 : 0)
            letterRepeat = 0
        }
    }

    /// The class the slow path keeps for the character that ends the output at `o` (written by a
    /// run): 1 Arabic word character, 2 digit, 0 other.
    @inline(__always)
    private func outputClass(_ o: Int) -> UInt8 {
        let c = lastScalar(o)
        if c < 0x80 { return c >= 0x30 && c <= 0x39 ? 2 : 0 }
        let a = table.normalizedActions[Int(c)]
        return a & ActionTable.arabicLetter != 0 ? 1
            : (a & ActionTable.digit != 0 ? 2 : (a & ActionTable.arabicBase != 0 ? 1 : 0))
    }

    /// The scalar that ends the output at `o`, one to four bytes long (what runs write).
    @inline(__always)
    private func lastScalar(_ o: Int) -> UInt32 {
        let b = out[o &- 1]
        if b < 0x80 { return UInt32(b) }
        let b1 = out[o &- 2]
        if b1 >= 0xC0 { return UInt32(b1 & 0x1F) << 6 | UInt32(b & 0x3F) }
        let b2 = out[o &- 3]
        if b2 >= 0xC0 { return UInt32(b2 & 0x0F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b & 0x3F) }
        return UInt32(out[o &- 4] & 0x07) << 18 | UInt32(b2 & 0x3F) << 12 | UInt32(b1 & 0x3F) << 6 | UInt32(b & 0x3F)
    }

    /// Counts `times` changes for the step an action credits.
    @inline(__always)
    private func credit(_ a: UInt32, _ times: Int = 1) {
        counts[Int((a >> ActionTable.stepShift) & ActionTable.stepMask)] &+= times
    }

    /// Is the scalar at `j` one that continues the current normalization segment?
    @inline(__always)
    private mutating func continuesSegment(_ p: UnsafePointer<UInt8>, _ j: Int, _ n: Int,
                                  _ actions: UnsafeMutablePointer<UInt32>) -> Bool {
        guard j < n, p[j] >= 0x80 else { return false }
        let (c, _) = UTF8Decoding.decode(p, j, n)
        guard c != UTF8Decoding.invalid else { return false }
        let a = c < UInt32(CharacterDatabase.tableSize) ? actions[Int(c)] : table.action(c, normalized: false)
        return a & ActionTable.noBoundaryBefore != 0
    }

    /// The segment starting at `i`: the character there and the combining characters after it.
    /// Says whether ICU must normalize it (a quick check "no"/"maybe", or marks out of order).
    private mutating func scanSegment(_ p: UnsafePointer<UInt8>, _ i: Int, _ len: Int, _ a: UInt32, _ n: Int,
                             _ actions: UnsafeMutablePointer<UInt32>) -> (Int, Bool) {
        var needs = a & ActionTable.kindMask == ActionTable.Kind.icu.rawValue
        var outOfOrder = false
        // Marks that are all deleted (and compose with nothing: those are `icu`) need no reordering.
        var allDeleted = true
        var last = (a >> ActionTable.cccShift) & 0xFF
        var j = i + len
        var marks = 0
        while j < n && p[j] >= 0x80 && marks < 4096 {
            let (c, l) = UTF8Decoding.decode(p, j, n)
            if c == UTF8Decoding.invalid { break }
            let a2 = c < UInt32(CharacterDatabase.tableSize) ? actions[Int(c)] : table.action(c, normalized: false)
            if a2 & ActionTable.noBoundaryBefore == 0 { break }
            switch a2 & ActionTable.kindMask {
            case ActionTable.Kind.icu.rawValue: needs = true
            case ActionTable.Kind.delete.rawValue: break
            default: allDeleted = false
            }
            let cc = (a2 >> ActionTable.cccShift) & 0xFF
            if cc != 0 {
                if cc < last { outOfOrder = true }
                last = cc
            }
            j += l
            marks += 1
        }
        return (j, needs || (outOfOrder && !allDeleted))
    }

    /// Normalizes `p[i..<end]` with ICU and runs the result through the other steps.
    private mutating func normalizeSegment(_ p: UnsafePointer<UInt8>, _ i: Int, _ end: Int, _ n: Int) {
        let input = UnsafeBufferPointer(start: p + i, count: end - i)
        buffers.segments.normalize(input, form: table.form, into: &scratch)
        if !scratch.elementsEqual(input) { counts[Step.unicode.index] += 1 }
        // Borrow the scratch buffer (no copy): processing normalized text never calls ICU again.
        var segment: [UInt8] = []
        swap(&segment, &scratch)
        defer { swap(&segment, &scratch) }
        let saved = (joinUntil, noJoinUntil, overrideActive, overrideStart, overrideEnd)
        let savedOuter = (outerInput, outerResume, outerCount)
        // (The block runs' wait is a position in this buffer, not in ICU's output.)
        let savedRuns = (poorRuns, runFrom)
        poorRuns = 0
        if !overrideActive {
            overrideActive = true
            overrideStart = i
            overrideEnd = end
            outerInput = p
            outerResume = end
            outerCount = n
        }
        // A segment inside a run already judged keeps that judgement.
        joinUntil = i < saved.0 ? Int.max : 0
        noJoinUntil = i < saved.1 ? Int.max : 0
        segment.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { process(base, buffer.count, normalized: true) }
        }
        (joinUntil, noJoinUntil, overrideActive, overrideStart, overrideEnd) = saved
        (poorRuns, runFrom) = savedRuns
        (outerInput, outerResume, outerCount) = savedOuter
    }

    @inline(__always)
    private func props(_ c: UInt32) -> CharacterProperties {
        c < UInt32(CharacterDatabase.tableSize) ? properties[Int(c)] : CharacterProperties(c)
    }

    // MARK: - Dispatch

    @inline(__always)
    private mutating func handle(_ c: UInt32, _ a: UInt32, _ p: UnsafePointer<UInt8>, _ i: Int, _ len: Int, _ n: Int) {
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

    // MARK: - Emitting

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if outCount &+ extra > outCapacity { grow(extra) }
    }

    /// Moves the output to a buffer of the engine's own, twice as large (or as large as needed),
    /// which becomes the thread's buffer.
    @inline(never)
    private mutating func grow(_ extra: Int) {
        let newCapacity = max(outCapacity * 2, outCount + extra + 64)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: out, count: outCount)
        buffers.bytes?.deallocate()    // (the output, unless it was the caller's)
        buffers.bytes = bigger
        buffers.capacity = newCapacity
        out = bigger
        outCapacity = newCapacity
        writesInPlace = false
    }

    @inline(__always)
    private mutating func record(_ outStart: Int, _ inStart: Int, _ inEnd: Int) {
        guard Sink.isActive else { return }
        if overrideActive {
            sink.record(outStart: outStart, inStart: overrideStart, inEnd: overrideEnd)
        } else {
            sink.record(outStart: outStart, inStart: inStart, inEnd: inEnd)
        }
    }

    @inline(__always)
    private mutating func flushPendingSpace() {
        guard pendingSpace else { return }
        pendingSpace = false
        reserve(1)
        out[outCount] = 0x20
        if Sink.isActive { sink.record(outStart: outCount, inStart: pendingStart, inEnd: pendingEnd) }
        outCount &+= 1
        lastClass = 0
        lastOutCCC = 0
        starterAltered = false
    }

    private mutating func emitInvalid(_ i: Int, _ len: Int) {
        flushPendingSpace()
        reserve(3)
        out[outCount] = 0xEF; out[outCount + 1] = 0xBF; out[outCount + 2] = 0xBD
        record(outCount, i, i + len)
        outCount &+= 3
        counts[Counter.invalidSequences] += 1
        if firstInvalidOffset < 0 { firstInvalidOffset = i }
        lineStart = false
        lastClass = 0
        letterRepeat = 0
        lastOutCCC = 0
        starterAltered = false
    }

    /// State updates shared by every emitted scalar. `altered`: it is not the input character.
    @inline(__always)
    private mutating func emitted(_ a: UInt32, altered: Bool) {
        lineStart = false
        let cc = (a >> ActionTable.cccShift) & 0xFF
        if a & ActionTable.isMark == 0 || altered {
            if a & ActionTable.arabicLetter != 0 {
                lastClass = 1
            } else if a & ActionTable.digit != 0 {
                lastClass = 2
            } else {
                lastClass = a & ActionTable.arabicBase != 0 && a & ActionTable.isMark == 0 ? 1 : 0
            }
        }
        if altered {
            // Replacements are starters.
            lastOutCCC = 0
            starterAltered = true
        } else if cc == 0 {
            if a & ActionTable.composesBackward != 0 && starterAltered { needsAnotherPass = true }
            lastOutCCC = 0
            starterAltered = false
        } else {
            if cc < lastOutCCC || (a & ActionTable.composesBackward != 0 && starterAltered) { needsAnotherPass = true }
            lastOutCCC = cc
        }
    }

    /// Elongation: returns true when the letter is swallowed as a repeat.
    @inline(__always)
    private mutating func swallowRepeat(_ letter: UInt32, _ inEnd: Int) -> Bool {
        if letterRepeat > 0 && letter == lastLetter {
            letterRepeat += 1
            if letterRepeat == 2 {
                lastLetterOut = outCount
                return false
            }
            if letterRepeat == 3 {
                outCount = lastLetterOut
                if Sink.isActive { sink.removeLast() }
            }
            if Sink.isActive { sink.extendLast(to: overrideActive ? overrideEnd : inEnd) }
            counts[Step.elongation.index] += 1
            return true
        }
        lastLetter = letter
        letterRepeat = 1
        return false
    }

    @inline(__always)
    private mutating func emitCopy(_ c: UInt32, _ a: UInt32, _ p: UnsafePointer<UInt8>, _ i: Int, _ len: Int) {
        flushPendingSpace()
        if a & ActionTable.arabicLetter != 0 && elongation {
            if swallowRepeat(c, i + len) { return }
        } else {
            letterRepeat = 0
        }
        reserve(4)
        let o = out + outCount
        o[0] = p[i]
        if len > 1 { o[1] = p[i + 1] }
        if len > 2 { o[2] = p[i + 2] }
        if len > 3 { o[3] = p[i + 3] }
        record(outCount, i, i + len)
        outCount &+= len
        emitted(a, altered: false)
    }

    @inline(__always)
    private mutating func emitReplacement(_ a: UInt32, _ i: Int, _ end: Int) {
        let r = replacements[Int(a >> ActionTable.replacementShift) & 0x1FF]
        flushPendingSpace()
        credit(a)
        if a & ActionTable.arabicLetter != 0 && elongation {
            if swallowRepeat(r.scalar, end) { return }
        } else {
            letterRepeat = 0
        }
        reserve(8)
        UnsafeMutableRawPointer(out + outCount).storeBytes(of: r.bytes.littleEndian, as: UInt64.self)
        record(outCount, i, end)
        outCount &+= r.length
        emitted(a, altered: true)
    }

    /// A deleted character. A deleted starter changes the base that follows marks attach to; a
    /// deleted mark may unblock a later mark's composition with the base (`c` U+06D6 U+0301 is
    /// `ć` once the Quranic mark is gone): either way a later mark that composes backward asks for
    /// another pass.
    @inline(__always)
    private mutating func deleted(_ a: UInt32) {
        credit(a)
        starterAltered = true
    }

    // MARK: - Context steps

    /// A space character (whitespace step): collapsed into one pending space, dropped at line edges.
    private mutating func space(isPlain: Bool, _ i: Int, _ len: Int) {
        letterRepeat = 0
        if lineStart || pendingSpace {
            counts[Step.whitespace.index] += 1
            if pendingSpace { pendingEnd = overrideActive ? overrideEnd : i + len }
            return
        }
        if !isPlain { counts[Step.whitespace.index] += 1 }
        startPendingSpace(i, len)
    }

    /// Input offsets are kept absolute: inside a normalized segment they are the segment's.
    private mutating func startPendingSpace(_ i: Int, _ len: Int) {
        pendingSpace = true
        lastClass = 0
        pendingStart = overrideActive ? overrideStart : i
        pendingEnd = overrideActive ? overrideEnd : i + len
    }

    private mutating func newline(_ p: UnsafePointer<UInt8>, _ i: Int, _ len: Int) {
        if pendingSpace {
            pendingSpace = false
            counts[Step.whitespace.index] += 1
        }
        reserve(4)
        for k in 0..<len { out[outCount + k] = p[i + k] }
        record(outCount, i, i + len)
        outCount &+= len
        lineStart = true
        lastClass = 0
        letterRepeat = 0
        lastOutCCC = 0
        starterAltered = false
    }

    /// A space produced by a step (punctuation, ZWNJ under `persian`).
    private mutating func replaceWithSpace(_ step: Step, _ i: Int, _ len: Int) {
        counts[step.index] += 1
        if whitespace {
            letterRepeat = 0
            if lineStart { return }
            if pendingSpace { pendingEnd = overrideActive ? overrideEnd : i + len; return }
            startPendingSpace(i, len)
        } else {
            reserve(1)
            out[outCount] = 0x20
            record(outCount, i, i + len)
            outCount &+= 1
            lineStart = false
            lastClass = 0
            letterRepeat = 0
            lastOutCCC = 0
            starterAltered = true
        }
    }

    private mutating func emitASCIIByte(_ byte: UInt8, _ step: Step, _ i: Int, _ len: Int) {
        flushPendingSpace()
        counts[step.index] += 1
        reserve(1)
        out[outCount] = byte
        record(outCount, i, i + len)
        outCount &+= 1
        lineStart = false
        lastClass = 0
        letterRepeat = 0
        lastOutCCC = 0
        starterAltered = true
    }

    /// Where look-ahead goes on when it runs off the end of a segment ICU normalized: the input after it.
    private var outerInput: UnsafePointer<UInt8>?
    private var outerResume = 0, outerCount = 0

    /// Decodes the scalar at `j`, hopping from a normalized segment into the input that follows it.
    private func peek(_ p: inout UnsafePointer<UInt8>, _ j: inout Int, _ n: inout Int) -> (UInt32, Int) {
        if j >= n {
            guard overrideActive, let outer = outerInput, p != outer else { return (UTF8Decoding.invalid, 0) }
            p = outer; j = outerResume; n = outerCount
            guard j < n else { return (UTF8Decoding.invalid, 0) }
        }
        return UTF8Decoding.decode(p, j, n)
    }

    /// The next character from `j` past what `passing` passes over (`ContextRules.lookAhead`),
    /// hopping from a normalized segment into the input after it. When the limit, not the text,
    /// ended the look, the pass asks for another: what it deletes in the way brings the character
    /// closer, and the reference's next pass may see it.
    private mutating func nextCharacter(_ p: UnsafePointer<UInt8>, _ j: Int, _ n: Int,
                                        passing: (UInt32, CharacterProperties) -> Bool) -> (UInt32, CharacterProperties)? {
        var p = p, j = j, n = n
        let (found, limitReached) = ContextRules.lookAhead(canonicalMarks: unicode, passing: passing) {
            let (c, l) = peek(&p, &j, &n)
            if c == UTF8Decoding.invalid { return nil }
            j += l
            return c
        }
        if limitReached { needsAnotherPass = true }
        return found
    }

    /// Is the next character, past what `ContextRules.Numbers.passedOver` says, a digit?
    private mutating func nextIsDigit(_ p: UnsafePointer<UInt8>, _ j: Int, _ n: Int) -> Bool {
        let tatweelStep = table.tatweel, persianStep = persian
        return nextCharacter(p, j, n) {
            ContextRules.Numbers.passedOver($0, $1, tatweelStep: tatweelStep, persianStep: persianStep)
        }?.1.isDigit ?? false
    }

    /// Is the next character, past zero-width characters, part of an Arabic word?
    private mutating func nextIsArabicWordCharacter(_ p: UnsafePointer<UInt8>, _ j: Int, _ n: Int) -> Bool {
        guard let (c, props) = nextCharacter(p, j, n, passing: ContextRules.JoinControls.passedOver) else { return false }
        return ContextRules.JoinControls.deletedBefore(c, props)
    }

    /// From `i` (a tatweel, zero-width character or separator right after an Arabic word character),
    /// the run of such characters (and marks). It is an obfuscation when it holds a tatweel or a
    /// zero-width character and a separator, and an Arabic letter follows it.
    private mutating func scanObfuscation(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> (end: Int, joins: Bool) {
        var j = i
        var glue = false, separator = false
        var count = 0
        scan: while j < n && count < ContextRules.Deobfuscation.stretchLimit {
            let (c, l) = UTF8Decoding.decode(p, j, n)
            if c == UTF8Decoding.invalid { break }
            if changedByNormalization(c) {
                // Counted as the reference counts: the scalars of the normalized text. (Cut inside
                // the character, the stretch goes on past the limit: no join.)
                for d in normalizedScalars(c) {
                    if count == ContextRules.Deobfuscation.stretchLimit { break scan }
                    guard note(d, glue: &glue, separator: &separator) else { break scan }
                    count += 1
                }
            } else {
                guard note(c, glue: &glue, separator: &separator) else { break scan }
                count += 1
            }
            j += l
        }
        // A stretch cut at the limit: what this pass deletes in it may bring its end within the
        // limit on the next pass (the reference repeats its pass to a fixed point).
        if count == ContextRules.Deobfuscation.stretchLimit { needsAnotherPass = true }
        // Tatweel alone is the tatweel step's; zero-width alone is the invisible step's.
        guard glue, separator, j < n else { return (j, false) }
        let (next, _) = UTF8Decoding.decode(p, j, n)
        guard next != UTF8Decoding.invalid else { return (j, false) }
        let first = changedByNormalization(next) ? normalizedScalars(next).first : next
        return (j, first.map { CharacterClasses.isArabicLetter(props($0)) } == true)
    }

    /// Notes what a scalar of an obfuscation run is (glue: tatweel or zero-width; a separator);
    /// false when it ends the run (anything but those and diacritics).
    private func note(_ d: UInt32, glue: inout Bool, separator: inout Bool) -> Bool {
        switch ContextRules.Deobfuscation.role(d, props(d)) {
        case .glue: glue = true
        case .separator: separator = true
        case .carried: break
        case .ends: return false
        }
        return true
    }

    /// Whether Unicode normalization changes `c` (presentation forms such as U+FCF4, tatweel with
    /// shadda and kasra): de-obfuscation then judges it by its normalized scalars, as the reference
    /// path sees them after normalizing the whole text. A table lookup; no allocation.
    private func changedByNormalization(_ c: UInt32) -> Bool {
        let p = props(c)
        return unicode && !p.has(table.form == .nfkc ? CharacterProperties.Flag.nfkcYes : CharacterProperties.Flag.nfcYes)
            && !p.has(table.form == .nfkc ? CharacterProperties.Flag.nfkcMaybe : CharacterProperties.Flag.nfcMaybe)
    }

    /// `c` normalized, as scalars (rare: one ICU call, only for `changedByNormalization` characters).
    private func normalizedScalars(_ c: UInt32) -> [UInt32] {
        guard let scalar = Unicode.Scalar(c) else { return [c] }
        return ICU.normalize(String(Character(scalar)), form: table.form).unicodeScalars.map(\.value)
    }

    /// At a possible start of an obfuscation run: scans it once and remembers the verdict.
    private mutating func judgeObfuscation(_ c: UInt32, _ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) {
        // Fast verdict for the common case, a separator followed by a plain character or a space
        // (a comma after a word): the run is just the separator, which holds no tatweel.
        let len = c < 0x80 ? 1 : (c < 0x800 ? 2 : 3)
        let j = i + len
        if c != CharacterClasses.tatweel && j < n {
            let b = p[j]
            if b == 0x20 || (b < 0x80 ? table.plainASCII[Int(b)]
                             : (j + 1 < n && ActionTable.PairKind.isStarter(table.plainPairs[Int(b) << 8 | Int(p[j + 1])]))) {
                noJoinUntil = j
                return
            }
        }
        let props = props(c)
        guard c == CharacterClasses.tatweel || CharacterClasses.isZeroWidth(c, props)
                || CharacterClasses.isSeparator(c, props) else { return }
        let (end, joins) = scanObfuscation(p, i, n)
        if joins {
            joinUntil = end
            counts[Counter.wordsDeobfuscated] += 1
        } else {
            noJoinUntil = end
        }
    }

    private mutating func contextual(_ c: UInt32, _ a: UInt32, _ p: UnsafePointer<UInt8>, _ i: Int, _ len: Int, _ n: Int) {
        let props = props(c)
        let isZeroWidth = CharacterClasses.isZeroWidth(c, props)
        let isSeparator = CharacterClasses.isSeparator(c, props)
        if deobfuscate && (c == CharacterClasses.tatweel || isZeroWidth || isSeparator) {
            if i >= joinUntil && i >= noJoinUntil && lastClass == 1 { judgeObfuscation(c, p, i, n) }
            if i < joinUntil && (isZeroWidth || isSeparator) {
                counts[Step.deobfuscate.index] += 1
                starterAltered = true
                return
            }
        }
        if c == CharacterClasses.zwnj && persian {
            replaceWithSpace(.persian, i, len)
            return
        }
        if props.has(CharacterProperties.Flag.joinControl) {
            if invisible && lastClass == 1 && nextIsArabicWordCharacter(p, i + len, n) {
                counts[Step.invisible.index] += 1
                starterAltered = true
                return
            }
        } else if digits && (c == CharacterClasses.arabicDecimalSeparator || c == CharacterClasses.arabicThousandsSeparator) {
            if lastClass == 2 && nextIsDigit(p, i + len, n) {
                emitASCIIByte(c == CharacterClasses.arabicDecimalSeparator ? 0x2E : 0x2C, .digits, i, len)
                return
            }
        } else if digits && c == CharacterClasses.arabicPercent && lastClass == 2 {
            emitASCIIByte(0x25, .digits, i, len)
            return
        }
        if punctuation && props.isPunctuation {
            let insideNumber =
                (CharacterClasses.isNumberSeparator(c) && lastClass == 2 && nextIsDigit(p, i + len, n))
                || (CharacterClasses.isPercent(c) && lastClass == 2)
                || (c == 0x2D && lastClass == 0 && nextIsDigit(p, i + len, n))
            if !insideNumber {
                replaceWithSpace(.punctuation, i, len)
                return
            }
        }
        // Not in a context any step acts on: what the character-level steps say.
        switch (a >> ActionTable.fallbackShift) & 0x3 {
        case 0: emitCopy(c, a, p, i, len)
        case 1: deleted(a)
        default: emitReplacement(a, i, i + len)
        }
    }
}
