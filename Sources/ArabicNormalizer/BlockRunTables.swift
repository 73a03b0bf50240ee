import CBlockScan

/// The tables of the SIMD block run (`arn_block_run`), derived from the action table's kinds.
///
/// The run classes a byte with two 16-entry lookups, one by its low nibble and one by its high
/// nibble, ANDed: eight class bits, each a rectangle of the 16×16 byte table (a set of rows × a
/// set of columns). Each category (plain ASCII, ASCII separators, plain Arabic, Arabic separators,
/// each replacement) is covered by whole rectangles of its own members: rows of the table whose
/// members form the same set of columns share one. Eight bits per lookup rarely cover everything;
/// the rectangles that hold the most frequent characters are kept, and what is left out goes
/// through the engine's scalar loop. So the run never takes a character the scalar loop would
/// treat differently.
enum BlockRunTables {
    /// Where the punctuation step turns a separator into a space, for the block run.
    enum SpacedSeparator { case never, anywhere, outsideNumber }

    /// A candidate class bit: the rows and columns it covers, and what it means.
    private struct Rectangle {
        enum Meaning: Equatable {
            case plain, separator, zeroWidth
            /// A separator the punctuation step turns into a space: anywhere, or only before a
            /// space or a line feed (a number separator).
            case spaced, spacedOutsideNumber
            /// Replaced by the character U+0600 + `target` (the low byte), credited with `action`.
            case replaced(target: Int, action: UInt32)
            /// Deleted (a mark, or tatweel), credited with `action`.
            case deleted(tatweel: Bool, action: UInt32)

            /// Whether two bits of this meaning may cover the same byte: yes where the run only
            /// asks whether a byte has any such bit; no where a bit indexes a target or a count.
            var mayOverlap: Bool {
                switch self {
                case .plain, .separator, .zeroWidth, .spaced, .spacedOutsideNumber: return true
                case .replaced, .deleted: return false
                }
            }
        }
        var meaning: Meaning
        var rows: Set<Int>
        var columns: Set<Int>
        /// The bytes covered (row << 4 | column), with their weights.
        var cells: [(byte: Int, weight: Int)]
    }

    /// Candidate rectangles covering only `members` (bytes 0...255). Rows with the same columns
    /// share one; where bits of `meaning` may overlap, so do the rows holding each pair of rows'
    /// common columns (`*+/` and `:;?` share `{2, 3} × {A, B, F}`), which covers the members with
    /// fewer bits.
    private static func rectangles(_ members: [Int], meaning: Rectangle.Meaning,
                                   weight: (Int) -> Int) -> [Rectangle] {
        var columnsByRow: [Int: Set<Int>] = [:]
        for m in members { columnsByRow[m >> 4, default: []].insert(m & 15) }
        var columnSets = Set(columnsByRow.values)
        if meaning.mayOverlap {
            let rows = columnsByRow.values
            for a in rows {
                for b in rows where a != b {
                    let common = a.intersection(b)
                    if !common.isEmpty { columnSets.insert(common) }
                }
            }
        }
        return columnSets.map { columns in
            // Every row holding all these columns, or (without overlap) exactly these.
            let rows = Set(columnsByRow.filter { meaning.mayOverlap ? columns.isSubset(of: $0.value) : columns == $0.value }.keys)
            let cells = rows.sorted().flatMap { row in columns.sorted().map { (byte: row << 4 | $0, weight: weight(row << 4 | $0)) } }
            return Rectangle(meaning: meaning, rows: rows, columns: columns, cells: cells)
        }
    }

