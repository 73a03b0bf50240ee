import CBlockScan
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// One configuration compiled into per-code-point actions: the data the single pass runs on.
///
/// Every code point below U+20000 gets a 32-bit action word, built once per configuration from
/// `PropertyTable` (ICU's properties) and `CharacterSteps` (the character-level steps), and
/// shared by all normalizers with that configuration.
final class ActionTable: @unchecked Sendable {
    /// Action word layout.
    enum Kind: UInt32 {
        case copy = 0, delete = 1, map = 2, space = 3, newline = 4, contextual = 5, icu = 6
    }
    static let kindMask: UInt32 = 0x7
    static let fallbackShift: UInt32 = 3          // 2 bits: copy/delete/map for contextual characters
    static let noBoundaryBefore: UInt32 = 1 << 5  // continues the previous normalization segment
    static let composesBackward: UInt32 = 1 << 6  // quick check says "maybe"
    static let arabicLetter: UInt32 = 1 << 7      // what is emitted is an Arabic letter
    static let cccShift: UInt32 = 8               // 8 bits: canonical combining class
    static let stepShift: UInt32 = 16             // 4 bits: the step credited for a change
    static let stepMask: UInt32 = 0xF             // (so at most 16 steps: `Step.count`)
    static let digit: UInt32 = 1 << 20            // what is emitted is a decimal digit
    static let arabicBase: UInt32 = 1 << 21        // an Arabic letter or tatweel (before the steps)
    static let replacementShift: UInt32 = 22      // 9 bits
    static let isMark: UInt32 = 1 << 31

    /// A replacement: up to 8 UTF-8 bytes packed little-endian, and the scalar they encode.
    struct Replacement {
        var bytes: UInt64
        var length: Int
        var scalar: UInt32
    }

    let configuration: Configuration
    /// Actions with Unicode normalization checks (what the input goes through).
    let actions: UnsafeMutablePointer<UInt32>
    /// Actions for text that ICU has already normalized.
    let normalizedActions: UnsafeMutablePointer<UInt32>
    let replacements: UnsafeMutablePointer<Replacement>
    let replacementCount: Int
    /// ASCII bytes that can be copied in bulk: no step touches them in this configuration.
    let plainASCII: UnsafeMutablePointer<Bool>
    /// ASCII separators that only de-obfuscation looks at: copied unless they split a word.
    let separatorASCII: UnsafeMutablePointer<Bool>
    /// What the fast run may do with each two-byte sequence (indexed by `lead << 8 | trail`);
    /// see `PairKind`.
    let plainPairs: UnsafeMutablePointer<UInt8>
    /// The same for three-byte characters (indexed by code point, U+0800–U+FFFF): `plain` (not
    /// Arabic letters), `separator`, `zeroWidth` and `space`; everything else, surrogates too, is `stop`.
    let plainTriples: UnsafeMutablePointer<UInt8>
    /// The byte sets the fast run's 16-byte block scan copies (`arn_copy_clean_prefix`): plain
    /// ASCII and, for the Arabic leads D8–DB, the trail bytes that make a character not plain.
    let blockRanges: UnsafeMutablePointer<arn_block_ranges>
    /// The block scan runs (SIMD in this build, and something to copy).
    let blockScan: Bool
    /// The tables of the block run (`arn_block_run`, AVX2 or SSSE3), and the action credited for
    /// each of its replacements (`ARN_RUN_MAX_MAPS`), then for each of its deletion groups
    /// (`ARN_RUN_MAX_DELETIONS`).
    let runTables: UnsafeMutablePointer<arn_run_tables>
    let runActions: UnsafeMutablePointer<UInt32>
    /// The block run is used: this machine has it, and, under elongation (which compares each letter
    /// with the ones written before it), it is the AVX2 run, which checks what it writes
    /// (`arn_run_tables.repeatRun`).
    let blockRun: Bool
    /// The block run copies kept marks in canonical order (`keptMarks`, AVX2): a base followed by
    /// a kept mark goes to it, not straight to the slow path.
    let runKeepsMarks: Bool

