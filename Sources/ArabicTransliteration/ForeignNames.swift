/// Spellings of foreign names written in Arabic script (`غورباتشوف` → `Gorbachev`).
///
/// Arabic spellings of foreign names write most vowels as letters but merge sounds the source
/// languages keep apart (`ف` for f and v, `ب` for b and p, `و` for o and u, `ي` for i and e,
/// `تش` for ch, x, q and c). Each letter or letter group has Latin options with costs
/// (`names-foreign-letters.tsv`); a beam search over them, with an optional short vowel between
/// consonants, is ranked by those costs and a letter model trained on Latin name spellings
/// (`names-latin.tsv`); a spelling listed there wins over unlisted ones.
struct ForeignNames: Sendable {
    /// The letter model: interpolated (Witten-Bell) character n-grams over `names-latin.tsv`.
    struct LetterModel: Sendable {
        let order: Int
        /// Context (packed) → (total count, distinct followers, counts by follower).
        private var table: [UInt32: (Int, Int, [UInt8: Int])] = [:]
        static let alphabet = 28   // a-z, word start, word end

        init(words: some Sequence<String>, order: Int = 4) {
            self.order = order
            var counts: [UInt32: [UInt8: Int]] = [:]
            for w in words {
                let codes = [UInt8](repeating: 26, count: order - 1) + w.unicodeScalars.compactMap(Self.code) + [27]
                for i in (order - 1)..<codes.count {
                    for k in 0..<order {
                        let ctx = Self.pack(codes[(i - k)..<i])
                        counts[ctx, default: [:]][codes[i], default: 0] += 1
                    }
                }
            }
            for (ctx, followers) in counts {
                table[ctx] = (followers.values.reduce(0, +), followers.count, followers)
            }
        }

        static func code(_ s: Unicode.Scalar) -> UInt8? {
            let v = s.value | 0x20
            return (0x61...0x7A).contains(v) ? UInt8(v - 0x61) : nil
        }

        static func pack(_ ctx: ArraySlice<UInt8>) -> UInt32 {
            var key: UInt32 = 0
            for c in ctx { key = key << 5 | UInt32(c) }
            return key | UInt32(ctx.count) << 28
        }

        /// −log P(next | history), history given as codes (most recent last).
        func cost(_ history: [UInt8], _ next: UInt8) -> Double {
            var p = 1.0 / Double(Self.alphabet)
            for k in 0..<order {
                guard k <= history.count else { break }
                guard let (n, t, followers) = table[Self.pack(history[(history.count - k)...])] else { continue }
                let lambda = Double(n) / Double(n + t)
                p = lambda * Double(followers[next] ?? 0) / Double(n) + (1 - lambda) * p
            }
            return -log(p)
        }
    }

    enum Position: Character { case initial = "i", medial = "m", final = "f", anywhere = "a" }

    /// Options per (Arabic letters, position).
    let options: [String: [(latin: [UInt8], cost: Double)]]
    let longestGroup: Int
    let model: LetterModel
    /// Known spellings (lower case) → origins.
    let known: [String: Set<String>]

    static let shared = ForeignNames()

    init() {
        var opts: [String: [([UInt8], Double)]] = [:]
        var longest = 1
        for row in ResourceFiles.rows("names-foreign-letters") where row.count >= 3 {
            let key = String(row[0]) + "\t" + String(row[1])
            longest = max(longest, row[0].unicodeScalars.count)
            for o in row[2].split(separator: " ") {
                guard let colon = o.lastIndex(of: ":"), let c = Double(o[o.index(after: colon)...]) else { continue }
                opts[key, default: []].append((o[..<colon].unicodeScalars.compactMap(LetterModel.code), c))
            }
        }
        options = opts
        longestGroup = longest
        var known: [String: Set<String>] = [:]
        var origin = ""
        for line in ResourceFiles.text("names-latin").split(separator: "\n") {
            if line.hasPrefix("#") {
                let o = line.dropFirst().trimmingCharacters(in: .whitespaces)
                if !o.contains(" ") || o.count < 40 { origin = o }
                continue
            }
            for w in line.split(separator: " ") where !w.isEmpty {
                known[w.lowercased(), default: []].insert(origin)
            }
        }
        self.known = known
        model = LetterModel(words: known.keys)
    }

