/// Finds Arabic number expressions in running text and converts them to digits
/// (`قتل نحو خمسين من المسلحين` → `قتل نحو 50 من المسلحين`, `خمسمئة وثلاث وعشرون` → `523`).
///
/// **The principle: a number expression is converted whole, to the exact value it denotes, or left
/// untouched.** Never a partial conversion (digits with a number word of the same expression left
/// beside them), never two quantities merged (`1.2 مليون و14.5 ألف` is `1200000 و14500`), never a unit
/// or percentage word read as a multiplier (`ثمانية بالمئة` is `8 بالمئة`). When the grammar cannot
/// read a run of number words whole, the run stays as written.
///
/// The grammar covers MSA cardinals of any size (units, teens, tens with `و`, hundreds in one or two
/// words, scales to `سبتليون` = 10^24 with singular, dual and plural forms and their spelling variants,
/// stacked scales like `ألف مليون`), digits followed by a scale word (`11 ألف`, `1.2 مليون`, `٣٫٥ مليار`),
/// decimals (`ثلاثة فاصلة خمسة`, `واحد فاصلة أربعة خمسة`), negatives (`سالب خمسة`, `ناقص عشرة`),
/// masculine/feminine and case forms, the attached prefixes `و ف ب ل ك ال`, spelling variants (hamza,
/// teh marbuta, alef maksura, harakat, tanween, tatweel) and dialect forms (`Dialect`).
/// Words that only look like numbers are left alone: `أحد`/`إحدى` meaning "one of", weekdays
/// (`الأحد`, `الاثنين`), vague plurals (`عشرات`, `آلاف` alone), percent words (`بالمئة`, `في المئة`),
/// names after `عبد`, and ordinals (`الثالث`, `العشرون`, `المليون`) unless asked for. Values have no
/// upper bound (`NumberValue` is exact); only stacks of more than two scale words past 10^18
/// (`مليار مليار مليار`) and digit runs longer than 24 digits before a scale word are left as written.
public struct NumberWordsParser: Sendable {
    /// What to convert and how to write it.
    public var options: NumberWordsOptions
    let lexicon: Lexicon

    /// Creates a parser using the bundled lexicon.
    public init(options: NumberWordsOptions = NumberWordsOptions()) {
        self.options = options
        self.lexicon = Lexicon.shared
    }

    /// All number expressions in `text`, in order, with their values and spans.
    public func parse(_ text: String) -> [NumberMatch] {
        let scalars = Array(text.unicodeScalars)
        let found = find(scalars)
        guard !found.isEmpty else { return [] }
        var indices = Array(text.unicodeScalars.indices)
        indices.append(text.unicodeScalars.endIndex)
        var utf8 = [Int](repeating: 0, count: scalars.count + 1)
        for (k, s) in scalars.enumerated() { utf8[k + 1] = utf8[k] + UTF8.width(s) }
        // Character offsets, counted incrementally from one bound to the next.
        var lastIndex = text.startIndex, lastOffset = 0
        func characterOffset(_ index: String.Index) -> Int {
            lastOffset += text.distance(from: lastIndex, to: index)
            lastIndex = index
            return lastOffset
        }
        return found.map { f in
            var t = String.UnicodeScalarView()
            t.append(contentsOf: scalars[f.start..<f.end])
            let lower = characterOffset(indices[f.start]), upper = characterOffset(indices[f.end])
            return NumberMatch(
                value: f.value, kind: f.kind, range: indices[f.start]..<indices[f.end],
                utf8Range: utf8[f.start]..<utf8[f.end], characterRange: lower..<upper,
                scalarRange: f.start..<f.end, text: String(t))
        }
    }

    /// `text` with every number expression replaced by its value in digits.
    public func replacingNumberWords(in text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        let found = find(scalars)
        guard !found.isEmpty else { return text }
        var out = String.UnicodeScalarView()
        out.reserveCapacity(scalars.count)
        var last = 0
        for f in found {
            out.append(contentsOf: scalars[last..<f.start])
            out.append(contentsOf: write(f.value).unicodeScalars)
            last = f.end
        }
        out.append(contentsOf: scalars[last...])
        return String(out)
    }