    /// Kinds of two-byte characters in `plainPairs`, for the engine's fast run.
    enum PairKind {
        /// Not handled by the fast run (or not a character).
        static let stop: UInt8 = 0
        /// No step touches it.
        static let plain: UInt8 = 2
        /// No step touches it; an Arabic letter (elongation watches repeats).
        static let plainLetter: UInt8 = 3
        /// Mapped, with no context, to a one- or two-byte starter that is itself plain.
        static let map: UInt8 = 4
        /// A combining mark deleted with no context (diacritics and the like).
        static let deletedMark: UInt8 = 5
        /// A separator only de-obfuscation looks at (like `separatorASCII`).
        static let separator: UInt8 = 6
        /// Tatweel that de-obfuscation looks at and the tatweel step deletes: deleted in a run of
        /// tatweel followed by a plain character (such a run holds no separator, so joins nothing).
        static let tatweel: UInt8 = 7
        /// A zero-width character de-obfuscation looks at: deleted inside a run it joins, else
        /// left to the slow path (the invisible and Persian steps judge it in context).
        static let zeroWidth: UInt8 = 8
        /// A space other than U+0020 that the whitespace step turns into one (NBSP, thin space …):
        /// written as a plain space between two characters the run writes.
        static let space: UInt8 = 9

        /// Copied as it is (what the offsets-recording path also takes in bulk).
        @inline(__always) static func isPlain(_ kind: UInt8) -> Bool { kind &- plain < 2 }
        /// A starter that the fast run emits (plain or mapped).
        @inline(__always) static func isStarter(_ kind: UInt8) -> Bool { kind &- plain < 3 }
    }

    let form: ICU.Form
    let unicode, whitespace, deobfuscate, invisible, persian, elongation, punctuation, digits, tatweel: Bool