    /// Eight rectangles (at most `maxMaps` replacements among them), as lookup tables and category
    /// masks: a greedy weighted cover, each pick the rectangle that covers the most weight not yet
    /// covered (ties: more rows, then the lowest byte, so the choice does not depend on hashing).
    /// Replacements get the low bits (bit g: the g-th), so that a class byte's low nibble indexes
    /// the replacement's target.
    private static func assign(_ candidates: [Rectangle], maxMaps: Int)
        -> (lo: [UInt8], hi: [UInt8], kept: [(bit: UInt8, Rectangle)]) {
        var chosen: [Rectangle] = []
        var covered = [Bool](repeating: false, count: 256)
        var maps = 0
        var left = candidates
        while chosen.count < 8 {
            var best: (key: [Int], index: Int)?
            for (index, r) in left.enumerated() {
                if case .replaced = r.meaning, maps >= maxMaps { continue }
                let gain = r.cells.reduce(0) { covered[$1.byte] ? $0 : $0 + $1.weight }
                guard gain > 0 else { continue }
                // (The first byte and the columns tell apart any two candidates.)
                let key = [gain, r.rows.count, -(r.cells.first?.byte ?? 256), -r.columns.reduce(0) { $0 | 1 << $1 }]
                if best.map({ key.lexicographicallyPrecedes($0.key) == false && key != $0.key }) ?? true {
                    best = (key, index)
                }
            }
            guard let best else { break }
            let r = left.remove(at: best.index)
            if case .replaced = r.meaning { maps += 1 }
            for cell in r.cells { covered[cell.byte] = true }
            chosen.append(r)
        }
        let isMap = { (r: Rectangle) -> Bool in if case .replaced = r.meaning { return true } else { return false } }
        chosen = chosen.filter(isMap) + chosen.filter { !isMap($0) }
        var lo = [UInt8](repeating: 0, count: 16), hi = [UInt8](repeating: 0, count: 16)
        var kept: [(bit: UInt8, Rectangle)] = []
        for r in chosen {
            let bit = UInt8(1) << UInt8(kept.count)
            for row in r.rows { hi[row] |= bit }
            for column in r.columns { lo[column] |= bit }
            kept.append((bit, r))
        }
        return (lo, hi, kept)
    }

    /// The harakat weigh most, then superscript alef, then the Quranic signs.
    private static func keptMarkWeight(_ low: Int) -> Int {
        (0x4B...0x52).contains(low) ? 256 : (low == 0x70 ? 64 : ((0xD6...0xED).contains(low) ? 16 : 1))
    }

    /// The combining marks U+0600–U+06FF (by low byte) the block run may copy as they are, in
    /// canonical order on an Arabic character it writes: none if any mark is deleted (the fast
    /// run's rule, every mark on a base deleted or none, is left to the scalar loop); else the
    /// marks copied as they are, unchanged by Unicode normalization and composing with nothing,
    /// whose combining classes rise with their code points (the heaviest such set). So a mark
    /// whose code point is not below the one before it on the same base is in canonical order,
    /// which the run checks with one comparison of low bytes.
    static func keptMarks(action: (Int) -> UInt32, stable: (Int) -> Bool) -> [Int] {
        let actions = (0..<256).map(action)
        let isMark = { (low: Int) in actions[low] & ActionTable.isMark != 0 }
        let kind = { (low: Int) in actions[low] & ActionTable.kindMask }
        let ccc = { (low: Int) in Int((actions[low] >> ActionTable.cccShift) & 0xFF) }
        if (0..<256).contains(where: { isMark($0) && kind($0) == ActionTable.Kind.delete.rawValue }) { return [] }
        let candidates = (0..<256).filter { ActionTable.isKeptMark(actions[$0]) && stable(0x600 | $0) }
        // The heaviest subsequence with combining classes that never fall.
        var best = [Int](repeating: 0, count: candidates.count), before = [Int](repeating: -1, count: candidates.count)
        for (k, low) in candidates.enumerated() {
            best[k] = keptMarkWeight(low)
            for e in 0..<k where ccc(candidates[e]) <= ccc(low) && best[e] + keptMarkWeight(low) > best[k] {
                best[k] = best[e] + keptMarkWeight(low)
                before[k] = e
            }
        }
        guard var k = best.indices.max(by: { best[$0] < best[$1] }) else { return [] }
        var chosen: [Int] = []
        while k >= 0 {
            chosen.append(candidates[k])
            k = before[k]
        }
        return chosen.reversed()
    }

    private static func fill(_ tuple: inout (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                                             UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8),
                             _ bytes: [UInt8]) {
        withUnsafeMutableBytes(of: &tuple) { for k in 0..<16 { $0[k] = bytes[k] } }
    }

    private static func fill(_ tuple: inout (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                                             UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8),
                             repeating byte: UInt8) {
        fill(&tuple, [UInt8](repeating: byte, count: 16))
    }