    /// The value of `phrase` if, apart from surrounding spaces, it is exactly one number expression.
    public func value(of phrase: String) -> NumberValue? {
        let scalars = Array(phrase.unicodeScalars)
        let found = find(scalars)
        guard found.count == 1, let f = found.first else { return nil }
        let before = scalars[..<f.start], after = scalars[f.end...]
        guard before.allSatisfy(TextScanner.isSpace), after.allSatisfy(TextScanner.isSpace) else { return nil }
        return f.value
    }

    /// The value written in the chosen digit system.
    func write(_ value: NumberValue) -> String {
        let text = value.description
        guard options.digits != .western else { return text }
        let sym = options.digits.symbols
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if let d = DigitSystem.classify(s) { out.append(sym.digits[d.value]) }
            else if s == "." { out.append(sym.decimalSeparator) }
            else { out.append(s) }
        }
        return String(out)
    }

    struct Found {
        var value: NumberValue
        var kind: NumberMatch.Kind
        var start: Int
        var end: Int
    }

    func find(_ scalars: [Unicode.Scalar]) -> [Found] {
        // Quick reject: no Arabic letter, nothing to do.
        guard scalars.contains(where: { $0.value >= 0x0621 && $0.value <= 0x06FF }) else { return [] }
        let units = TextScanner.scan(scalars, lexicon: lexicon, dialects: options.dialect.set)
        let grammar = Grammar(u: units, options: options)
        var spans: [(value: NumberValue?, kind: NumberMatch.Kind, from: Int, to: Int)] = []
        var i = 0
        while i < units.count {
            if let (value, kind, next) = grammar.match(at: i) {
                spans.append((value, kind, i, next))
                i = next
            } else {
                i += grammar.skip(at: i)
            }
        }
        guard !spans.isEmpty else { return [] }
        // Whole or nothing: an expression with a number word of its own right beside it (only spaces
        // between, no `و`, no prefix) that the grammar could not take in is left as written.
        // Dropping one expression can leave its neighbour beside a word left as written: repeat until stable.
        // Digits written right against an expression would join the digits written for it (`ثلاثمئة١٠٠`).
        func glued(_ from: Int, _ to: Int) -> Bool {
            let start = units[from].start, end = units[to - 1].end
            return (start > 0 && DigitSystem.classify(scalars[start - 1]) != nil)
                || (end < scalars.count && DigitSystem.classify(scalars[end]) != nil)
        }
        var kept = spans.map { $0.value != nil && !glued($0.from, $0.to) }
        var converted = [Bool](repeating: false, count: units.count)
        for (n, s) in spans.enumerated() where kept[n] { for k in s.from..<s.to { converted[k] = true } }
        var changed = true
        while changed {
            changed = false
            for (n, s) in spans.enumerated() where kept[n] {
                let after = s.to < units.count && units[s.to].linked && !units[s.to].conj && !converted[s.to]
                    && grammar.isLooseNumberWord(s.to)
                let before = s.from > 0 && units[s.from].linked && !units[s.from].conj && !converted[s.from - 1]
                    && grammar.isLooseNumberWord(s.from - 1)
                if after || before {
                    kept[n] = false
                    for k in s.from..<s.to { converted[k] = false }
                    changed = true
                }
            }
        }
        var result: [Found] = []
        for (n, s) in spans.enumerated() where kept[n] {
            result.append(Found(value: s.value!, kind: s.kind, start: units[s.from].start, end: units[s.to - 1].end))
        }
        return result
    }
}

/// The number grammar over scanned units.
struct Grammar {
    let u: [ScanUnit]
    let options: NumberWordsOptions

    /// True if unit `j` exists and directly continues unit `j - 1`.
    @inline(__always)
    func follows(_ j: Int) -> Bool { j < u.count && u[j].linked }

    /// True if unit `j` directly continues unit `j - 1` and can be part of the same number: a word
    /// with a preposition or the article (`بالمئة`, `العشرين`) starts something else.
    @inline(__always)
    func continues(_ j: Int) -> Bool { j < u.count && u[j].linked && !u[j].prefixed }

    @inline(__always)
    func kind(_ j: Int) -> LexEntry.Kind? { j < u.count ? u[j].entry?.kind : nil }