    private init(_ configuration: Configuration) {
        self.configuration = configuration
        let steps = configuration.steps
        unicode = steps.contains(.unicode)
        form = steps.contains(.nfkc) ? .nfkc : .nfc
        whitespace = steps.contains(.whitespace)
        deobfuscate = steps.contains(.deobfuscate)
        invisible = steps.contains(.invisible)
        persian = steps.contains(.persian)
        elongation = steps.contains(.elongation)
        punctuation = steps.contains(.punctuation)
        digits = steps.contains(.digits)
        tatweel = steps.contains(.tatweel)

        let size = PropertyTable.tableSize
        actions = .allocate(capacity: size)
        normalizedActions = .allocate(capacity: size)
        var pool: [Replacement] = []
        var poolIndex: [UInt32: Int] = [:]
        func replacementIndex(_ target: UInt32) -> Int {
            if let i = poolIndex[target] { return i }
            var packed: UInt64 = 0
            var length = 0
            for b in String(Character(Unicode.Scalar(target)!)).utf8 {
                packed |= UInt64(b) << (8 * UInt64(length))
                length += 1
            }
            pool.append(Replacement(bytes: packed, length: length, scalar: target))
            poolIndex[target] = pool.count - 1
            return pool.count - 1
        }
        // Space (for ZWNJ under `persian`, punctuation) is replacement 0.
        _ = replacementIndex(0x20)

        let nfkc = form == .nfkc
        for c in 0..<UInt32(size) {
            if (0xD800...0xDFFF).contains(c) { actions[Int(c)] = 0; normalizedActions[Int(c)] = 0; continue }
            let p = PropertyTable.table[Int(c)]
            // Only the Arabic blocks and invisible characters are touched by character-level steps.
            let touched = (0x0600...0x08FF).contains(c) || (0xFB50...0xFEFF).contains(c)
                || CharacterSets.isInvisible(c, p)
            let (target, step) = touched
                ? CharacterSteps.resolve(c, steps: steps, options: configuration.options) : (c, nil)

            // What the character-level steps do.
            var base: UInt32
            var fallback: UInt32
            if let target {
                if target == c {
                    base = Kind.copy.rawValue; fallback = 0
                } else {
                    let r = UInt32(replacementIndex(target))
                    base = Kind.map.rawValue | (r << ActionTable.replacementShift); fallback = 2
                }
                let tp = PropertyTable.properties(target)
                if CharacterSets.isArabicLetter(tp) { base |= ActionTable.arabicLetter }
                if tp.isDigit { base |= ActionTable.digit }
            } else {
                base = Kind.delete.rawValue; fallback = 1
            }
            if let step { base |= UInt32(step.index) << ActionTable.stepShift }
            base |= UInt32(p.combiningClass) << ActionTable.cccShift
            if p.isMark { base |= ActionTable.isMark }
            if CharacterSets.isArabicLetter(p) || c == CharacterSets.tatweel { base |= ActionTable.arabicBase }

            let qcYes = p.has(nfkc ? CharacterProperties.Flag.nfkcYes : CharacterProperties.Flag.nfcYes)
            let qcMaybe = p.has(nfkc ? CharacterProperties.Flag.nfkcMaybe : CharacterProperties.Flag.nfcMaybe)
            let boundary = p.has(nfkc ? CharacterProperties.Flag.nfkcBoundaryBefore
                                      : CharacterProperties.Flag.nfcBoundaryBefore)
            if unicode && qcMaybe { base |= ActionTable.composesBackward }

            // Context steps take over the characters they look at.
            var special: Kind?
            if CharacterSets.isLineBreak(c) {
                special = .newline
            } else if whitespace && CharacterSets.isSpace(c, p) {
                special = .space
            } else if (deobfuscate && ContextRules.Deobfuscation.role(c, p) != .ends
                       && (ContextRules.Deobfuscation.role(c, p) != .carried
                           || ContextRules.Deobfuscation.continuesAsStarter(c, p)))
                        || ((invisible || persian) && p.has(CharacterProperties.Flag.joinControl))
                        || (digits && (c == CharacterSets.arabicDecimalSeparator
                                       || c == CharacterSets.arabicThousandsSeparator
                                       || c == CharacterSets.arabicPercent))
                        || (punctuation && p.isPunctuation)
                        || (tatweel && c == CharacterSets.tatweel) {   // (`ContextRules.Tatweel`)
                special = .contextual
            }
            var post = base
            if let special {
                post = (base & ~ActionTable.kindMask) | special.rawValue | (fallback << ActionTable.fallbackShift)
            }
            normalizedActions[Int(c)] = post
            var pre = post
            if unicode {
                if !boundary { pre |= ActionTable.noBoundaryBefore }
                if !qcYes { pre = (pre & ~ActionTable.kindMask) | Kind.icu.rawValue }
            }
            actions[Int(c)] = pre
        }
        replacements = .allocate(capacity: pool.count)
        replacements.initialize(from: pool, count: pool.count)
        replacementCount = pool.count
        plainASCII = .allocate(capacity: 128)
        for b in 0..<128 {
            let a = actions[b]
            plainASCII[b] = (a & ActionTable.kindMask) == Kind.copy.rawValue && a & ActionTable.noBoundaryBefore == 0
        }
        // A character de-obfuscation alone looks at: a separator (not tatweel, not zero-width) that
        // no other context step claims and that is copied when it does not split a word.
        let actions = self.actions, plainASCII = self.plainASCII
        let deobfuscate = self.deobfuscate, punctuation = self.punctuation, invisible = self.invisible
        let persian = self.persian, digits = self.digits, whitespace = self.whitespace
        func onlySeparator(_ c: Int) -> Bool {
            let a = actions[c], p = PropertyTable.table[c]
            let c32 = UInt32(c)
            return deobfuscate && a & ActionTable.kindMask == Kind.contextual.rawValue
                && (a >> ActionTable.fallbackShift) & 0x3 == 0
                && a & (ActionTable.noBoundaryBefore | ActionTable.isMark) == 0
                && ContextRules.Deobfuscation.role(c32, p) == .separator
                && !(punctuation && p.isPunctuation)
                && !((invisible || persian) && p.has(CharacterProperties.Flag.joinControl))
                && !(digits && (c32 == CharacterSets.arabicDecimalSeparator
                                || c32 == CharacterSets.arabicThousandsSeparator
                                || c32 == CharacterSets.arabicPercent))
                && !CharacterSets.isLineBreak(c32) && !(whitespace && CharacterSets.isSpace(c32, p))
        }
        /// A zero-width character de-obfuscation claims (what it does outside a joined run is the
        /// slow path's business).
        func onlyZeroWidth(_ c: Int) -> Bool {
            let a = actions[c], p = PropertyTable.table[c]
            return deobfuscate && a & ActionTable.kindMask == Kind.contextual.rawValue
                && a & (ActionTable.noBoundaryBefore | ActionTable.isMark) == 0
                && ContextRules.Deobfuscation.role(UInt32(c), p) == .glue && UInt32(c) != CharacterSets.tatweel
                && !CharacterSets.isLineBreak(UInt32(c))
        }
        separatorASCII = .allocate(capacity: 128)
        for b in 0..<128 { separatorASCII[b] = onlySeparator(b) }

        let isPlain = ActionTable.isPlainAction
        plainPairs = .allocate(capacity: 0x10000)
        plainPairs.initialize(repeating: PairKind.stop, count: 0x10000)
        for lead in 0xC2...0xDF {
            for trail in 0x80...0xBF {
                let c = (lead & 0x1F) << 6 | (trail & 0x3F)
                let a = actions[c]
                var kind = PairKind.stop
                switch a & ActionTable.kindMask {
                case Kind.copy.rawValue where isPlain(a):
                    kind = a & ActionTable.arabicLetter != 0 ? PairKind.plainLetter : PairKind.plain
                case Kind.map.rawValue where a & (ActionTable.noBoundaryBefore | ActionTable.isMark
                                                  | ActionTable.composesBackward) == 0:
                    // The fast run derives its context state from what it wrote, so the target must
                    // carry the same class the slow path would give it.
                    let r = pool[Int(a >> ActionTable.replacementShift) & 0x1FF]
                    let targetAction = r.scalar < UInt32(size) ? actions[Int(r.scalar)] : 0
                    let classOK = a & ActionTable.arabicBase == 0
                        || a & (ActionTable.arabicLetter | ActionTable.digit) != 0
                    let targetPlain = r.scalar < 0x80 ? plainASCII[Int(r.scalar)]
                        : (r.length == 2 && isPlain(targetAction))
                    if r.length <= 2 && classOK && targetPlain { kind = PairKind.map }
                case _ where ActionTable.isDeletedMark(a):
                    kind = PairKind.deletedMark
                case Kind.contextual.rawValue where onlySeparator(c):
                    kind = PairKind.separator
                case Kind.contextual.rawValue where UInt32(c) == CharacterSets.tatweel
                        && (a >> ActionTable.fallbackShift) & 0x3 == 1
                        && a & (ActionTable.noBoundaryBefore | ActionTable.isMark) == 0:
                    kind = PairKind.tatweel
                case Kind.contextual.rawValue where onlyZeroWidth(c):
                    kind = PairKind.zeroWidth
                case Kind.space.rawValue where a & (ActionTable.noBoundaryBefore | ActionTable.isMark) == 0:
                    kind = PairKind.space
                default:
                    break
                }
                plainPairs[lead << 8 | trail] = kind
            }
        }
        blockRanges = .allocate(capacity: 1)
        blockRanges.initialize(to: ActionTable.blockRanges(plainASCII: plainASCII, pairs: plainPairs,
                                                           whitespace: whitespace, elongation: elongation))
        blockScan = ActionTable.blockScanEnabled && (blockRanges.pointee.ascii.count > 0 || blockRanges.pointee.arabic.count > 0)
        plainTriples = .allocate(capacity: 0x10000)
        plainTriples.initialize(repeating: PairKind.stop, count: 0x10000)
        for c in 0x800..<0x10000 where !(0xD800...0xDFFF).contains(c) {
            let a = actions[c]
            if isPlain(a) && a & (ActionTable.arabicLetter | ActionTable.arabicBase) == 0 {
                plainTriples[c] = PairKind.plain
            } else if onlySeparator(c) {
                plainTriples[c] = PairKind.separator
            } else if onlyZeroWidth(c) {
                plainTriples[c] = PairKind.zeroWidth
            } else if a & ActionTable.kindMask == Kind.space.rawValue
                        && a & (ActionTable.noBoundaryBefore | ActionTable.isMark) == 0 {
                plainTriples[c] = PairKind.space
            }
        }
        // Replacements the block run writes in place: U+0600–U+06FF to a character of that block.
        // (Asked only of `map` pairs.)
        let unicode = self.unicode, form = self.form
        let spacesSeparators = punctuation && whitespace
        let run = BlockRunTables.make(plainASCII: plainASCII, separatorASCII: separatorASCII, pairs: plainPairs,
                                      triples: plainTriples,
                                      replacement: { low in
            let a = actions[0x600 | low]
            let r = pool[Int(a >> ActionTable.replacementShift) & 0x1FF]
            return r.length == 2 && (0x600...0x6FF).contains(r.scalar) ? (Int(r.scalar) & 0xFF, a) : nil
        }, action: { low in actions[0x600 | low] },
           deletedMark: { c in ActionTable.isDeletedMark(actions[c]) ? actions[c] : nil },
           keptMark: { c in ActionTable.isKeptMark(actions[c]) },
           carriedStarter: { c in
            // De-obfuscation's only: a starter that continues a stretch (a Quranic sign that is
            // no mark), copied where no stretch holds it.
            let a = actions[c], p = PropertyTable.table[c]
            return deobfuscate && ContextRules.Deobfuscation.continuesAsStarter(UInt32(c), p)
                && a & ActionTable.kindMask == Kind.contextual.rawValue && (a >> ActionTable.fallbackShift) & 0x3 == 0
                && a & (ActionTable.noBoundaryBefore | ActionTable.isMark | ActionTable.composesBackward) == 0
                && !(punctuation && p.isPunctuation) && !p.has(CharacterProperties.Flag.joinControl)
        },
           letter: { low in
            // A letter as read (de-obfuscation's judgment of what follows a run) and as written
            // (the class the slow path keeps for what precedes one).
            let c = 0x600 | low
            return CharacterSets.isArabicLetter(PropertyTable.table[c]) && actions[c] & ActionTable.arabicLetter != 0
        }, stable: { c in
            let p = PropertyTable.table[c]
            return !unicode || p.has(form == .nfkc ? CharacterProperties.Flag.nfkcYes : CharacterProperties.Flag.nfcYes)
        }, joins: deobfuscate, zeroWidthBetweenLetters: { c in
            // What the fast run's `zeroWidthFate` says after a letter and before one: the
            // invisible step deletes join controls there, and its action deletes the others.
            let a = actions[c]
            if PropertyTable.table[c].has(CharacterProperties.Flag.joinControl) {
                return invisible && !(persian && UInt32(c) == CharacterSets.zwnj)
            }
            return (a >> ActionTable.fallbackShift) & 0x3 == 1 && Int((a >> ActionTable.stepShift) & ActionTable.stepMask) == Step.invisible.index
        }, plainFourByteRow: { b in
            // As the fast run's `plainFourByte` says of each of the row's characters.
            let first = 0x1F000 | (b & 0x3F) << 6
            return first + 63 < size && (first..<first + 64).allSatisfy { c in
                ActionTable.isPlainAction(actions[c]) && actions[c] & (ActionTable.arabicLetter | ActionTable.arabicBase) == 0
            }
        }, spaced: { c in
            // What `Engine.contextual` does with a separator under the punctuation step (with the
            // whitespace step, which collapses the space): a space, outside a number
            // (`ContextRules.Numbers`). Number separators are left out but ASCII ones, which the run
            // takes where the ASCII around them shows they are outside a number; `%`-like signs and
            // the digit step's separators, which depend on the digit before, are left out.
            let a = actions[c], p = PropertyTable.table[c], c32 = UInt32(c)
            guard spacesSeparators, p.isPunctuation,
                  a & ActionTable.kindMask == Kind.contextual.rawValue,
                  a & (ActionTable.noBoundaryBefore | ActionTable.isMark) == 0,
                  ContextRules.Deobfuscation.role(c32, p) == .separator,
                  !p.has(CharacterProperties.Flag.joinControl), !CharacterSets.isLineBreak(c32),
                  !CharacterSets.isSpace(c32, p), !CharacterSets.isPercent(c32),
                  c32 != CharacterSets.arabicDecimalSeparator, c32 != CharacterSets.arabicThousandsSeparator
            else { return .never }
            if CharacterSets.isNumberSeparator(c32) { return c32 < 0x80 ? .outsideNumber : .never }
            return .anywhere
        }, whitespace: whitespace, canonicalOrder: unicode, elongation: elongation, width: ActionTable.blockRunWidth)
        runTables = .allocate(capacity: 1)
        runTables.initialize(to: run.tables)
        arn_run_tables_widen(runTables)
        let maps = Int(ARN_RUN_MAX_MAPS), slots = maps + Int(ARN_RUN_MAX_DELETIONS)
        runActions = .allocate(capacity: slots)
        runActions.initialize(repeating: 0, count: slots)
        for (g, a) in run.actions.enumerated() { runActions[g] = a }
        for (g, a) in run.deletionActions.enumerated() { runActions[maps + g] = a }
        // Under elongation only the AVX2 run, which checks what it writes for repeated letters.
        blockRun = ActionTable.blockRunWidth > 0
            && (!elongation || (ActionTable.blockRunWidth == 64 && run.tables.repeatRun == UInt32(ARN_RUN_REPEAT_RUN)))
        runKeepsMarks = blockRun && ActionTable.blockRunWidth == 64 && run.tables.keptMarks != 0
    }

