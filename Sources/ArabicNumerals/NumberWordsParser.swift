/// Finds Arabic number expressions in running text and converts them to digits
/// (`قتل نحو خمسين من المسلحين` → `قتل نحو 50 من المسلحين`, `خمسمئة وثلاث وعشرون` → `523`).
///
/// The grammar covers MSA cardinals up to 10^18 (units, teens, tens with `و`, hundreds in one or two
/// words, scales with singular, dual and plural forms, chains like `ألف مليون`), digits followed by a
/// scale word (`11 ألف`, `1.2 مليون`), masculine/feminine and case forms, the attached prefixes
/// `و ف ب ل ك ال`, and spelling variants (hamza, teh marbuta, alef maksura, harakat, tanween, tatweel).
/// Words that only look like numbers are left alone: `أحد`/`إحدى` meaning "one of", weekdays
/// (`الأحد`, `الاثنين`), vague plurals (`عشرات`, `آلاف` alone), `في المئة`, names after `عبد`, and ordinals
/// unless asked for. Expressions whose value would pass `NumberValue.limit` are left unchanged.
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
        let units = TextScanner.scan(scalars, lexicon: lexicon)
        let grammar = Grammar(u: units, options: options)
        var result: [Found] = []
        var i = 0
        while i < units.count {
            if let (value, kind, next) = grammar.match(at: i) {
                if let value {
                    result.append(Found(value: value, kind: kind, start: units[i].start, end: units[next - 1].end))
                }
                i = next
            } else {
                i += grammar.skip(at: i)
            }
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

    @inline(__always)
    func kind(_ j: Int) -> LexEntry.Kind? { j < u.count ? u[j].entry?.kind : nil }

    /// The previous word if it is directly before unit `i`.
    func previous(_ i: Int) -> LexEntry.Kind? { i > 0 && u[i].linked ? u[i - 1].entry?.kind : nil }

    /// How many units to skip when nothing matches at `i`: an ordinal's teen or tens part goes with it.
    func skip(at i: Int) -> Int {
        if kind(i) == .ordinal, follows(i + 1) {
            if kind(i + 1) == .ten && !u[i + 1].conj { return 2 }
            if kind(i + 1) == .tens && u[i + 1].conj { return 2 }
        }
        return 1
    }

    /// The number starting at unit `i`: its value (nil if too large, the units are then left as they are),
    /// kind and the unit after it; nil if no number starts there.
    func match(at i: Int) -> (NumberValue?, NumberMatch.Kind, Int)? {
        guard u[i].entry != nil || u[i].digits != nil else { return nil }
        let prev = previous(i)
        if prev == .nameprefix { return nil }
        // A scale after a number too large to read (`999…9 مليون`): leave the whole expression.
        if kind(i) == .scale, !u[i].conj, u[i].linked, u[i - 1].oversized {
            return (nil, .cardinal, skipNumberWords(from: i))
        }
        if options.ordinals, let (v, next) = ordinal(at: i) {
            return (v, .ordinal, next)
        }
        // `نصف مليون`, `ربع مليار`: a whole number, converted as a cardinal in any case.
        if kind(i) == .fraction, follows(i + 1), let es = u[i + 1].entry, es.kind == .scale,
           es.number == .singular, !u[i + 1].conj {
            if let v = u[i].entry!.value.multiplied(by: es.value) {
                if v.integer != nil { return (v, .cardinal, i + 2) }
                // `ثلث مليون`: not whole; a fraction with the option, else left as written.
                return (options.fractions ? v : nil, .fraction, i + 2)
            }
        }
        if options.fractions, let (v, next) = fraction(at: i) {
            return (v, .fraction, next)
        }
        // `ثلاثة أرباع` is a fraction: without the fractions option it stays as written.
        if !options.fractions, kind(i) == .unit, follows(i + 1), kind(i + 1) == .fractionplural, !u[i + 1].conj {
            return (nil, .fraction, i + 2)
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
        }
        return (v, .cardinal, next)
    }

    func ordinal(at i: Int) -> (NumberValue, Int)? {
        guard let e = u[i].entry, e.kind == .ordinal else { return nil }
        if previous(i) == .monthprefix { return nil }
        if e.needsAl && !u[i].al { return nil }
        let v = e.value.numerator
        if follows(i + 1), let e2 = u[i + 1].entry {
            if e2.kind == .ten && !u[i + 1].conj && v < 10 { return (NumberValue(10 + v)!, i + 2) }
            if e2.kind == .tens && u[i + 1].conj && v < 10 { return (NumberValue(e2.value.numerator + v)!, i + 2) }
        }
        if e.compound { return nil }
        return (e.value, i + 1)
    }

    func fraction(at i: Int) -> (NumberValue, Int)? {
        guard let e = u[i].entry else { return nil }
        if e.kind == .fraction { return (e.value, i + 1) }
        if e.kind == .unit, !e.ahad, !e.twelve, follows(i + 1), let e2 = u[i + 1].entry,
           e2.kind == .fractionplural, !u[i + 1].conj {
            return NumberValue(e.value.numerator, e2.value.numerator).map { ($0, i + 2) }
        }
        return nil
    }

    /// Units to 99: `خمسة`, `خمسة عشر`, `خمس وعشرون`, `عشرون`, `عشر`.
    func tens(at i: Int) -> (Int64, Int)? {
        guard let e = u[i].entry else { return nil }
        switch e.kind {
        case .unit:
            let v = e.value.numerator
            if follows(i + 1), let e2 = u[i + 1].entry {
                if e2.kind == .ten && !u[i + 1].conj { return (10 + v, i + 2) }
                if e2.kind == .tens && u[i + 1].conj && !e.twelve { return (v + e2.value.numerator, i + 2) }
            }
            if e.twelve || e.ahad { return nil }
            return (v, i + 1)
        case .teen, .ten, .tens:
            return (e.value.numerator, i + 1)
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
            h = e.value.numerator; j = i + 1
        } else if e.kind == .unit, !e.ahad, !e.twelve, e.value.numerator >= 3, follows(i + 1),
                  let e2 = u[i + 1].entry, e2.kind == .hundred, e2.mult, !u[i + 1].conj {
            h = e.value.numerator * 100; j = i + 2
        }
        if let h {
            if follows(j), u[j].conj, let (t, k) = tens(at: j) { return (h + t, k) }
            return (h, j)
        }
        return tens(at: i)
    }

    /// A full cardinal: groups `multiplier scale…` joined by `و` with falling scales, then an optional
    /// last group below a thousand, then (with fractions on) `ونصف`/`وربع`/`وثلث`.
    /// The value is nil if it would pass `NumberValue.limit`; the whole run of number words is then skipped.
    func cardinal(at i: Int) -> (NumberValue?, Int)? {
        var total = NumberValue(0)!
        var lastScale = Int64.max
        var lastMultiplier: Int64 = 0
        var groups = 0
        var j = i
        while j < u.count {
            if groups > 0 && !(follows(j) && u[j].conj) { break }
            var multiplier: NumberValue
            var k: Int
            var bare = false
            var scale: Int64 = 1
            if let d = u[j].digits {
                multiplier = d; k = j + 1
            } else if let e = u[j].entry, e.kind == .scale {
                switch e.number {
                case .singular: multiplier = NumberValue(1)!
                case .dual: multiplier = NumberValue(2)!
                case .accdual:
                    // `ألفًا` with tanween is 1000; bare `ألفا` could be 1000, 2000 (`ألفا جندي`) or "Alpha".
                    guard u[j].tanween else { return groups > 0 ? finish(total, j, lastScale) : nil }
                    multiplier = NumberValue(1)!
                default: return groups > 0 ? finish(total, j, lastScale) : nil
                }
                bare = true; scale = e.value.numerator; k = j + 1
            } else if let (m, next) = belowThousand(at: j) {
                multiplier = NumberValue(m)!; k = next
            } else {
                break
            }
            // Scale words after the multiplier: `ثلاثة آلاف`, `ألف مليون`, `مئة ألف مليون`.
            while follows(k), let es = u[k].entry, es.kind == .scale, !u[k].conj {
                if scale == 1 {
                    if es.number == .dual { break }
                } else if es.number != .singular {
                    break
                }
                let (p, overflow) = scale.multipliedReportingOverflow(by: es.value.numerator)
                if overflow || p > NumberValue.limit { return (nil, skipNumberWords(from: i)) }
                scale = p
                k += 1
            }
            if u[j].digits != nil && scale == 1 {
                // Digits alone are not number words; as the last group they must fit under the previous scale.
                if groups == 0 { return nil }
                guard let n = multiplier.integer, n < lastScale else { break }
            }
            if groups > 0 {
                let m = multiplier.integer ?? 0
                let fallsOK = scale < lastScale
                let repeatOK = scale == lastScale && bare && m <= 2 && lastMultiplier >= 100 && lastMultiplier % 100 == 0
                if !(fallsOK || repeatOK) { break }
            }
            guard let g = multiplier.multiplied(by: NumberValue(scale)!), let t = total.adding(g) else {
                return (nil, skipNumberWords(from: i))
            }
            total = t
            groups += 1
            lastScale = scale
            lastMultiplier = multiplier.integer ?? 0
            j = k
            if scale == 1 { break }
        }
        guard groups > 0 else { return nil }
        return finish(total, j, lastScale)
    }

    /// Adds a trailing `ونصف`/`وربع`/`وثلث`. After a scale it is a fraction of that scale
    /// (`مليون ونصف` = 1 500 000) and always taken when whole; otherwise only with fractions on.
    func finish(_ total: NumberValue, _ j: Int, _ lastScale: Int64) -> (NumberValue?, Int)? {
        if lastScale == 1, let (decimals, next) = decimalPart(at: j), let t = total.adding(decimals) {
            return (t, next)
        }
        if follows(j), u[j].conj, let e = u[j].entry, e.kind == .fraction,
           let f = e.value.multiplied(by: NumberValue(lastScale)!), let t = total.adding(f),
           options.fractions || (lastScale > 1 && f.integer != nil) {
            return (t, j + 1)
        }
        return (total, j)
    }

    /// `فاصلة` followed by the decimal digits read as words (`ثلاثة فاصلة خمسة` = 3.5,
    /// `واحد فاصلة صفر خمسة` = 1.05), as `NumberSpeller.spell(digits:)` writes them.
    func decimalPart(at j: Int) -> (NumberValue, Int)? {
        guard follows(j), kind(j) == .point, !u[j].conj else { return nil }
        var k = j + 1, zeros = 0
        while follows(k), kind(k) == .zero { zeros += 1; k += 1 }
        var digits: Int64 = 0, count = zeros
        if follows(k), let (v, next) = cardinal(at: k), let n = v?.integer {
            digits = n
            count += String(n).count
            k = next
        }
        guard count > zeros || zeros > 0, count <= 18 else { return nil }
        var scale: Int64 = 1
        for _ in 0..<count { scale *= 10 }
        return NumberValue(digits, scale).map { ($0, k) }
    }

    /// The unit after the run of linked number words starting at `i`.
    func skipNumberWords(from i: Int) -> Int {
        var k = i + 1
        while follows(k), u[k].digits != nil || [.unit, .teen, .ten, .tens, .hundred, .scale, .zero].contains(kind(k)) {
            k += 1
        }
        return k
    }
}
