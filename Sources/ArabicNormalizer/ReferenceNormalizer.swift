/// A slow, plain implementation of the same steps, written directly on ICU's whole-text
/// normalizer and the step definitions (`CharacterSteps`, `CharacterSets`) instead of the
/// compiled tables and the byte-level pass.
///
/// It exists to check the fast path (differential tests and fuzzing): for the same configuration
/// both must give the same bytes. Use `Normalizer` for real work.
public struct ReferenceNormalizer: Sendable {
    public let configuration: Configuration

    public init(_ configuration: Configuration) { self.configuration = configuration }

    /// Normalizes a string, repeating the whole pass until the text stops changing.
    public func normalize(_ text: String) -> String {
        var current = text
        for _ in 0..<ContextRules.passLimit {
            let next = pass(current)
            // Compare bytes: String == is canonical equivalence and would hide a reordering.
            if next.utf8.elementsEqual(current.utf8) { break }
            current = next
        }
        return current
    }

    /// One pass. With a span step, the text is cut at the spans `SpanScanner` finds (as the
    /// engine cuts it): each piece of text between them is normalized on its own (ICU, then the
    /// steps, look-ahead ending with the piece) with the context carried over, and each span is
    /// copied, replaced, removed, made a space or replaced by text normalized the same way.
    private func pass(_ text: String) -> String {
        let steps = configuration.steps
        let on = { (step: Step) in steps.contains(step) }
        var output: [UInt32] = []
        var lastClass = 0  // 0 other, 1 Arabic word character, 2 digit
        var pendingSpace = false
        var lineStart = true
        var lastLetter: UInt32 = 0, repeatCount = 0

        func props(_ c: UInt32) -> CharacterProperties { PropertyTable.properties(c) }
        func emit(_ c: UInt32, sourceIsMark: Bool = false, altered: Bool = false) {
            if pendingSpace { output.append(0x20); pendingSpace = false; lastClass = 0 }
            let p = props(c)
            if on(.elongation) && CharacterSets.isArabicLetter(p) {
                if repeatCount > 0 && c == lastLetter {
                    repeatCount += 1
                    if repeatCount == ContextRules.Elongation.collapsedRun { output.removeLast() }
                    if repeatCount >= ContextRules.Elongation.collapsedRun { return }
                } else {
                    lastLetter = c; repeatCount = 1
                }
            } else {
                repeatCount = 0
            }
            output.append(c)
            lineStart = false
            if !sourceIsMark || altered {
                if CharacterSets.isArabicLetter(p) || c == CharacterSets.tatweel { lastClass = 1 }
                else if p.isDigit { lastClass = 2 }
                else { lastClass = 0 }
            }
        }
        func space() {
            repeatCount = 0
            if lineStart || pendingSpace { return }
            pendingSpace = true
            lastClass = 0
        }
        func producedSpace() {
            if on(.whitespace) { space() } else { emit(0x20) }
        }
        func protect(_ bytes: some Collection<UInt8>) {
            guard !bytes.isEmpty else { return }
            if pendingSpace { output.append(0x20); pendingSpace = false }
            var last: UInt32 = 0
            for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
                output.append(scalar.value)
                last = scalar.value
            }
            lineStart = false
            let context = SpanContext(after: last)
            lastClass = Int(context.lastClass)
            if context.letter { lastLetter = last; repeatCount = 1 } else { repeatCount = 0 }
        }