    /// The previous word if it is directly before unit `i`.
    func previous(_ i: Int) -> LexEntry.Kind? { i > 0 && u[i].linked ? u[i - 1].entry?.kind : nil }

    /// A number word that a neighbouring expression would have to include (`isLooseNumberWord` next to a
    /// converted expression means a partial conversion): units, teens, tens, hundreds, scales, zero,
    /// the decimal point; not words with a preposition or the article, which start something else.
    func isLooseNumberWord(_ j: Int) -> Bool {
        guard j < u.count, let e = u[j].entry, !u[j].prefixed else { return false }
        switch e.kind {
        case .unit, .teen, .ten, .tens, .hundred, .scale, .zero, .point, .fractionplural: return true
        default: return false
        }
    }

    /// How many units to skip when nothing matches at `i`: an ordinal's teen or tens part goes with it.
    func skip(at i: Int) -> Int {
        if kind(i) == .ordinal, follows(i + 1) {
            if kind(i + 1) == .ten && !u[i + 1].conj { return 2 }
            if kind(i + 1) == .tens && u[i + 1].conj { return 2 }
        }
        return 1
    }

    /// The number starting at unit `i`: its value (nil if the units are to be left as they are),
    /// kind and the unit after it; nil if no number starts there.
    func match(at i: Int) -> (NumberValue?, NumberMatch.Kind, Int)? {
        guard u[i].entry != nil || u[i].digits != nil else { return nil }
        let prev = previous(i)
        if prev == .nameprefix { return nil }
        // A sign word: `سالب خمسة`, `ناقص عشرة` (not after a number: `عشرة ناقص خمسة` is a subtraction).
        if kind(i) == .minus {
            guard !u[i].prefixed, continues(i + 1), !u[i + 1].conj, !(i > 0 && u[i].linked && endsNumber(i - 1))
            else { return nil }
            guard let (v, k, next) = match(at: i + 1) else {
                // `سالب 5`: the sign word and the digits are one number.
                if let d = u[i + 1].digits { return (d.negated, .cardinal, i + 2) }
                return nil
            }
            guard k == .cardinal else { return nil }
            guard let v else { return (nil, .cardinal, next) }
            return (v.negated, .cardinal, next)
        }
        // A scale after a number too large to read (`999…9 مليون`): leave the whole expression.
        if kind(i) == .scale, !u[i].conj, u[i].linked, u[i - 1].oversized {
            return (nil, .cardinal, skipNumberWords(from: i))
        }
        if options.ordinals, let (v, next) = ordinal(at: i) {
            return (v, .ordinal, next)
        }
        // `نصف مليون`, `ربع مليار`: a whole number, converted as a cardinal in any case.
        if kind(i) == .fraction, continues(i + 1), let es = u[i + 1].entry, es.kind == .scale,
           es.number == .singular, !u[i + 1].conj {
            if let v = u[i].entry!.value.multiplied(by: NumberValue(1)!.timesPowerOfTen(es.exponent)) {
                if v.isInteger { return (v, .cardinal, i + 2) }
                // `ثلث مليون`: not whole; a fraction with the option, else left as written.
                return (options.fractions ? v : nil, .fraction, i + 2)
            }
        }
        if options.fractions, let (v, next) = fraction(at: i) {
            return (v, .fraction, next)
        }
        // `ثلاثة أرباع` is a fraction: without the fractions option it stays as written.
        if !options.fractions, kind(i) == .unit, continues(i + 1), kind(i + 1) == .fractionplural, !u[i + 1].conj {
            return (nil, .fraction, i + 2)
        }
        // `العشرون`, `المئتين`, `المليون`, `بالمئة` start no cardinal: ordinals or nouns ("the twentieth",
        // "the million", "per cent"), even before `و` and another number word (`بالمئة وسبعة`).
        if u[i].al, let e = u[i].entry, [.tens, .hundred, .scale].contains(e.kind) {
            // `خلال العشرين سنة الماضية`: tens with the article before an indefinite noun, and after no
            // definite noun (`القرن العشرين` is an ordinal), are a cardinal.
            if e.kind == .tens, !u[i].conj, i + 1 < u.count, u[i + 1].adjacent, u[i + 1].entry == nil,
               u[i + 1].digits == nil, !u[i + 1].definite,
               !(i > 0 && u[i].linked && (u[i - 1].definite || u[i - 1].al)) {
                return (e.value, .cardinal, i + 1)
            }
            if options.ordinals, e.kind == .tens, let (v, next) = cardinal(at: i), next == i + 1, let v {
                return (v, .ordinal, next)
            }
            return nil
        }
        if kind(i) == .zero {
            // `شهر صفر` is the month, `من الصفر` "from scratch".
            if prev == .monthword || u[i].al { return nil }
            if let (d, next) = decimalPart(at: i + 1) { return (d, .cardinal, next) }
            return (NumberValue(0)!, .cardinal, i + 1)
        }
        guard let (v, next) = cardinal(at: i) else { return nil }
        guard let v else { return (nil, .cardinal, next) }
        if next == i + 1, let e = u[i].entry {
            if e.notAlone && u[i].al { return nil }
            // `كل واحد` (each one), `واحد من` (one of).
            if e.wahid && (prev == .eachword || (follows(i + 1) && kind(i + 1) == .ofword)) { return nil }
            // A dialect form that is also an ordinary word (`تمن` "price") is never a number alone.
            if e.wordLike { return nil }
            // `مية` alone is "water" in Egyptian and Levantine speech (MSA writes `مئة`, `مائة`).
            if u[i].plainYehHundred && options.dialect != .msa { return nil }
        }
        return (v, .cardinal, next)
    }

