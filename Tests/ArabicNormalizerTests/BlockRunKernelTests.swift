import CBlockScan
import Testing
@testable import ArabicNormalizer

/// The block run's two kernels against each other, in C, on random bytes with random tables: the
/// AVX2 run (64-byte blocks) and the SSSE3 run (16-byte blocks) stop at different blocks, and the
/// AVX2 run does more (deletions, joins, kept marks, runs of spaces, emoji), so the tables here
/// switch those off: on what both take, they must write the same bytes, one for one.
@Suite("block run kernels")
struct BlockRunKernelTests {
    /// Tables in the shape `BlockRunTables` makes (each byte in at most one class bit; replacements
    /// on the low `mapCount` bits), filled at random, with the AVX2-only parts empty.
    static func randomTables(_ random: inout SplitMix64) -> arn_run_tables {
        var t = arn_run_tables()
        func fill16<T>(_ field: inout T, _ values: [UInt8]) {
            withUnsafeMutableBytes(of: &field) { raw in for k in 0..<16 { raw[k] = values[k] } }
        }
        func lookup() -> ([UInt8], [UInt8]) {
            let lo = (0..<16).map { _ in UInt8.random(in: 0...255, using: &random) }
            let hi = (0..<16).map { _ in Int.random(in: 0..<10, using: &random) > 0 ? UInt8(1) << UInt8.random(in: 0...7, using: &random) : 0 }
            return (lo, hi)
        }
        let mapCount = Int.random(in: 0...Int(ARN_RUN_MAX_MAPS), using: &random)
        let mapBits = UInt8(truncatingIfNeeded: (1 << mapCount) - 1)
        let plainA = UInt8.random(in: 0...255, using: &random) | UInt8.random(in: 0...255, using: &random)
        let (alo, ahi) = lookup(), (rlo, rhi) = lookup(), (plo, phi) = lookup()
        fill16(&t.asciiLo, alo); fill16(&t.asciiHi, ahi)
        fill16(&t.arabicLo, rlo); fill16(&t.arabicHi, rhi)
        fill16(&t.punctuationLo, plo); fill16(&t.punctuationHi, phi)
        let plainAscii = UInt8.random(in: 0...255, using: &random) | UInt8.random(in: 0...255, using: &random)
        fill16(&t.asciiPlain, Array(repeating: plainAscii, count: 16))
        fill16(&t.asciiSeparator, Array(repeating: ~plainAscii & UInt8.random(in: 0...255, using: &random), count: 16))
        fill16(&t.arabicPlain, Array(repeating: plainA, count: 16))
        fill16(&t.arabicSeparator, Array(repeating: ~plainA, count: 16))
        let plainP = UInt8.random(in: 0...255, using: &random)
        fill16(&t.punctuationPlain, Array(repeating: plainP, count: 16))
        fill16(&t.punctuationSeparator, Array(repeating: ~plainP, count: 16))
        // Replacements: each column (low nibble) in at most one, so that a byte's class has at
        // most one bit; targets for bits 0-3 by the low nibble, 4-7 by the high one.
        var mapLo = [UInt8](repeating: 0, count: 16), mapHi = [UInt8](repeating: 0, count: 16)
        if mapCount > 0 {
            for c in 0..<16 where Int.random(in: 0..<3, using: &random) > 0 {
                mapLo[c] = UInt8(1) << UInt8(Int.random(in: 0..<mapCount, using: &random))
            }
            for r in 0..<16 { mapHi[r] = UInt8.random(in: 0...255, using: &random) & mapBits }
        }
        fill16(&t.mapLo, mapLo); fill16(&t.mapHi, mapHi)
        var lead = [UInt8](repeating: 0, count: 32), trail = [UInt8](repeating: 0, count: 32)
        for g in 0..<mapCount {
            let slot = g < 4 ? 1 << g : 16 + (1 << (g - 4))
            lead[slot] = UInt8.random(in: 0xD8...0xDB, using: &random)
            trail[slot] = UInt8.random(in: 0x80...0xBF, using: &random)
        }
        fill16(&t.mapLead, Array(lead[0..<16])); fill16(&t.mapTrail, Array(trail[0..<16]))
        fill16(&t.mapLeadHigh, Array(lead[16..<32])); fill16(&t.mapTrailHigh, Array(trail[16..<32]))
        t.mapCount = UInt32(mapCount)
        t.stretchLimit = UInt32(ContextRules.Deobfuscation.stretchLimit)
        return t
    }

    /// Mostly well-formed text of the kinds the run classes: ASCII, U+0600–U+06FF, U+2000–U+203F,
    /// spaces and line feeds, and now and then a stray byte; drawn from a few characters, so that
    /// random tables often take long runs of it.
    static func randomText(_ random: inout SplitMix64) -> [UInt8] {
        var alphabet: [[UInt8]] = []
        for _ in 0..<Int.random(in: 2...8, using: &random) {
            switch Int.random(in: 0..<12, using: &random) {
            case 0...3: alphabet.append([UInt8.random(in: 0x21...0x7E, using: &random)])
            case 4...7: alphabet.append([UInt8.random(in: 0xD8...0xDB, using: &random), UInt8.random(in: 0x80...0xBF, using: &random)])
            case 8: alphabet.append([0x20])
            case 9: alphabet.append([0x0A])
            case 10: alphabet.append([0xE2, 0x80, UInt8.random(in: 0x80...0xBF, using: &random)])
            default: alphabet.append([UInt8.random(in: 0x80...0xFF, using: &random)])
            }
        }
        var bytes: [UInt8] = []
        let length = Int.random(in: 70...600, using: &random)
        while bytes.count < length { bytes += alphabet.randomElement(using: &random)! }
        return bytes
    }