        func run(_ piece: String) {
        var normalized = piece
        if on(.unicode) { normalized = ICU.normalize(piece, form: on(.nfkc) ? .nfkc : .nfc) }
        let input = Array(normalized.unicodeScalars).map(\.value)
        var joinUntil = 0, noJoinUntil = 0
        func next(_ k: Int) -> UInt32? { k < input.count ? input[k] : nil }

        var k = 0
        while k < input.count {
            let c = input[k]
            let p = props(c)
            defer { k += 1 }
            if CharacterSets.isLineBreak(c) {
                pendingSpace = false
                output.append(c)
                lineStart = true; lastClass = 0; repeatCount = 0
                continue
            }
            if on(.whitespace) && CharacterSets.isSpace(c, p) { space(); continue }
            let isZeroWidth = CharacterSets.isZeroWidth(c, p)
            let isSeparator = CharacterSets.isSeparator(c, p)
            if on(.deobfuscate) && (c == CharacterSets.tatweel || isZeroWidth || isSeparator) {
                if k >= joinUntil && k >= noJoinUntil && lastClass == 1 {
                    var j = k, glue = false, separator = false, count = 0
                    stretch: while j < input.count && count < ContextRules.Deobfuscation.stretchLimit {
                        switch ContextRules.Deobfuscation.role(input[j], props(input[j])) {
                        case .glue: glue = true
                        case .separator: separator = true
                        case .carried: break
                        case .ends: break stretch
                        }
                        j += 1; count += 1
                    }
                    let joins = glue && separator && j < input.count && CharacterSets.isArabicLetter(props(input[j]))
                    if joins { joinUntil = j } else { noJoinUntil = j }
                }
                if k < joinUntil && (isZeroWidth || isSeparator) { continue }
            }
            if c == CharacterSets.zwnj && on(.persian) { producedSpace(); continue }
            if p.has(CharacterProperties.Flag.joinControl) && on(.invisible) && lastClass == 1 {
                var j = k + 1
                let (found, _) = ContextRules.lookAhead(canonicalMarks: on(.unicode), passing: ContextRules.JoinControls.passedOver) {
                    defer { j += 1 }
                    return next(j)
                }
                if let (n, q) = found, ContextRules.JoinControls.deletedBefore(n, q) { continue }
            }
            var d = k + 1
            let nextIsDigit = ContextRules.lookAhead(canonicalMarks: on(.unicode), passing: {
                ContextRules.Numbers.passedOver($0, $1, tatweelStep: on(.tatweel), persianStep: on(.persian))
            }, next: {
                defer { d += 1 }
                return next(d)
            }).found?.1.isDigit ?? false
            if on(.digits) && !p.has(CharacterProperties.Flag.joinControl) {
                if (c == CharacterSets.arabicDecimalSeparator || c == CharacterSets.arabicThousandsSeparator)
                    && lastClass == 2 && nextIsDigit {
                    emit(c == CharacterSets.arabicDecimalSeparator ? 0x2E : 0x2C, altered: true); lastClass = 0
                    continue
                }
                if c == CharacterSets.arabicPercent && lastClass == 2 { emit(0x25, altered: true); lastClass = 0; continue }
            }
            if on(.punctuation) && p.isPunctuation {
                let insideNumber = (CharacterSets.isNumberSeparator(c) && lastClass == 2 && nextIsDigit)
                    || (CharacterSets.isPercent(c) && lastClass == 2)
                    || (ContextRules.Numbers.isSign(c) && nextIsDigit)
                if !insideNumber { producedSpace(); continue }
            }
            if on(.tatweel) && c == CharacterSets.tatweel
                && ContextRules.Tatweel.kept(afterDigit: lastClass == 2,
                                             afterKeptTatweel: !pendingSpace && output.last == CharacterSets.tatweel,
                                             beforeDigit: nextIsDigit) {
                emit(c)
                continue
            }
            let (target, _) = CharacterSteps.resolve(c, steps: steps, options: configuration.options)
            guard let target else { continue }
            emit(target, sourceIsMark: p.isMark, altered: target != c)
        }
        }

        if let rules = SpanRules.rules(for: configuration) {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                guard let base = buffer.baseAddress else { return }
                let n = buffer.count
                var scanner = SpanScanner(rules: rules)
                var position = 0
                while position < n {
                    guard let span = scanner.next(base, from: position, n) else {
                        run(String(decoding: buffer[position..<n], as: UTF8.self))
                        break
                    }
                    if span.start > position { run(String(decoding: buffer[position..<span.start], as: UTF8.self)) }
                    switch span.action {
                    case .keep: protect(buffer[span.start..<span.end])
                    case .replace(let replacement): protect(replacement)
                    case .remove: break
                    case .space: producedSpace()
                    case .text(let replacement): run(String(decoding: replacement, as: UTF8.self))
                    }
                    position = span.end
                }
            }
        } else {
            run(text)
        }
        var scalars = String.UnicodeScalarView()
        for c in output { scalars.append(Unicode.Scalar(c)!) }
        return String(scalars)
    }
}