    /// Whether `latin` (lower case) is a listed spelling, optionally of one of `origins`.
    func isKnown(_ latin: String, origins: Set<String>? = nil) -> Bool {
        guard let o = known[latin] else { return false }
        guard let origins else { return true }
        return !o.isDisjoint(with: origins)
    }

    static let vowels: Set<UInt8> = [0, 4, 8, 14, 20, 24]   // a e i o u y
    static let epenthetic: [(UInt8, Double)] = [(4, 0), (0, 0.5), (8, 0.8), (14, 1.0), (20, 1.5)]

    /// The most likely spellings of one word (Arabic letters, no marks), best first, in lower case.
    func spellings(_ letters: [Unicode.Scalar], limit: Int = 3) -> [(String, Double)] {
        let n = letters.count
        guard n > 0 else { return [("", 0)] }
        let ctxLen = model.order - 1
        struct Hyp { var cost: Double; var out: [UInt8] }
        var states: [[Hyp]] = Array(repeating: [], count: n + 1)
        states[0] = [Hyp(cost: 0, out: [])]
        let beam = 100
        let epentheticCost = 2.5
        for i in 0..<n {
            var cur = states[i]
            guard !cur.isEmpty else { continue }
            if cur.count > beam {
                cur.sort { $0.cost < $1.cost }
                cur.removeLast(cur.count - beam)
            }
            states[i] = []
            let groups = groupOptions(letters, at: i)
            for h in cur {
                for (len, latin, c) in groups {
                    var variants: [([UInt8], Double)] = [(latin, c)]
                    if let last = h.out.last, let first = latin.first, i > 0,
                       !Self.vowels.contains(last), !Self.vowels.contains(first) {
                        for (v, vc) in Self.epenthetic { variants.append(([v] + latin, c + epentheticCost + vc)) }
                    }
                    for (s, sc) in variants {
                        var cost = h.cost + sc
                        var out = h.out
                        for ch in s {
                            cost += model.cost(history(out, ctxLen), ch)
                            out.append(ch)
                        }
                        states[i + len].append(Hyp(cost: cost, out: out))
                    }
                }
            }
        }
        var finals: [(String, Double)] = []
        let bonus = 8.0
        for h in states[n] {
            var cost = h.cost + model.cost(history(h.out, ctxLen), 27)
            let word = String(String.UnicodeScalarView(h.out.map { Unicode.Scalar($0 + 0x61) }))
            if isKnown(word) { cost -= bonus }
            finals.append((word, cost))
            // A silent final e after a consonant (Steve, Jane, Pete).
            if let last = h.out.last, !Self.vowels.contains(last) {
                let e = h.out + [4]
                var ce = h.cost + 3 + model.cost(history(h.out, ctxLen), 4) + model.cost(history(e, ctxLen), 27)
                let ew = word + "e"
                if isKnown(ew) { ce -= bonus }
                finals.append((ew, ce))
            }
        }
        finals.sort { $0.1 < $1.1 }
        var result: [(String, Double)] = []
        for f in finals where !result.contains(where: { $0.0 == f.0 }) {
            result.append(f)
            if result.count >= limit { break }
        }
        return result
    }

    private func history(_ out: [UInt8], _ len: Int) -> [UInt8] {
        if out.count >= len { return Array(out.suffix(len)) }
        return [UInt8](repeating: 26, count: len - out.count) + out
    }

    /// The options of every letter group starting at `i`: (letters consumed, latin, cost).
    private func groupOptions(_ letters: [Unicode.Scalar], at i: Int) -> [(Int, [UInt8], Double)] {
        let n = letters.count
        var result: [(Int, [UInt8], Double)] = []
        for len in stride(from: min(longestGroup, n - i), through: 1, by: -1) {
            let group = String(String.UnicodeScalarView(letters[i..<(i + len)]))
            let pos: Character = i == 0 ? "i" : (i + len == n ? "f" : "m")
            var found = options[group + "\t" + String(pos)] ?? options[group + "\ta"]
            if found == nil, pos == "f" { found = options[group + "\tm"] }
            if found == nil, pos == "i", len == 1 { found = options[group + "\tm"] }
            if let found { for (l, c) in found { result.append((len, l, c)) } }
        }
        if result.isEmpty { result.append((1, [], 0)) }
        return result
    }
}

import Foundation
