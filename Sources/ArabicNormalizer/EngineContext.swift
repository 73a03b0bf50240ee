import CBlockScan
import CICU

// The context steps of the general path: spaces and line ends, spaces produced by steps, the
// look-ahead of join controls and number separators and the de-obfuscation judgment (the rules
// themselves: `ContextRules`), and `contextual`, where a character a context step claims goes.
extension Engine {
    // MARK: - Context steps

    /// A space character (whitespace step): collapsed into one pending space, dropped at line edges.
    mutating func space(isPlain: Bool, _ i: Int, _ len: Int) {
        letterRepeat = 0
        if lineStart || pendingSpace {
            counts[Step.whitespace.index] += 1
            if pendingSpace { pendingEnd = segment.active ? segment.end : i + len }
            return
        }
        if !isPlain { counts[Step.whitespace.index] += 1 }
        startPendingSpace(i, len)
    }

    /// Input offsets are kept absolute: inside a normalized segment they are the segment's.
    mutating func startPendingSpace(_ i: Int, _ len: Int) {
        pendingSpace = true
        lastClass = 0
        pendingStart = segment.active ? segment.start : i
        pendingEnd = segment.active ? segment.end : i + len
    }

    mutating func newline(_ p: UnsafePointer<UInt8>, _ i: Int, _ len: Int) {
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
    mutating func replaceWithSpace(_ step: Step, _ i: Int, _ len: Int) {
        counts[step.index] += 1
        if whitespace {
            letterRepeat = 0
            if lineStart { return }
            if pendingSpace { pendingEnd = segment.active ? segment.end : i + len; return }
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

    mutating func emitASCIIByte(_ byte: UInt8, _ step: Step, _ i: Int, _ len: Int) {
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


    /// Decodes the scalar at `j`, hopping from a normalized segment into the input that follows it.
    func peek(_ p: inout UnsafePointer<UInt8>, _ j: inout Int, _ n: inout Int) -> (UInt32, Int) {
        if j >= n {
            guard segment.active, let outer = segment.outerInput, p != outer else { return (UTF8Decoding.invalid, 0) }
            p = outer; j = segment.outerResume; n = segment.outerCount
            guard j < n else { return (UTF8Decoding.invalid, 0) }
        }
        return UTF8Decoding.decode(p, j, n)
    }

    /// The next character from `j` past what `passing` passes over (`ContextRules.lookAhead`),
    /// hopping from a normalized segment into the input after it. When the limit, not the text,
    /// ended the look, the pass asks for another: what it deletes in the way brings the character
    /// closer, and the reference's next pass may see it.
    mutating func nextCharacter(_ p: UnsafePointer<UInt8>, _ j: Int, _ n: Int,
                                        passing: (UInt32, CharacterProperties) -> Bool) -> (UInt32, CharacterProperties)? {
        var p = p, j = j, n = n
        let (found, limitReached) = ContextRules.lookAhead(canonicalMarks: unicode, passing: passing) {
            let (c, l) = peek(&p, &j, &n)
            if c == UTF8Decoding.invalid { return nil }
            j += l
            return c
        }
        if limitReached { needsAnotherPass = true }
        // Judged as the reference judges it, on the text as Unicode normalization leaves it: `²`
        // is the digit 2 under NFKC (`1٫²` is 1.2), a presentation form its letters.
        guard let (c, _) = found, changedByNormalization(c), let first = normalizedScalars(c).first else { return found }
        return (first, props(first))
    }

    /// Is the next character, past what `ContextRules.Numbers.passedOver` says, a digit?
    mutating func nextIsDigit(_ p: UnsafePointer<UInt8>, _ j: Int, _ n: Int) -> Bool {
        let tatweelStep = table.tatweel, persianStep = persian
        return nextCharacter(p, j, n) {
            ContextRules.Numbers.passedOver($0, $1, tatweelStep: tatweelStep, persianStep: persianStep)
        }?.1.isDigit ?? false
    }

    /// Does the output end with a tatweel (with no space pending)? With the tatweel step on, only
    /// one `ContextRules.Tatweel` kept (or a span copied as it is).
    var outputEndsWithTatweel: Bool {
        !pendingSpace && endsWithTatweel(outCount)
    }

    /// Do the output's first `o` bytes end with a tatweel (U+0640, `D9 80`)?
    @inline(__always)
    func endsWithTatweel(_ o: Int) -> Bool {
        o >= 2 && out[o &- 2] == 0xD9 && out[o &- 1] == 0x80
    }

    /// Is the next character, past zero-width characters, part of an Arabic word?
    mutating func nextIsArabicWordCharacter(_ p: UnsafePointer<UInt8>, _ j: Int, _ n: Int) -> Bool {
        guard let (c, props) = nextCharacter(p, j, n, passing: ContextRules.JoinControls.passedOver) else { return false }
        return ContextRules.JoinControls.deletedBefore(c, props)
    }

    /// From `i` (a tatweel, zero-width character or separator right after an Arabic word character),
    /// the run of such characters (and marks). It is an obfuscation when it holds a tatweel or a
    /// zero-width character and a separator, and an Arabic letter follows it.
    mutating func scanObfuscation(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> (end: Int, joins: Bool) {
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
                    if writesLetter(d) { needsAnotherPass = true }
                    count += 1
                }
            } else {
                guard note(c, glue: &glue, separator: &separator) else { break scan }
                if writesLetter(c) { needsAnotherPass = true }
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
        return (j, first.map { CharacterSets.isArabicLetter(props($0)) } == true)
    }

    /// A character a stretch carries along as a diacritic that the pass writes as a letter (U+0670
    /// under the superscript-alef option): the next pass sees a letter where this one saw a mark
    /// and may end the stretch there (fuzz finding 9), so the pass runs again, as the reference's.
    func writesLetter(_ d: UInt32) -> Bool {
        ContextRules.Deobfuscation.role(d, props(d)) == .carried
            && table.action(d, normalized: true) & ActionTable.arabicLetter != 0
    }

    /// Notes what a scalar of an obfuscation run is (glue: tatweel or zero-width; a separator);
    /// false when it ends the run (anything but those and diacritics).
    func note(_ d: UInt32, glue: inout Bool, separator: inout Bool) -> Bool {
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
    func changedByNormalization(_ c: UInt32) -> Bool {
        let p = props(c)
        return unicode && !p.has(table.form == .nfkc ? CharacterProperties.Flag.nfkcYes : CharacterProperties.Flag.nfcYes)
            && !p.has(table.form == .nfkc ? CharacterProperties.Flag.nfkcMaybe : CharacterProperties.Flag.nfcMaybe)
    }

    /// `c` normalized, as scalars (rare: one ICU call, only for `changedByNormalization` characters).
    func normalizedScalars(_ c: UInt32) -> [UInt32] {
        guard let scalar = Unicode.Scalar(c) else { return [c] }
        return ICU.normalize(String(Character(scalar)), form: table.form).unicodeScalars.map(\.value)
    }

    /// At a possible start of an obfuscation run: scans it once and remembers the verdict.
    mutating func judgeObfuscation(_ c: UInt32, _ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) {
        // Fast verdict for the common case, a separator followed by a plain character or a space
        // (a comma after a word): the run is just the separator, which holds no tatweel.
        let len = c < 0x80 ? 1 : (c < 0x800 ? 2 : 3)
        let j = i + len
        if c != CharacterSets.tatweel && j < n {
            let b = p[j]
            if b == 0x20 || (b < 0x80 ? table.plainASCII[Int(b)]
                             : (j + 1 < n && ActionTable.PairKind.isStarter(table.plainPairs[Int(b) << 8 | Int(p[j + 1])]))) {
                verdicts.noJoinUntil = j
                return
            }
        }
        let props = props(c)
        guard c == CharacterSets.tatweel || CharacterSets.isZeroWidth(c, props)
                || CharacterSets.isSeparator(c, props) else { return }
        let (end, joins) = scanObfuscation(p, i, n)
        if joins {
            verdicts.joinUntil = end
            counts[Counter.wordsDeobfuscated] += 1
        } else {
            verdicts.noJoinUntil = end
        }
    }

    mutating func contextual(_ c: UInt32, _ a: UInt32, _ p: UnsafePointer<UInt8>, _ i: Int, _ len: Int, _ n: Int) {
        let props = props(c)
        let isZeroWidth = CharacterSets.isZeroWidth(c, props)
        let isSeparator = CharacterSets.isSeparator(c, props)
        if deobfuscate && (c == CharacterSets.tatweel || isZeroWidth || isSeparator) {
            if i >= verdicts.joinUntil && i >= verdicts.noJoinUntil && lastClass == 1 { judgeObfuscation(c, p, i, n) }
            if i < verdicts.joinUntil && (isZeroWidth || isSeparator) {
                counts[Step.deobfuscate.index] += 1
                starterAltered = true
                return
            }
        }
        if c == CharacterSets.zwnj && persian {
            replaceWithSpace(.persian, i, len)
            return
        }
        if props.has(CharacterProperties.Flag.joinControl) {
            if invisible && lastClass == 1 && nextIsArabicWordCharacter(p, i + len, n) {
                counts[Step.invisible.index] += 1
                starterAltered = true
                return
            }
        } else if digits && (c == CharacterSets.arabicDecimalSeparator || c == CharacterSets.arabicThousandsSeparator) {
            if lastClass == 2 && nextIsDigit(p, i + len, n) {
                emitASCIIByte(c == CharacterSets.arabicDecimalSeparator ? 0x2E : 0x2C, .digits, i, len)
                return
            }
        } else if digits && c == CharacterSets.arabicPercent && lastClass == 2 {
            emitASCIIByte(0x25, .digits, i, len)
            return
        }
        if punctuation && props.isPunctuation {
            let insideNumber =
                (CharacterSets.isNumberSeparator(c) && lastClass == 2 && nextIsDigit(p, i + len, n))
                || (CharacterSets.isPercent(c) && lastClass == 2)
                || (ContextRules.Numbers.isSign(c) && nextIsDigit(p, i + len, n))
            if !insideNumber {
                replaceWithSpace(.punctuation, i, len)
                return
            }
        }
        if c == CharacterSets.tatweel && table.tatweel
            && ContextRules.Tatweel.kept(afterDigit: lastClass == 2, afterKeptTatweel: outputEndsWithTatweel,
                                         beforeDigit: nextIsDigit(p, i + len, n)) {
            emitCopy(c, a, p, i, len)
            return
        }
        // Not in a context any step acts on: what the character-level steps say.
        switch (a >> ActionTable.fallbackShift) & 0x3 {
        case 0: emitCopy(c, a, p, i, len)
        case 1: deleted(a)
        default: emitReplacement(a, i, i + len)
        }
    }
}
