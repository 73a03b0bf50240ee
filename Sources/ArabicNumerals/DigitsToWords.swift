extension NumberSpeller {
    /// `text` with every number written in digits replaced by words (`قتل 47 عنصرًا` →
    /// `قتل سبعة وأربعون عنصرًا`; `91%` → `واحد وتسعون بالمئة`).
    ///
    /// Digit runs follow the rules of `DigitConverter`: runs inside identifiers (`BMP3`), runs whose
    /// separators are not a number's separators (`22.01.2020`, `1,2,3`) and numbers above
    /// `NumberSpeller.maximum` are left as they are. So are codes: runs with a leading zero (`0912`) and
    /// runs joined to another digit run by `-`, `/` or `:` (phone numbers, dates, times: `16/1/2020`, `10:30`). The whole text uses this speller's gender and
    /// case; agreement with each counted noun is left to the caller.
    public func replacingDigits(in text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: { DigitSystem.classify($0) != nil }) else { return text }
        var out = String.UnicodeScalarView()
        var i = 0
        let n = scalars.count
        while i < n {
            guard DigitSystem.classify(scalars[i]) != nil else {
                out.append(scalars[i])
                i += 1
                continue
            }
            let (j, seps) = DigitConverter.scanRun(scalars, from: i)
            let identifier = (i > 0 && DigitConverter.isIdentifierChar(scalars[i - 1]))
                || (j < n && DigitConverter.isIdentifierChar(scalars[j]))
                || Self.isCode(scalars, i, j)
            let roles = DigitConverter.separatorRoles(scalars, i, j, seps)
            let decimals = seps.filter { DigitConverter.isDecimal(scalars[$0]) }.count
            let groups = seps.count - decimals
            let separatorsOK = (decimals == 0 || roles.decimalOK) && (groups == 0 || roles.groupsOK)
            var run = String.UnicodeScalarView()
            run.append(contentsOf: scalars[i..<j])
            if !identifier, separatorsOK, let words = spell(digits: String(run)) {
                out.append(contentsOf: words.unicodeScalars)
                if j < n, scalars[j] == "%" || scalars[j] == "\u{066A}" {
                    out.append(" ")
                    out.append(contentsOf: word("percent").unicodeScalars)
                    i = j + 1
                    continue
                }
            } else {
                out.append(contentsOf: run)
            }
            i = j
        }
        return String(out)
    }

    /// A leading zero (`007`, but not `0` or `0.5`), or a `-`, `/`, `:` joining the run `i..<j` to another digit run.
    static func isCode(_ s: [Unicode.Scalar], _ i: Int, _ j: Int) -> Bool {
        if DigitSystem.classify(s[i])?.value == 0, i + 1 < j, DigitSystem.classify(s[i + 1]) != nil { return true }
        func joiner(_ c: Unicode.Scalar) -> Bool { c == "-" || c == "/" || c == ":" || c == "\u{2013}" }
        if i >= 2, joiner(s[i - 1]), DigitSystem.classify(s[i - 2]) != nil { return true }
        if j + 1 < s.count, joiner(s[j]), DigitSystem.classify(s[j + 1]) != nil { return true }
        return false
    }
}