    /// SIMD in this build, and not turned off with `ARNORM_BLOCK_SCAN=0` (for measuring it).
    static let blockScanEnabled: Bool = arn_block_scan_available() != 0
        && getenv("ARNORM_BLOCK_SCAN").map { String(cString: $0) != "0" } ?? true

    /// The block run's width on this machine (64 with AVX2, 16 with SSSE3, 0: none), unless
    /// `ARNORM_BLOCK_RUN` says 0 (off) or 16 (the SSSE3 run even where AVX2 is), for measuring.
    static let blockRunWidth: Int = {
        let available = Int(arn_block_run_setup())
        switch getenv("ARNORM_BLOCK_RUN").map({ String(cString: $0) }) {
        case "0": return 0
        case "16": return min(available, 16)
        default: return available
        }
    }()

    /// The block scan's byte sets, from the tables: every character it lets through is one the
    /// fast run copies unchanged. Each range costs instructions per block, so it keeps the four
    /// ranges that cover the most printable ASCII, and the six that cover the most letters of the
    /// Arabic alphabet (U+0621–U+064A); the characters it leaves out go through the scalar loop.
    private static func blockRanges(plainASCII: UnsafeMutablePointer<Bool>, pairs: UnsafeMutablePointer<UInt8>,
                                    whitespace: Bool, elongation: Bool) -> arn_block_ranges {
        func pack(_ members: [Int], limit: Int, weight: (ClosedRange<Int>) -> Int) -> arn_byte_ranges {
            var list: [ClosedRange<Int>] = []
            for m in members {
                if let r = list.last, r.upperBound == m - 1 { list[list.count - 1] = r.lowerBound...m } else { list.append(m...m) }
            }
            // Ranges that cover nothing of weight are not worth their instructions.
            let kept = list.filter { weight($0) > 0 }.sorted { (weight($0), $0.count) > (weight($1), $1.count) }.prefix(limit)
            var r = arn_byte_ranges()
            withUnsafeMutableBytes(of: &r.lo) { lo in
                withUnsafeMutableBytes(of: &r.width) { width in
                    for (k, range) in kept.enumerated() {
                        for lane in 0..<16 {
                            lo[k * 16 + lane] = UInt8(range.lowerBound)
                            width[k * 16 + lane] = UInt8(range.upperBound - range.lowerBound)
                        }
                    }
                }
            }
            r.count = UInt8(kept.count)
            return r
        }
        var result = arn_block_ranges()
        result.ascii = pack((0..<128).filter { plainASCII[$0] }, limit: 3) { range in range.filter { (0x21...0x7E).contains($0) }.count }
        // U+0600–U+06FF by the low byte of the code point: lead 0xD8 + (low >> 6), trail 0x80 | (low & 0x3F).
        result.arabic = pack((0..<256).filter { ActionTable.PairKind.isPlain(pairs[(0xD8 + ($0 >> 6)) << 8 | (0x80 | $0 & 0x3F)]) },
                             limit: 4) { range in
            // Letters of the Arabic alphabet first (the six most frequent, ا ل ي م و ن, count more),
            // then the rest of the block (Persian, Urdu letters).
            range.filter { (0x21...0x4A).contains($0) }.count * 256
                + range.filter { [0x27, 0x44, 0x4A, 0x45, 0x48, 0x46].contains($0) }.count * 2048 + range.count
        }
        result.inlineSpaces = whitespace && !plainASCII[0x20] ? 1 : 0
        result.watchRepeats = elongation ? 1 : 0
        return result
    }