    /// Unit `j` ends a number (a digit run or a cardinal number word).
    func endsNumber(_ j: Int) -> Bool {
        if u[j].digits != nil { return true }
        switch kind(j) {
        case .unit, .teen, .ten, .tens, .hundred, .scale, .zero: return true
        default: return false
        }
    }

    func ordinal(at i: Int) -> (NumberValue, Int)? {
        guard let e = u[i].entry, e.kind == .ordinal else { return nil }
        if previous(i) == .monthprefix { return nil }
        if e.needsAl && !u[i].al { return nil }
        let v = e.int
        if follows(i + 1), let e2 = u[i + 1].entry {
            if e2.kind == .ten && !u[i + 1].conj && v < 10 { return (NumberValue(10 + v)!, i + 2) }
            if e2.kind == .tens && u[i + 1].conj && v < 10 { return (NumberValue(e2.int + v)!, i + 2) }
        }
        if e.compound { return nil }
        return (e.value, i + 1)
    }

    func fraction(at i: Int) -> (NumberValue, Int)? {
        guard let e = u[i].entry else { return nil }
        if e.kind == .fraction { return e.wordLike ? nil : (e.value, i + 1) }
        if e.kind == .unit, !e.ahad, !e.twelve, continues(i + 1), let e2 = u[i + 1].entry,
           e2.kind == .fractionplural, !u[i + 1].conj {
            return NumberValue(e.int, e2.int).map { ($0, i + 2) }
        }
        return nil
    }

    /// Units to 99: `خمسة`, `خمسة عشر`, `خمس وعشرون`, `عشرون`, `عشر`.
    func tens(at i: Int) -> (Int64, Int)? {
        guard let e = u[i].entry else { return nil }
        switch e.kind {
        case .unit:
            let v = e.int
            if continues(i + 1), let e2 = u[i + 1].entry {
                if e2.kind == .ten && !u[i + 1].conj { return (10 + v, i + 2) }
                if e2.kind == .tens && u[i + 1].conj && !e.twelve { return (v + e2.int, i + 2) }
            }
            if e.twelve || e.ahad { return nil }
            return (v, i + 1)
        case .teen, .ten, .tens:
            return (e.int, i + 1)
        default:
            return nil
        }
    }

    /// Up to 999: hundreds (`ثلاثمئة`, `ثلاث مئة`, `مئتان`) optionally followed by `و` and tens.
    func belowThousand(at i: Int) -> (Int64, Int)? {
        guard let e = u[i].entry else { return nil }
        var h: Int64? = nil, j = i
        if e.kind == .hundred {
            if e.vague { return nil }
            h = e.int; j = i + 1
        } else if e.kind == .unit, !e.ahad, !e.twelve, e.int >= 3, continues(i + 1),
                  let e2 = u[i + 1].entry, e2.kind == .hundred, e2.mult, !u[i + 1].conj {
            h = e.int * 100; j = i + 2
        }
        if let h {
            if continues(j), u[j].conj, let (t, k) = tens(at: j) { return (h + t, k) }
            return (h, j)
        }
        return tens(at: i)
    }