    /// Runs `kernel` (the tables' width picks AVX2 or SSSE3; nil: the scalar reference).
    static func run(_ text: [UInt8], _ tables: arn_run_tables, _ flags: UInt32, reference: Bool = false)
        -> (taken: Int, out: [UInt8], counts: arn_run_counts) {
        var t = tables
        var out = [UInt8](repeating: 0, count: text.count)
        var counts = arn_run_counts()
        let taken = text.withUnsafeBufferPointer { input in
            out.withUnsafeMutableBufferPointer { o in
                reference ? arn_block_run_reference(input.baseAddress!, text.count, o.baseAddress!, &t, flags, &counts)
                    : arn_block_run(input.baseAddress!, text.count, o.baseAddress!, &t, flags, &counts)
            }
        }
        return (taken, Array(out[0..<Int(counts.written)]), counts)
    }

    /// The SSSE3 kernel and the scalar reference: the same bytes taken, written and counted.
    @Test func ssse3KernelEqualsTheScalarReference() {
        guard arn_block_run_setup() >= 16 else { return }
        var random = SplitMix64(seed: 16)
        var taken = 0
        for _ in 0..<3000 {
            var tables = Self.randomTables(&random)
            tables.inlineSpaces = UInt32.random(in: 0...1, using: &random)
            tables.width = 16
            let text = Self.randomText(&random)
            let flags = UInt32.random(in: 0...3, using: &random)
            let kernel = Self.run(text, tables, flags), reference = Self.run(text, tables, flags, reference: true)
            #expect(kernel.taken == reference.taken && kernel.out == reference.out, "\(text)")
            #expect(withUnsafeBytes(of: kernel.counts.replaced) { Array($0) } == withUnsafeBytes(of: reference.counts.replaced) { Array($0) })
            taken += kernel.taken
        }
        #expect(taken > 10_000)
    }

    /// The scalar reference runs on every machine (it is what a port starts from).
    @Test func scalarReferenceTakesPlainText() {
        var tables = arn_run_tables()
        // One class bit for every ASCII letter and digit, copied.
        withUnsafeMutableBytes(of: &tables.asciiLo) { lo in for k in 0..<16 { lo[k] = 1 } }
        withUnsafeMutableBytes(of: &tables.asciiHi) { hi in hi[3] = 1; hi[4] = 1; hi[5] = 1; hi[6] = 1; hi[7] = 1 }
        withUnsafeMutableBytes(of: &tables.asciiPlain) { plain in for k in 0..<16 { plain[k] = 1 } }
        tables.inlineSpaces = 1
        tables.width = 16
        let text = Array(String(repeating: "Plain Text with 123 ", count: 8).utf8)
        let result = Self.run(text, tables, 0, reference: true)
        #expect(result.taken >= text.count - 18 && result.out == Array(text[0..<result.taken]))
    }