    /// A combining mark a step deletes (the fast runs' deleted marks: whatever its base, it goes).
    static func isDeletedMark(_ a: UInt32) -> Bool {
        a & ActionTable.kindMask == Kind.delete.rawValue && (a >> ActionTable.cccShift) & 0xFF != 0
    }

    /// A combining mark every step copies as it is and that composes with no character before it
    /// (the fast runs' kept marks: alone on a base, or after marks of lower or equal classes, it
    /// stays as it is).
    static func isKeptMark(_ a: UInt32) -> Bool {
        a & ActionTable.isMark != 0 && a & ActionTable.kindMask == Kind.copy.rawValue
            && (a >> ActionTable.cccShift) & 0xFF != 0 && a & ActionTable.composesBackward == 0
    }

    /// Copied as it is by every step, and a starter that starts a normalization segment.
    static func isPlainAction(_ a: UInt32) -> Bool {
        a & ActionTable.kindMask == Kind.copy.rawValue && a & (ActionTable.noBoundaryBefore | ActionTable.isMark) == 0
    }

    /// Computes the action of a code point above the table (planes 2 and up), or of any code point
    /// in the slow paths, without the table.
    func action(_ c: UInt32, normalized: Bool) -> UInt32 {
        if c < UInt32(PropertyTable.tableSize) {
            return normalized ? normalizedActions[Int(c)] : actions[Int(c)]
        }
        // Above U+1FFFF nothing but normalization (CJK compatibility ideographs), invisible tags
        // and spaces could apply; letters there are copied.
        let p = PropertyTable.properties(c)
        var a = Kind.copy.rawValue | (UInt32(p.combiningClass) << ActionTable.cccShift)
        if p.isMark { a |= ActionTable.isMark }
        if invisible && CharacterSets.isInvisible(c, p) {
            a = (a & ~ActionTable.kindMask) | Kind.delete.rawValue | (UInt32(Step.invisible.index) << ActionTable.stepShift)
        }
        if p.isDigit { a |= ActionTable.digit }
        if !normalized && unicode {
            let nfkc = form == .nfkc
            if !p.has(nfkc ? CharacterProperties.Flag.nfkcYes : CharacterProperties.Flag.nfcYes) {
                a = (a & ~ActionTable.kindMask) | Kind.icu.rawValue
            }
            if !p.has(nfkc ? CharacterProperties.Flag.nfkcBoundaryBefore : CharacterProperties.Flag.nfcBoundaryBefore) {
                a |= ActionTable.noBoundaryBefore
            }
        }
        return a
    }