    /// A full cardinal: groups `multiplier scale…` joined by `و` with falling scales, then an optional
    /// last group below a thousand, then a decimal part (`فاصلة خمسة`) or `ونصف`/`وربع`/`وثلث`.
    /// The value is nil when the expression cannot be read whole; the whole run of number words is then skipped.
    func cardinal(at i: Int) -> (NumberValue?, Int)? {
        var total = NumberValue(0)!
        var lastExp = Int.max
        var lastMultiplier: Int64 = 0
        var groups = 0
        var j = i
        while j < u.count {
            var sideBySide = false
            if groups > 0 {
                guard continues(j) else { break }
                if !u[j].conj {
                    // Dialects put groups side by side without `و` (`ألفين خمسمية`): after a scale only, and
                    // (in `auto`) only for a hundreds group after thousands.
                    guard options.dialect != .msa, lastExp >= 3, u[j].digits == nil else { break }
                    if options.dialect == .auto {
                        guard kind(j) == .hundred || (kind(j) == .unit && kind(j + 1) == .hundred) else { break }
                    }
                    sideBySide = true
                }
            }
            var multiplier: NumberValue
            var k: Int
            var bare = false
            var exp = 0
            var stack = 0
            if let d = u[j].digits {
                multiplier = d; k = j + 1
            } else if let e = u[j].entry, e.kind == .scale {
                if sideBySide { break }
                switch e.number {
                case .singular: multiplier = NumberValue(1)!
                case .dual: multiplier = NumberValue(2)!
                case .accdual:
                    // `ألفًا` with tanween is 1000; bare `ألفا` could be 1000, 2000 (`ألفا جندي`) or "Alpha".
                    guard u[j].tanween else { return groups > 0 ? finish(total, j, lastExp, groups) : nil }
                    multiplier = NumberValue(1)!
                default: return groups > 0 ? finish(total, j, lastExp, groups) : nil
                }
                bare = true; exp = e.exponent; stack = 1; k = j + 1
            } else if let (m, next) = belowThousand(at: j) {
                multiplier = NumberValue(m)!; k = next
            } else {
                break
            }
            // A decimal multiplier (`1.2 مليون`) is a whole quantity: never joined to another group.
            if groups > 0 && !multiplier.isInteger { break }
            // Scale words after the multiplier: `ثلاثة آلاف`, `ألف مليون`, `مئة ألف مليون`.
            while continues(k), let es = u[k].entry, es.kind == .scale, !u[k].conj {
                if exp == 0 {
                    if es.number == .dual { break }
                } else if es.number != .singular {
                    break
                }
                exp += es.exponent
                stack += 1
                k += 1
            }
            // Stacks of more than two scale words past 10^18 (`مليار مليار مليار`) are not numbers anyone writes.
            if stack > 2 && exp > 18 { return (nil, skipNumberWords(from: i)) }
            if u[j].digits != nil && exp == 0 {
                // Digits alone are not number words; as the last group they must fit under the previous scale.
                if groups == 0 { return nil }
                guard let n = multiplier.integer, lastExp >= 19 || n < Self.power(lastExp) else { break }
            }
            if groups > 0 {
                let m = multiplier.integer ?? 0
                let fallsOK = exp < lastExp
                let repeatOK = exp == lastExp && bare && m <= 2 && lastMultiplier >= 100 && lastMultiplier % 100 == 0
                if !(fallsOK || repeatOK) { break }
                if sideBySide, exp > 0 { break }
            }
            guard let t = total.adding(multiplier.timesPowerOfTen(exp)) else {
                return (nil, skipNumberWords(from: i))
            }
            total = t
            groups += 1
            lastExp = exp
            lastMultiplier = multiplier.integer ?? 0
            j = k
            if exp == 0 { break }
            if !multiplier.isInteger { break }
        }
        guard groups > 0 else { return nil }
        return finish(total, j, lastExp, groups)
    }

    static func power(_ e: Int) -> Int64 {
        var p: Int64 = 1
        for _ in 0..<e { p *= 10 }
        return p
    }

