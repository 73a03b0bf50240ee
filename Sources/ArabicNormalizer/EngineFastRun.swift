import CBlockScan
import CICU

// The fast run: what the pass writes without context beyond the run itself, the SIMD block run
// first (`arn_block_run`), then a scalar loop over bytes driven by the table's pair kinds; and the
// run of the offsets-recording path (`plainRun`). Long functions on purpose: see the measurements
// in the comments (`fastRun` split into methods costs 8–20% instructions, callgrind).
extension Engine {
    /// Whether the fast run starting at `i` begins with a block run that copies kept marks in
    /// canonical order (`ActionTable.runKeepsMarks`; not while block runs wait after poor ones, nor
    /// on the last bytes of the text, too few for a block): then a base with kept marks goes to it.
    @inline(__always)
    func blockRunTakesMarks(_ i: Int, _ n: Int) -> Bool {
        !Sink.isActive && table.runKeepsMarks && (runWait.poorRuns == 0 || i >= runWait.runFrom)
            && n &- i >= ActionTable.blockRunWidth &+ 2
    }

    /// A two-byte character at `i` followed by a combining mark that the fast run leaves to the slow
    /// path (a kept one: diacritized text under `clean`). The run would write the character, then
    /// give it back with its marks (the roll-back in `fastRun` and `plainRun`): the caller goes to
    /// the slow path at once. (Diacritized `clean`: 385 → 269 instructions per byte.)
    @inline(__always)
    mutating func markedBase(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int,
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
    mutating func plainRun(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int,
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
    mutating func fastRun(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int,
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
        var blocksFrom = runWait.poorRuns == 0 ? i : runWait.runFrom
        let poorBelow = BlockRunWait.poorBelow(keepsMarks: table.runKeepsMarks)
        let goodFrom = BlockRunWait.goodFrom(keepsMarks: table.runKeepsMarks)
        scan: while j < n {
            if useRun && j >= blocksFrom && j &+ runMinimum <= n {
                var flags = (o > o0 && out[o &- 1] != 0x20 && out[o &- 1] != 0x0A ? ARN_RUN_SPACE_FIRST : 0)
                    | (j >= verdicts.joinUntil && j >= verdicts.noJoinUntil ? ARN_RUN_SEPARATORS : 0)
                if watchRepeats && previousPair >= 0 {
                    // Elongation: the two-byte character written last, and whether it was written
                    // twice in a row (before this run: the slow path's count; in it: the output).
                    let twice = o == o0 ? letterRepeat >= ContextRules.Elongation.collapsedRun &- 1
                        : o &- o0 >= 4 && out[o &- 4] == out[o &- 2] && out[o &- 3] == out[o &- 1]
                    flags |= UInt32(previousPair) << ARN_RUN_LAST_SHIFT | (twice ? ARN_RUN_REPEATED : 0)
                }
                var done = arn_run_counts()
                let clean = arn_block_run(p + j, n &- j, out + o, table.runTables, flags, &done)
                if clean > 0 {
                    let runActions = table.runActions
                    let (r0, r1, r2, r3, r4, r5, r6, r7) = done.replaced
                    if r0 | r1 | r2 | r3 | r4 | r5 | r6 | r7 != 0 {
                        credit(runActions[0], Int(r0)); credit(runActions[1], Int(r1))
                        credit(runActions[2], Int(r2)); credit(runActions[3], Int(r3))
                        credit(runActions[4], Int(r4)); credit(runActions[5], Int(r5))
                        credit(runActions[6], Int(r6)); credit(runActions[7], Int(r7))
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
                    // Separators taken as spaces (the punctuation step).
                    counts[Step.punctuation.index] &+= Int(done.spaced)
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
                if clean < poorBelow {
                    blocksFrom = j &+ (16 &<< runWait.poorRuns)
                    runWait.runFrom = blocksFrom
                    runWait.poorRuns = min(runWait.poorRuns &+ 1, 6)
                } else if clean >= goodFrom {
                    runWait.poorRuns = 0
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
                    // After a digit, or a tatweel kept there: `ContextRules.Tatweel` may keep it.
                    if mayKeepTatweel(o) { break scan }
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
                  j >= verdicts.joinUntil, j >= verdicts.noJoinUntil,
                  !(k == Kind.tatweel && mayKeepTatweel(o)) else { break }
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
                credit(actions[Int(CharacterSets.tatweel)])
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

    /// Whether a tatweel written after the output's first `o` bytes may be one that
    /// `ContextRules.Tatweel` keeps (between digits): the output ends with a digit or a tatweel.
    /// The slow path decides those.
    @inline(__always)
    func mayKeepTatweel(_ o: Int) -> Bool {
        outputClass(o) == 2 || endsWithTatweel(o)
    }

    /// A well-formed four-byte character at `k` (below U+20000, the table's end) that no step
    /// touches and that is not Arabic (emoji, CJK extension B …).
    @inline(__always)
    func plainFourByte(_ p: UnsafePointer<UInt8>, _ k: Int, _ n: Int) -> Bool {
        let b = p[k]
        guard b == 0xF0, k &+ 3 < n, p[k &+ 1] & 0xC0 == 0x80, p[k &+ 2] & 0xC0 == 0x80, p[k &+ 3] & 0xC0 == 0x80
        else { return false }
        let c = Int(p[k &+ 1] & 0x3F) << 12 | Int(p[k &+ 2] & 0x3F) << 6 | Int(p[k &+ 3] & 0x3F)
        guard c >= 0x10000 && c < PropertyTable.tableSize else { return false }
        let a = table.actions[c]
        return ActionTable.isPlainAction(a) && a & (ActionTable.arabicLetter | ActionTable.arabicBase) == 0
    }

    /// The fate of the zero-width character at `q` (`length` bytes) outside a joined run, `lastClass`
    /// being the class of the last character written: a join control inside an Arabic word is
    /// deleted by the invisible step (`contextual`), ZWNJ under `persian` becomes a space (left to
    /// the slow path), anything else gets the character-level fallback.
    mutating func zeroWidthFate(_ p: UnsafePointer<UInt8>, _ q: Int, _ length: Int, _ n: Int,
                                        _ lastClass: UInt8) -> ZeroWidthFate {
        let c = scalar(p, q, length)
        if c == CharacterSets.zwnj && persian { return ZeroWidthFate.slowPath }
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
    func creditZeroWidth(_ fate: ZeroWidthFate, _ p: UnsafePointer<UInt8>, _ q: Int, _ length: Int) {
        if fate == ZeroWidthFate.deleteAsInvisible {
            counts[Step.invisible.index] &+= 1
        } else {
            credit(table.actions[Int(scalar(p, q, length))])
        }
    }

    /// The two- or three-byte scalar at `q` (well-formed: the fast run's tables said so).
    @inline(__always)
    func scalar(_ p: UnsafePointer<UInt8>, _ q: Int, _ length: Int) -> UInt32 {
        length == 2 ? UInt32(p[q] & 0x1F) << 6 | UInt32(p[q &+ 1] & 0x3F)
            : UInt32(p[q] & 0x0F) << 12 | UInt32(p[q &+ 1] & 0x3F) << 6 | UInt32(p[q &+ 2] & 0x3F)
    }

    /// Copies a plain run and sets the context state from its last character.
    mutating func emitRun(_ p: UnsafePointer<UInt8>, _ i: Int, _ j: Int, _ actions: UnsafeMutablePointer<UInt32>) {
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
    mutating func takeContextFromOutput(_ actions: UnsafeMutablePointer<UInt32>) {
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
            // Under elongation the block run writes a two-byte letter twice in a row (never a third
            // time): then the slow path's count is 2, and the second one is where a third cuts
            // the output back to (`swallowRepeat`).
            if elongation && c < 0x800 && outCount >= 4
                && out[outCount &- 4] == out[outCount &- 2] && out[outCount &- 3] == out[outCount &- 1] {
                letterRepeat = ContextRules.Elongation.collapsedRun &- 1
                lastLetterOut = outCount &- 2
            }
        } else {
            lastClass = a & ActionTable.digit != 0 ? 2 : (a & ActionTable.arabicBase != 0 ? 1 : 0)
            letterRepeat = 0
        }
    }

    /// The class the slow path keeps for the character that ends the output at `o` (written by a
    /// run): 1 Arabic word character, 2 digit, 0 other.
    @inline(__always)
    func outputClass(_ o: Int) -> UInt8 {
        let c = lastScalar(o)
        if c < 0x80 { return c >= 0x30 && c <= 0x39 ? 2 : 0 }
        let a = table.normalizedActions[Int(c)]
        return a & ActionTable.arabicLetter != 0 ? 1
            : (a & ActionTable.digit != 0 ? 2 : (a & ActionTable.arabicBase != 0 ? 1 : 0))
    }

    /// The scalar that ends the output at `o`, one to four bytes long (what runs write).
    @inline(__always)
    func lastScalar(_ o: Int) -> UInt32 {
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
    func credit(_ a: UInt32, _ times: Int = 1) {
        counts[Int((a >> ActionTable.stepShift) & ActionTable.stepMask)] &+= times
    }
}