    // Tables are cached per configuration for the life of the process.
    // The preset name does not change the table: only the steps and the options do.
    private struct Key: Hashable {
        var steps: StepSet
        var options: NormalizationOptions
    }
    private static let cache = Mutex<[Key: ActionTable]>([:])

    /// How many configurations keep their tables (about 1.1 MB each) for reuse. Normalizers hold
    /// their own table, so dropping one from the cache only costs a rebuild for the next new one.
    static let cacheLimit = 16

    static func table(for configuration: Configuration) -> ActionTable {
        let key = Key(steps: configuration.steps, options: configuration.options)
        if let table = cache.withLock({ $0[key] }) { return table }
        let table = ActionTable(configuration)
        return cache.withLock { cache in
            if let existing = cache[key] { return existing }
            if cache.count >= cacheLimit, let victim = cache.keys.first { cache[victim] = nil }
            cache[key] = table
            return table
        }
    }

    static var cachedConfigurations: Int { cache.withLock { $0.count } }

    deinit {
        actions.deallocate()
        normalizedActions.deallocate()
        replacements.deallocate()
        plainASCII.deallocate()
        separatorASCII.deallocate()
        plainPairs.deallocate()
        plainTriples.deallocate()
        blockRanges.deallocate()
        runTables.deallocate()
        runActions.deallocate()
    }
}
