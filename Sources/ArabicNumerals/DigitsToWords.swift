extension NumberSpeller {
    /// `text` with every number written in digits replaced by words (`قتل 47 عنصرًا` →
    /// `قتل سبعة وأربعون عنصرًا`; `91%` → `واحد وتسعون بالمئة`; `-5` → `سالب خمسة`; `٣٫٥` →
    /// `ثلاثة فاصلة خمسة`). The words always read back to the same value (`NumberWordsParser`).
    ///
    /// Digit runs follow the rules of `DigitConverter`: runs inside identifiers (`BMP3`), runs whose
    /// separators are not a number's separators (`22.01.2020`, `1,2,3`), runs after a decimal separator
    /// (`.5`: a fraction without its whole part) and runs whose whole part has
    /// more than `NumberSpeller.maximumDigits` digits are left as they are. So are codes: runs with a
    /// leading zero (`0912`), runs joined to another digit run by `-`, `/` or `:` (phone numbers, dates,
    /// times: `16/1/2020`, `10:30`), runs after `+` (`+966`) and runs next to another digit run with only
    /// spaces between (`050 123 4567`: spelled side by side they would read as one number), and two runs
    /// joined by `و` whose words would read as one number (`بين 5 و20`: `خمسة وعشرون` is 25). A `-` or `−`
    /// right before a run, not after a letter or a digit, is its sign. The whole text uses this speller's
    /// gender and case; agreement with each counted noun is left to the caller.
    public func replacingDigits(in text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: { DigitSystem.classify($0) != nil }) else { return text }
        // Spelled runs: where they start (the sign included), the offset after them, their words.
        var runs: [(start: Int, end: Int, words: String, percent: Bool)] = []
        var i = 0
        let n = scalars.count
        while i < n {
            let c = scalars[i]
            // A sign before a digit run.
            if (c == "-" || c == "\u{2212}"), i + 1 < n, DigitSystem.classify(scalars[i + 1]) != nil,
               i == 0 || Self.signMayFollow(scalars[i - 1]),
               let (words, next, percent) = spellRun(scalars, from: i + 1) {
                runs.append((i, next, word("minus") + " " + words, percent))
                i = next
                continue
            }
            guard DigitSystem.classify(c) != nil else { i += 1; continue }
            if let (words, next, percent) = spellRun(scalars, from: i) {
                runs.append((i, next, words, percent))
                i = next
            } else {
                i = DigitConverter.scanRun(scalars, from: i).end
            }
        }
        // Two numbers joined by `و` whose words would read as one (`5 و20` → `خمسة وعشرون` = 25) stay in digits.
        var keep = [Bool](repeating: false, count: runs.count)
        if runs.count > 1 {
            let parser = NumberWordsParser()
            for k in 1..<runs.count where !runs[k - 1].percent {
                let between = scalars[runs[k - 1].end..<runs[k].start].filter { !TextScanner.isSpace($0) }
                guard between == ["و"] else { continue }
                if parser.value(of: runs[k - 1].words + " و" + runs[k].words) != nil {
                    keep[k - 1] = true
                    keep[k] = true
                }
            }
        }
        var out = String.UnicodeScalarView()
        var last = 0
        for (k, r) in runs.enumerated() where !keep[k] {
            out.append(contentsOf: scalars[last..<r.start])
            out.append(contentsOf: r.words.unicodeScalars)
            last = r.end
        }
        out.append(contentsOf: scalars[last...])
        return String(out)
    }

    /// The words for the digit run starting at `i` (with `بالمئة` for a `%` after it), the offset
    /// after what they replace and whether a percent sign was read; nil if the run is left as it is.
    func spellRun(_ scalars: [Unicode.Scalar], from i: Int) -> (String, Int, Bool)? {
        let n = scalars.count
        let (j, seps) = DigitConverter.scanRun(scalars, from: i)
        // (A run right after a decimal separator, `.5`, `٫٥`, is the fractional part of a number
        // written without its whole part: spelled alone it would read as a whole number.)
        if (i > 0 && DigitConverter.isIdentifierChar(scalars[i - 1])) || (j < n && DigitConverter.isIdentifierChar(scalars[j]))
            || (i > 0 && DigitConverter.isDecimal(scalars[i - 1])) || Self.isCode(scalars, i, j) {
            return nil
        }
        let roles = DigitConverter.separatorRoles(scalars, i, j, seps)
        let decimals = seps.filter { DigitConverter.isDecimal(scalars[$0]) }.count
        let groups = seps.count - decimals
        guard (decimals == 0 || roles.decimalOK) && (groups == 0 || roles.groupsOK) else { return nil }
        var run = String.UnicodeScalarView()
        run.append(contentsOf: scalars[i..<j])
        guard let words = spell(digits: String(run)) else { return nil }
        if j < n, scalars[j] == "%" || scalars[j] == "\u{066A}" {
            return (words + " " + word("percent"), j + 1, true)
        }
        return (words, j, false)
    }

    /// A sign may follow: start of a word (a space, an opening bracket or quote), not a letter, digit or symbol.
    static func signMayFollow(_ c: Unicode.Scalar) -> Bool {
        TextScanner.isSpace(c) || "([{«\"'\n\r،:=".unicodeScalars.contains(c)
    }

    /// A leading zero (`007`, but not `0` or `0.5`), a `-`, `/`, `:` joining the run `i..<j` to another
    /// digit run, a `+` before it, or another digit run with only spaces between.
    static func isCode(_ s: [Unicode.Scalar], _ i: Int, _ j: Int) -> Bool {
        if DigitSystem.classify(s[i])?.value == 0, i + 1 < j, DigitSystem.classify(s[i + 1]) != nil { return true }
        func joiner(_ c: Unicode.Scalar) -> Bool { c == "-" || c == "/" || c == ":" || c == "\u{2013}" }
        if i >= 2, joiner(s[i - 1]), DigitSystem.classify(s[i - 2]) != nil { return true }
        if j + 1 < s.count, joiner(s[j]), DigitSystem.classify(s[j + 1]) != nil { return true }
        if i >= 1, s[i - 1] == "+" { return true }
        var k = i - 1
        while k >= 0, TextScanner.isSpace(s[k]) { k -= 1 }
        if k >= 0, k < i - 1, DigitSystem.classify(s[k]) != nil { return true }
        k = j
        while k < s.count, TextScanner.isSpace(s[k]) { k += 1 }
        if k > j, k < s.count, DigitSystem.classify(s[k]) != nil { return true }
        return false
    }
}