    /// After the groups: a decimal part (`ثلاثة فاصلة خمسة`, then possibly a scale: `ثلاثة فاصلة خمسة مليون`),
    /// or a trailing `ونصف`/`وربع`/`وثلث`. After a scale the fraction is a fraction of that scale
    /// (`مليون ونصف` = 1 500 000) and always taken when whole; otherwise only with fractions on, and
    /// without the option the whole expression is left as written.
    func finish(_ total: NumberValue, _ j: Int, _ lastExp: Int, _ groups: Int) -> (NumberValue?, Int)? {
        if let (decimals, next) = decimalPart(at: j), let t = total.adding(decimals) {
            // `واحد فاصلة اثنان مليون` = 1 200 000, like `1.2 مليون`.
            if groups == 1, lastExp == 0, continues(next), let es = u[next].entry, es.kind == .scale, !u[next].conj,
               es.number != .dual {
                var exp = 0, k = next
                while continues(k), let e = u[k].entry, e.kind == .scale, !u[k].conj, k - next < 2 {
                    exp += e.exponent; k += 1
                }
                return (t.timesPowerOfTen(exp), k)
            }
            return (t, next)
        }
        if continues(j), u[j].conj, let e = u[j].entry, e.kind == .fraction {
            let f = e.value.timesPowerOfTen(lastExp == Int.max ? 0 : lastExp)
            guard let t = total.adding(f) else { return (nil, j + 1) }
            if options.fractions || (lastExp > 0 && f.isInteger) { return (t, j + 1) }
            return (nil, j + 1)
        }
        return (total, j)
    }

    /// `فاصلة` (or `فاصل`, `نقطة`) followed by the decimal digits read as words: as one number below a
    /// thousand (`ثلاثة فاصلة خمسة` = 3.5, `واحد فاصلة خمسة وعشرون` = 1.25, `واحد فاصلة صفر خمسة` = 1.05)
    /// or digit by digit (`واحد فاصلة أربعة خمسة` = 1.45), as `NumberSpeller.spell(digits:)` writes them.
    /// A scale word after it scales the whole decimal (`ثلاثة فاصلة خمسة مليون` = 3 500 000).
    func decimalPart(at j: Int) -> (NumberValue, Int)? {
        guard continues(j), kind(j) == .point, !u[j].conj else { return nil }
        var k = j + 1
        var digits: [Int] = []
        while continues(k), kind(k) == .zero, !u[k].conj { digits.append(0); k += 1 }
        if continues(k), !u[k].conj, let d = singleDigit(k), continues(k + 1), !u[k + 1].conj,
           singleDigit(k + 1) != nil || kind(k + 1) == .zero {
            // Digit by digit: every following word is one digit.
            digits.append(d); k += 1
            while continues(k), !u[k].conj {
                if kind(k) == .zero { digits.append(0) } else if let d2 = singleDigit(k) { digits.append(d2) } else { break }
                k += 1
            }
        } else if continues(k), !u[k].conj, let (n, next) = belowThousand(at: k) {
            // Up to three digits read as one number; longer decimal parts are read digit by digit.
            digits.append(contentsOf: String(n).map { Int(String($0))! })
            k = next
        }
        guard !digits.isEmpty, digits.count <= 18, let m = BigUInt(decimalDigits: digits) else { return nil }
        return NumberValue(reducing: m, over: Self.power(digits.count)).map { ($0, k) }
    }

    /// The digit of a one-word unit 1…9 (`خمسة`, `خمس`), nil for anything else.
    func singleDigit(_ k: Int) -> Int? {
        guard let e = u[k].entry, e.kind == .unit, !e.ahad, !e.twelve, !u[k].prefixed else { return nil }
        if continues(k + 1), let e2 = u[k + 1].entry, e2.kind == .ten || e2.kind == .hundred, !u[k + 1].conj { return nil }
        return Int(e.int)
    }

    /// The unit after the run of linked number words starting at `i`.
    func skipNumberWords(from i: Int) -> Int {
        var k = i + 1
        while follows(k), u[k].digits != nil || [.unit, .teen, .ten, .tens, .hundred, .scale, .zero, .point].contains(kind(k)) {
            k += 1
        }
        return k
    }
}