    @Test func avx2AndSSSE3WriteTheSameBytesOnWhatBothTake() {
        guard arn_block_run_setup() == 64 else { return }    // both kernels run on this machine
        var random = SplitMix64(seed: 20)
        var compared = 0
        for _ in 0..<3000 {
            var t64 = Self.randomTables(&random)
            t64.width = 64
            arn_run_tables_widen(&t64)
            var t16 = t64
            t16.width = 16
            let text = Self.randomText(&random)
            let flags = UInt32.random(in: 0...3, using: &random)
            var out64 = [UInt8](repeating: 0, count: text.count), out16 = out64
            var c64 = arn_run_counts(), c16 = arn_run_counts()
            let n64 = text.withUnsafeBufferPointer { input in
                out64.withUnsafeMutableBufferPointer { arn_block_run(input.baseAddress!, text.count, $0.baseAddress!, &t64, flags, &c64) }
            }
            let n16 = text.withUnsafeBufferPointer { input in
                out16.withUnsafeMutableBufferPointer { arn_block_run(input.baseAddress!, text.count, $0.baseAddress!, &t16, flags, &c16) }
            }
            // Nothing is deleted with these tables: one byte written per byte taken.
            #expect(Int(c64.written) == n64 && Int(c16.written) == n16)
            let common = min(n64, n16)
            if common > 0 { compared += 1 }
            #expect(out64[0..<common] == out16[0..<common], "\(text.prefix(common))")
            // What is not replaced is copied.
            for k in 0..<common where out64[k] != text[k] {
                #expect((0xD8...0xDB).contains(out64[k]) || (k > 0 && (0xD8...0xDB).contains(out64[k - 1])),
                        "at \(k): in \(text[max(0, k - 3)..<min(text.count, k + 3)].map { String($0, radix: 16) }) out \(out64[max(0, k - 3)..<min(common, k + 3)].map { String($0, radix: 16) })")
                break
            }
        }
        #expect(compared > 100)
    }

    /// Elongation's check of what the AVX2 run wrote (`arn_first_repeat`) against its byte-by-byte
    /// oracle, on random whole characters drawn from a few (so that repeats are common), every
    /// length up to 64, with random histories.
    @Test func firstRepeatEqualsItsReference() {
        var random = SplitMix64(seed: 33)
        var found = 0
        for _ in 0..<20_000 {
            var alphabet: [[UInt8]] = []
            for _ in 0..<Int.random(in: 1...4, using: &random) {
                switch Int.random(in: 0..<6, using: &random) {
                case 0: alphabet.append([UInt8.random(in: 0x20...0x7E, using: &random)])
                case 1: alphabet.append([0xE2, 0x80, UInt8.random(in: 0x80...0xBF, using: &random)])
                default: alphabet.append([UInt8.random(in: 0xD8...0xDB, using: &random), UInt8.random(in: 0x80...0x83, using: &random)])
                }
            }
            var bytes: [UInt8] = []
            while bytes.count < 64 {
                let c = alphabet.randomElement(using: &random)!
                if bytes.count + c.count > 64 { break }
                bytes += c
            }
            // Cut at a character's end; the rest is scratch the check must not read as text.
            var w = Int.random(in: 0...bytes.count, using: &random)
            while w < bytes.count && bytes[w] & 0xC0 == 0x80 { w += 1 }
            var buffer = bytes + [UInt8](repeating: 0, count: 64 - bytes.count)
            for k in w..<64 { buffer[k] = UInt8.random(in: 0...255, using: &random) }
            let pair = alphabet.randomElement(using: &random)!
            var history: [UInt8] = [0, 0, 0, 0]
            if pair.count == 2 && Bool.random(using: &random) {
                history[2] = pair[0]; history[3] = pair[1]
                if Bool.random(using: &random) { history[0] = pair[0]; history[1] = pair[1] }
            }
            let fast = buffer.withUnsafeBufferPointer { arn_first_repeat($0.baseAddress!, UInt32(w), history) }
            let oracle = buffer.withUnsafeBufferPointer { arn_first_repeat_reference($0.baseAddress!, UInt32(w), history) }
            #expect(fast == oracle, "\(buffer[0..<w].map { String($0, radix: 16) }) history \(history)")
            if oracle < UInt32(w) { found += 1 }
        }
        #expect(found > 1000)
    }

    /// The AVX2 run under elongation (`repeatRun`) never writes a two-byte character a third time
    /// in a row, counting the character written before it (`ARN_RUN_LAST_SHIFT`, `ARN_RUN_REPEATED`),
    /// and takes the same bytes as without the check up to where it stops.
    @Test func avx2RunStopsBeforeAThirdRepeat() {
        guard arn_block_run_setup() == 64 else { return }
        var random = SplitMix64(seed: 34)
        var stopped = 0
        for _ in 0..<3000 {
            var t = Self.randomTables(&random)
            t.width = 64
            t.inlineSpaces = UInt32.random(in: 0...1, using: &random)
            arn_run_tables_widen(&t)
            var watching = t
            watching.repeatRun = UInt32(ARN_RUN_REPEAT_RUN)
            var text = Self.randomText(&random)
            // Repeats of one two-byte character, two to four times, here and there.
            let c: [UInt8] = [UInt8.random(in: 0xD8...0xDB, using: &random), UInt8.random(in: 0x80...0xBF, using: &random)]
            for _ in 0..<Int.random(in: 0...4, using: &random) {
                let at = Int.random(in: 0...text.count, using: &random)
                guard at == text.count || text[at] & 0xC0 != 0x80 else { continue }
                text.insert(contentsOf: Array([[UInt8]](repeating: c, count: Int.random(in: 2...4, using: &random)).joined()), at: at)
            }
            var flags = UInt32.random(in: 0...3, using: &random)
            var history: [UInt8] = [0, 0, 0, 0]
            if Bool.random(using: &random) {
                flags |= UInt32(c[0]) << 24 | UInt32(c[1]) << 16
                history[2] = c[0]; history[3] = c[1]
                if Bool.random(using: &random) { flags |= ARN_RUN_REPEATED; history[0] = c[0]; history[1] = c[1] }
            }
            let plain = Self.run(text, t, flags & 3), checked = Self.run(text, watching, flags)
            #expect(checked.taken <= plain.taken && checked.out == Array(plain.out[0..<checked.out.count]))
            let repeatAt = checked.out.withUnsafeBufferPointer { o in
                arn_first_repeat_reference(o.baseAddress!, UInt32(o.count), history)
            }
            #expect(repeatAt == UInt32(checked.out.count), "\(checked.out.map { String($0, radix: 16) })")
            if checked.taken < plain.taken { stopped += 1 }
        }
        #expect(stopped > 100)
    }
}
