import Foundation

/// A letter model of Arabic spellings of names: interpolated (Witten-Bell) character n-grams,
/// trained on the Arabic side of ``NameLexicon`` entries. It ranks the Arabic spellings that
/// ``LatinNameRules`` builds for a Latin name (`Bashar` → `بشار` rather than `باشار`).
struct ArabicSpellingModel: Sendable {
    let order: Int
    /// Letter → code (1...); 0 is the word boundary.
    private let codes: [Unicode.Scalar: UInt8]
    /// Context (packed) → (total count, distinct followers, counts by follower).
    private let table: [UInt64: (Int, Int, [UInt8: Int])]
    private let alphabet: Double

    init(words: some Sequence<String>, order: Int = 4) {
        self.order = order
        var codes: [Unicode.Scalar: UInt8] = [:]
        var counts: [UInt64: [UInt8: Int]] = [:]
        for w in words {
            var seq = [UInt8](repeating: 0, count: order - 1)
            for s in w.unicodeScalars {
                if codes[s] == nil, codes.count < 250 { codes[s] = UInt8(codes.count + 1) }
                if let c = codes[s] { seq.append(c) }
            }
            seq.append(0)
            for i in (order - 1)..<seq.count {
                for k in 0..<order {
                    counts[Self.pack(seq[(i - k)..<i]), default: [:]][seq[i], default: 0] += 1
                }
            }
        }
        var table: [UInt64: (Int, Int, [UInt8: Int])] = [:]
        for (ctx, followers) in counts { table[ctx] = (followers.values.reduce(0, +), followers.count, followers) }
        self.codes = codes
        self.table = table
        alphabet = Double(codes.count + 1)
    }

    /// The code of a letter (unknown letters share the largest code).
    func code(_ s: Unicode.Scalar) -> UInt8 { codes[s] ?? 255 }

    static func pack(_ ctx: ArraySlice<UInt8>) -> UInt64 {
        var key: UInt64 = 0
        for c in ctx { key = key << 8 | UInt64(c) }
        return key | UInt64(ctx.count) << 56
    }

    /// The context a history leaves for the next letter (word start padded with boundaries).
    func history(_ out: [UInt8]) -> [UInt8] {
        let len = order - 1
        if out.count >= len { return Array(out.suffix(len)) }
        return [UInt8](repeating: 0, count: len - out.count) + out
    }

    /// −log P(next | history); `next` 0 is the word end.
    func cost(_ history: [UInt8], _ next: UInt8) -> Double {
        var p = 1.0 / alphabet
        for k in 0..<order where k <= history.count {
            guard let (n, t, followers) = table[Self.pack(history[(history.count - k)...])] else { continue }
            let lambda = Double(n) / Double(n + t)
            p = lambda * Double(followers[next] ?? 0) / Double(n) + (1 - lambda) * p
        }
        return -log(p)
    }

    /// −log P(word), word end included.
    func cost(of word: String) -> Double {
        var out: [UInt8] = []
        var total = 0.0
        for s in word.unicodeScalars {
            let c = code(s)
            total += cost(history(out), c)
            out.append(c)
        }
        return total + cost(history(out), 0)
    }
}