    /// The run's tables for one configuration, and the action credited for each replacement.
    /// - Parameters:
    ///   - pairs: the fast run's kinds of two-byte sequences (`ActionTable.plainPairs`).
    ///   - triples: the same of three-byte characters, by code point (`ActionTable.plainTriples`).
    ///   - width: the block width `arn_block_run` uses (`ActionTable.blockRunWidth`).
    ///   - replacement: for a mapped U+0600–U+06FF character (by low byte), the low byte of its
    ///     target when that is in U+0600–U+06FF too (written in place), and the action to credit.
    ///   - action: the action of a U+0600–U+06FF character (by low byte), credited for a deletion.
    ///   - letter: whether a U+0600–U+06FF character (by low byte) is an Arabic letter for
    ///     de-obfuscation both as read and as written.
    ///   - stable: whether the configured Unicode normalization leaves a code point as it is.
    ///   - deletedMark: for a code point, its action if it is a combining mark a step deletes
    ///     (asked of U+08C0–U+08FF).
    ///   - carriedStarter: whether a U+0600–U+06FF code point is a starter de-obfuscation carries
    ///     along a stretch (`ContextRules.Deobfuscation.continuesAsStarter`) and copies elsewhere,
    ///     which no other step changes.
    ///   - keptMark: whether a code point is a combining mark every step keeps as it is, composing
    ///     with nothing (`ActionTable.isKeptMark`; asked of U+08C0–U+08FF).
    ///   - joins: de-obfuscation is on (words split with tatweel and separators are joined).
    ///   - plainFourByteRow: whether all 64 characters U+1F000 + 64 × (`b` & 0x3F) + 0…63, UTF-8
    ///     F0 9F `b` xx, are copied as they are (for `b` in 0x80…0xBF).
    ///   - canonicalOrder: Unicode normalization is on (it puts combining marks in canonical order).
    ///   - elongation: the elongation step is on (the AVX2 run checks what it writes for repeats).
    ///   - spaced: for an ASCII, U+0600–U+06FF or U+2000–U+203F code point, whether the
    ///     punctuation step turns it into a space: `.anywhere`, `.outsideNumber` (a number separator:
    ///     not between two digits) or `.never`.
    ///   - zeroWidthBetweenLetters: whether a U+2000–U+203F zero-width character alone between two
    ///     Arabic letters is deleted and counted as one change of the invisible step.
    static func make(plainASCII: UnsafeMutablePointer<Bool>, separatorASCII: UnsafeMutablePointer<Bool>,
                     pairs: UnsafeMutablePointer<UInt8>, triples: UnsafeMutablePointer<UInt8>, replacement: (Int) -> (target: Int, action: UInt32)?,
                     action: (Int) -> UInt32, deletedMark: (Int) -> UInt32? = { _ in nil },
                     keptMark: (Int) -> Bool = { _ in false }, carriedStarter: (Int) -> Bool = { _ in false }, letter: (Int) -> Bool, stable: (Int) -> Bool, joins: Bool,
                     zeroWidthBetweenLetters: (Int) -> Bool, plainFourByteRow: (Int) -> Bool,
                     spaced: (Int) -> SpacedSeparator = { _ in .never },
                     whitespace: Bool, canonicalOrder: Bool, elongation: Bool = false, width: Int) -> (tables: arn_run_tables, actions: [UInt32], deletionActions: [UInt32]) {
        typealias Kind = ActionTable.PairKind
        var t = arn_run_tables()

        // ASCII: letters, digits and the full stop and comma count most, then the punctuation of
        // running text (a colon left out sent news text to the scalar loop ~400 times per 4 MiB).
        let asciiWeight = { (b: Int) -> Int in
            if (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b == 0x2E || b == 0x2C {
                return 256
            }
            return Array(":;?!\"'()-/%".utf8).contains(UInt8(b)) ? 64 : 1
        }
        let ascii = assign(
            rectangles((0..<128).filter { plainASCII[$0] && $0 != 0x0A }, meaning: .plain, weight: asciiWeight)
                + rectangles((0..<128).filter { separatorASCII[$0] && stable($0) }, meaning: .separator, weight: asciiWeight)
                + rectangles((0..<128).filter { spaced($0) == .anywhere && stable($0) }, meaning: .spaced, weight: asciiWeight)
                + rectangles((0..<128).filter { spaced($0) == .outsideNumber && stable($0) }, meaning: .spacedOutsideNumber,
                             weight: asciiWeight),
            maxMaps: 0)
        fill(&t.asciiLo, ascii.lo)
        fill(&t.asciiHi, ascii.hi)
        fill(&t.asciiPlain, repeating: ascii.kept.filter { $0.1.meaning == .plain }.reduce(0) { $0 | $1.bit })
        fill(&t.asciiSeparator, repeating: ascii.kept.filter { $0.1.meaning == .separator }.reduce(0) { $0 | $1.bit })
        // (Both kinds of spaced separators in `asciiSpaced`; the ones only before a break also in
        // `asciiNumberSeparator`.)
        fill(&t.asciiSpaced, repeating: ascii.kept.filter { $0.1.meaning == .spaced || $0.1.meaning == .spacedOutsideNumber }
                .reduce(0) { $0 | $1.bit })
        fill(&t.asciiNumberSeparator, repeating: ascii.kept.filter { $0.1.meaning == .spacedOutsideNumber }.reduce(0) { $0 | $1.bit })

        // U+0600–U+06FF by the low byte of the code point: the letters of the Arabic alphabet and
        // the Arabic comma, semicolon and question mark count most.
        let kind = { (low: Int) in pairs[(0xD8 + (low >> 6)) << 8 | (0x80 | low & 0x3F)] }
        let arabicWeight = { (low: Int) -> Int in
            ((0x21...0x4A).contains(low) && low != 0x40) || low == 0x0C || low == 0x1B || low == 0x1F ? 256 : 1
        }
        // (Quranic signs U+06D6–U+06ED, some of which are not marks, are left to the scalar loop:
        // de-obfuscation counts them as diacritics, and the run takes a plain Arabic character as
        // one that ends a de-obfuscation run.)
        let quranic = 0xD6...0xED
        let candidates = rectangles((0..<256).filter { Kind.isPlain(kind($0)) && !quranic.contains($0) },
                                    meaning: .plain, weight: arabicWeight)
            + rectangles((0..<256).filter { kind($0) == Kind.separator && stable(0x600 | $0) },
                         meaning: .separator, weight: arabicWeight)
            + rectangles((0..<256).filter { spaced(0x600 | $0) == .anywhere && stable(0x600 | $0) && !quranic.contains($0) },
                         meaning: .spaced, weight: arabicWeight)
        let arabic = assign(candidates, maxMaps: 0)
        fill(&t.arabicLo, arabic.lo)
        fill(&t.arabicHi, arabic.hi)
        fill(&t.arabicPlain, repeating: arabic.kept.filter { $0.1.meaning == .plain }.reduce(0) { $0 | $1.bit })
        fill(&t.arabicSeparator, repeating: arabic.kept.filter { $0.1.meaning == .separator }.reduce(0) { $0 | $1.bit })
        fill(&t.arabicSpaced, repeating: arabic.kept.filter { $0.1.meaning == .spaced }.reduce(0) { $0 | $1.bit })

        // Replacements, in a lookup of their own (the same index as the Arabic one): one class
        // bit per rectangle of characters with the same target and action, at most eight.
        var byReplacement: [Int: [Int]] = [:]          // target << 32 | action → members
        for low in 0..<256 where kind(low) == Kind.map && !quranic.contains(low) {
            guard let r = replacement(low) else { continue }
            byReplacement[r.target << 32 | Int(r.action), default: []].append(low)
        }
        // Teh marbuta and alef maksura, which end many words, first when there are more
        // rectangles than bits.
        let replacementWeight = { (low: Int) -> Int in low == 0x29 || low == 0x49 ? 1024 : arabicWeight(low) }
        var replacementCandidates: [Rectangle] = []
        for (key, members) in byReplacement {
            replacementCandidates += rectangles(members, meaning: .replaced(target: key >> 32, action: UInt32(truncatingIfNeeded: key)),
                                                weight: replacementWeight)
        }
        let maps = assign(replacementCandidates, maxMaps: Int(ARN_RUN_MAX_MAPS))
        fill(&t.mapLo, maps.lo)
        fill(&t.mapHi, maps.hi)
        // Replacement g has class bit 1 << g: its target by that bit (the low nibble's tables for
        // g < 4, the high nibble's for the others).
        var actions: [UInt32] = []
        var lead = [UInt8](repeating: 0, count: 32), trail = [UInt8](repeating: 0, count: 32)
        for (bit, r) in maps.kept {
            guard case let .replaced(target, action) = r.meaning else { continue }
            let g = actions.count
            precondition(Int(bit) == 1 << g, "replacement g has class bit 1 << g")
            let slot = g < 4 ? 1 << g : 16 + (1 << (g - 4))
            lead[slot] = UInt8(0xD8 + (target >> 6))
            trail[slot] = UInt8(0x80 | target & 0x3F)
            actions.append(action)
        }
        fill(&t.mapLead, Array(lead[0..<16]))
        fill(&t.mapTrail, Array(trail[0..<16]))
        fill(&t.mapLeadHigh, Array(lead[16..<32]))
        fill(&t.mapTrailHigh, Array(trail[16..<32]))
        t.mapCount = UInt32(actions.count)

        // Deletions, in a lookup of their own (the same index as the Arabic one): marks and tatweel,
        // one class bit per rectangle, grouped by the action credited. Harakat and tatweel count most.
        var deletionCandidates: [Rectangle] = []
        // (Grouped by the step credited: an action also holds the combining class, which differs
        // from mark to mark.)
        var byDeletion: [Int: [Int]] = [:]             // tatweel << 32 | step bits of the action → members
        let stepBits = ActionTable.stepMask << ActionTable.stepShift
        // (The Quranic signs among them too: those of the deleted kind are combining marks, as
        // de-obfuscation counts them; the signs that are not marks are never of that kind.)
        for low in 0..<256 where kind(low) == Kind.deletedMark || kind(low) == Kind.tatweel {
            byDeletion[(kind(low) == Kind.tatweel ? 1 : 0) << 32 | Int(action(low) & stepBits), default: []].append(low)
        }
        let deletionWeight = { (low: Int) -> Int in (0x40...0x52).contains(low) ? 256 : 1 }
        for (key, members) in byDeletion {
            deletionCandidates += rectangles(members, meaning: .deleted(tatweel: key >> 32 == 1, action: UInt32(truncatingIfNeeded: key)),
                                             weight: deletionWeight)
        }
        let deletions = assign(deletionCandidates, maxMaps: 0)
        fill(&t.deleteLo, deletions.lo)
        fill(&t.deleteHi, deletions.hi)
        // Counted by the action credited: group g holds the class bits `deleteGroups[g]` (so
        // the marks of one step, in several rectangles, are one count).
        var markBits: UInt8 = 0, tatweelBits: UInt8 = 0
        var deletionActions: [UInt32] = []
        var groupBits: [UInt8] = []
        for (bit, r) in deletions.kept {
            guard case let .deleted(tatweel, action) = r.meaning else { continue }
            if tatweel { tatweelBits |= bit } else { markBits |= bit }
            if let g = deletionActions.firstIndex(of: action) {
                groupBits[g] |= bit
            } else {
                deletionActions.append(action)
                groupBits.append(bit)
            }
        }
        fill(&t.deleteMark, repeating: markBits)
        fill(&t.deleteTatweel, repeating: tatweelBits)
        // U+08C0–U+08FF (UTF-8 E0 A3 xx: the open tanween of Quranic text) by the last byte:
        // the deleted marks credited like the two-byte ones (or, when none is, with one action of
        // their own), in one group.
        let stepOf = { (a: UInt32) in a & stepBits }
        let tripleMarks = (0x8C0...0x8FF).compactMap { c in deletedMark(c).map { (c, stepOf($0)) } }
        if let first = tripleMarks.first, deletionActions.count < Int(ARN_RUN_MAX_DELETIONS)
            || deletionActions.contains(first.1) {
            let members = tripleMarks.filter { $0.1 == first.1 }.map { 0x80 | $0.0 & 0x3F }
            let marks = assign(rectangles(members, meaning: .plain, weight: { _ in 1 }), maxMaps: 0)
            fill(&t.tripleMarkLo, marks.lo)
            fill(&t.tripleMarkHi, marks.hi)
            if let g = deletionActions.firstIndex(of: first.1) {
                t.tripleMarkGroup = UInt32(g)
            } else {
                t.tripleMarkGroup = UInt32(deletionActions.count)
                deletionActions.append(first.1)
                groupBits.append(0)
            }
        }
        withUnsafeMutableBytes(of: &t.deleteGroups) { groups in
            for (g, bits) in groupBits.enumerated() { groups[g] = bits }
        }
        t.deleteCount = UInt32(deletionActions.count)

        // U+2000–U+203F by the last UTF-8 byte (0x80 | low six bits): quotation marks and
        // zero-width characters count most.
        let punctuationWeight = { (b: Int) in (0x98...0x9F).contains(b) || (0x8B...0x8D).contains(b) ? 256 : 1 }
        let punctuation = assign(
            rectangles((0x2000...0x203F).filter { triples[$0] == Kind.plain }.map { 0x80 | $0 & 0x3F },
                       meaning: .plain, weight: punctuationWeight)
                + rectangles((0x2000...0x203F).filter { triples[$0] == Kind.separator && stable($0) }.map { 0x80 | $0 & 0x3F },
                             meaning: .separator, weight: punctuationWeight)
                + rectangles((0x2000...0x203F).filter { triples[$0] == Kind.zeroWidth && zeroWidthBetweenLetters($0) }
                                .map { 0x80 | $0 & 0x3F }, meaning: .zeroWidth, weight: punctuationWeight)
                + rectangles((0x2000...0x203F).filter { spaced($0) == .anywhere && stable($0) }.map { 0x80 | $0 & 0x3F },
                             meaning: .spaced, weight: punctuationWeight),
            maxMaps: 0)
        fill(&t.punctuationLo, punctuation.lo)
        fill(&t.punctuationHi, punctuation.hi)
        fill(&t.punctuationPlain, repeating: punctuation.kept.filter { $0.1.meaning == .plain }.reduce(0) { $0 | $1.bit })
        fill(&t.punctuationSeparator, repeating: punctuation.kept.filter { $0.1.meaning == .separator }.reduce(0) { $0 | $1.bit })
        fill(&t.punctuationZeroWidth, repeating: punctuation.kept.filter { $0.1.meaning == .zeroWidth }.reduce(0) { $0 | $1.bit })
        fill(&t.punctuationSpaced, repeating: punctuation.kept.filter { $0.1.meaning == .spaced }.reduce(0) { $0 | $1.bit })
        // Letters for joins (a lookup of their own, any bit): the ones the run writes. (Separators
        // and letters changed by normalization are left out: de-obfuscation judges those by
        // their normalized form.)
        let letters = assign(
            rectangles((0..<256).filter {
                (kind($0) == Kind.plainLetter || kind($0) == Kind.map) && !quranic.contains($0) && letter($0) && stable(0x600 | $0)
            }, meaning: .plain, weight: arabicWeight),
            maxMaps: 0)
        fill(&t.letterLo, letters.lo)
        fill(&t.letterHi, letters.hi)
        t.joins = joins && tatweelBits != 0 && !letters.kept.isEmpty ? 1 : 0
        t.stretchLimit = UInt32(ContextRules.Deobfuscation.stretchLimit)
        // Emoji by the third UTF-8 byte: whole rows of 64 plain code points.
        let emoji = assign(rectangles((0x80...0xBF).filter(plainFourByteRow), meaning: .plain, weight: { _ in 1 }), maxMaps: 0)
        fill(&t.emojiLo, emoji.lo)
        fill(&t.emojiHi, emoji.hi)
        // Kept marks (diacritized text under `clean`), when no mark is deleted.
        let kept = assign(rectangles(keptMarks(action: action, stable: stable), meaning: .plain, weight: keptMarkWeight),
                          maxMaps: 0)
        fill(&t.keptLo, kept.lo)
        fill(&t.keptHi, kept.hi)
        t.keptMarks = kept.kept.isEmpty ? 0 : (canonicalOrder ? 2 : 1)
        if t.keptMarks != 0 {
            // And U+08C0–U+08FF (E0 A3 xx: open tanween) by the last byte, copied alone on a base.
            let triples = (0x8C0...0x8FF).filter { keptMark($0) && stable($0) }.map { 0x80 | $0 & 0x3F }
            let keptTriples = assign(rectangles(triples, meaning: .plain, weight: { _ in 1 }), maxMaps: 0)
            fill(&t.keptTripleLo, keptTriples.lo)
            fill(&t.keptTripleHi, keptTriples.hi)
        }
        // Starters de-obfuscation carries along (Quranic signs that are no marks), when stable.
        let carried = assign(rectangles((0..<256).filter { carriedStarter(0x600 | $0) && stable(0x600 | $0) },
                                        meaning: .plain, weight: { _ in 1 }), maxMaps: 0)
        fill(&t.carriedLo, carried.lo)
        fill(&t.carriedHi, carried.hi)
        t.carries = carried.kept.isEmpty ? 0 : 1
        t.inlineSpaces = whitespace && !plainASCII[0x20] ? 1 : 0
        t.repeatRun = elongation ? UInt32(ContextRules.Elongation.collapsedRun) : 0
        t.width = UInt32(width)
        return (t, actions, deletionActions)
    }
}
