import CSpanScan
import Synchronization

/// What becomes of a recognized span.
enum SpanAction {
    /// Protected: copied as it is; no other step sees it.
    case keep
    /// Replaced by protected bytes (a placeholder).
    case replace([UInt8])
    /// Deleted.
    case remove
    /// Replaced by a space (as `punctuation` makes one: collapsed under `whitespace`).
    case space
    /// Replaced by text the other steps then normalize (a decoded reference, a hashtag's words).
    case text([UInt8])
}

/// A span found on a line: input bytes `start..<end`, what becomes of it, the step credited and
/// its counter (`SpanCounters`), nil when nothing changed (`keep`, a placeholder met again).
struct Span {
    var start: Int
    var end: Int
    var action: SpanAction
    var step: Step
    var counter: Int?
}

/// The span steps of one configuration: which are on, each kind's policy, the placeholders and
/// the candidate bytes. Built once per configuration (`rules(for:)`).
final class SpanRules: @unchecked Sendable {
    let html, web, emoji: Bool
    let policies: [SpanPolicy]                 // by SpanKind position
    let placeholders: [[UInt8]]                // by SpanKind position
    /// Placeholders met in the text are protected (so a masked output is a fixed point).
    let protectedPlaceholders: [[UInt8]]
    /// The candidate scan's ASCII bytes (8, repeated) and its high-byte threshold (0: none).
    let candidateASCII: [UInt8]
    let candidateHigh: UInt8
    /// The same 8 bytes for the C scan (allocated once, for the life of the rules).
    let candidateBytes: UnsafeMutablePointer<UInt8>
    /// `.` and `:` start nothing unless followed by a letter or digit, or `//`: rejected in the
    /// scan loop (unless a placeholder starts with them).
    let quickDot, quickColon: Bool

    init(_ configuration: Configuration) {
        let steps = configuration.steps
        html = steps.contains(.html)
        web = steps.contains(.web)
        emoji = steps.contains(.emoji)
        let options = configuration.options
        let format = options.maskFormat ?? NormalizationOptions.defaultMaskFormat
        policies = SpanKind.allCases.map { kind in
            let policy = options[kind] ?? configuration.preset?.policy(for: kind) ?? .keep
            return kind.policies.contains(policy) ? policy : .keep
        }
        placeholders = SpanKind.allCases.map {
            Array(format.replacing("{kind}", with: $0.placeholderName).utf8)
        }
        var protected: [[UInt8]] = []
        for (k, kind) in SpanKind.allCases.enumerated() where policies[k] == .mask
            && ((kind.step == .web && web) || (kind.step == .emoji && emoji)) {
            protected.append(placeholders[k])
        }
        protectedPlaceholders = protected
        var ascii: [UInt8] = []
        if html { ascii += [0x3C, 0x26] }                      // < &
        if web { ascii += [0x3A, 0x2E, 0x40, 0x23] }           // : . @ #
        var high: UInt8 = emoji ? 0xE2 : 0
        for placeholder in protected {
            guard let first = placeholder.first else { continue }
            if first >= 0x80 { high = high == 0 ? first : min(high, first) } else if !ascii.contains(first) { ascii.append(first) }
        }
        if ascii.count > 8 { high = 0x80; ascii = Array(ascii.prefix(8)) }  // (never with these steps)
        while ascii.count < 8 { ascii.append(ascii.first ?? 0x3C) }
        candidateASCII = ascii
        candidateHigh = high
        candidateBytes = .allocate(capacity: 8)
        candidateBytes.initialize(from: ascii, count: 8)
        quickDot = !protected.contains { $0.first == 0x2E }
        quickColon = !protected.contains { $0.first == 0x3A }
    }

    deinit { candidateBytes.deallocate() }

    func policy(_ kind: SpanKind) -> SpanPolicy { policies[SpanKind.allCases.firstIndex(of: kind)!] }

    /// Whether another pass of the span steps would change `p[0..<n]`: it holds a span that is not
    /// kept as it is. A pass can make one (punctuation turning the unclosed quote of
    /// `<script type="x>` into a space leaves a tag), and the reference path runs its passes until
    /// the text stops changing, so the engine runs another pass then too.
    func changeAgain(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var scanner = SpanScanner(rules: self)
        var position = 0
        while position < n, let span = scanner.next(p, from: position, n) {
            if case .keep = span.action {} else { return true }
            position = span.end
        }
        return false
    }

    private static let cache = Mutex<[Configuration: SpanRules]>([:])

    /// The rules of a configuration with a span step, nil without one.
    static func rules(for configuration: Configuration) -> SpanRules? {
        guard !configuration.steps.intersection(StepSet.spanSteps).isEmpty else { return nil }
        var key = configuration
        key.steps = configuration.steps.intersection(StepSet.spanSteps)
        if let rules = cache.withLock({ $0[key] }) { return rules }
        let rules = SpanRules(configuration)
        cache.withLock { cache in
            if cache.count >= 64 { cache.removeAll() }
            cache[key] = rules
        }
        return rules
    }
}

/// Finds the spans of the span steps in UTF-8 text, front to back: the candidate bytes are found
/// by a SIMD scan (`arn_span_candidate`), and each candidate asks the recognizers
/// (`HTMLMarkup`, `WebSpans`, `EmojiSpans`) whether it starts or ends something. A span never
/// holds a line break and never starts before `from` (the end of the previous one), so the engine
/// and the reference path, calling `next` from the same places, cut the text the same way.
struct SpanScanner {
    let rules: SpanRules
    var lineEnd = HTMLMarkup.LineEnd()

    init(rules: SpanRules) { self.rules = rules }

    /// The first span at or after `from` in `p[from..<n]`, if any.
    mutating func next(_ p: UnsafePointer<UInt8>, from: Int, _ n: Int) -> Span? {
        var i = from
        let bytes = rules.candidateBytes, high = rules.candidateHigh
        let quickDot = rules.quickDot, quickColon = rules.quickColon
        while i < n {
            i = arn_span_candidate(p, n, i, bytes, high)
            guard i < n else { return nil }
            // Sentence ends and colons in running text: rejected here, without a call.
            let b = p[i]
            if b == 0x2E && quickDot && !(i + 1 < n && (HTMLMarkup.isLetter(p[i + 1]) || HTMLMarkup.isDigit(p[i + 1]))) {
                i += 1
                continue
            }
            if b == 0x3A && quickColon && !(i + 2 < n && p[i + 1] == 0x2F && p[i + 2] == 0x2F) {
                i += 1
                continue
            }
            if let span = recognize(p, i, n, from: from) { return span }
            i += 1
        }
        return nil
    }

    private mutating func recognize(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int, from: Int) -> Span? {
        let b = p[i]
        for placeholder in rules.protectedPlaceholders where placeholder.first == b && i + placeholder.count <= n {
            if (0..<placeholder.count).allSatisfy({ p[i + $0] == placeholder[$0] }) {
                return Span(start: i, end: i + placeholder.count, action: .keep, step: .web, counter: nil)
            }
        }
        switch b {
        case 0x3C where rules.html:
            guard case .markup(let end, let space, let event)? = HTMLMarkup.markup(p, i, n, lineEnd: &lineEnd) else { return nil }
            // Markup removed between `&` or `<` and what follows would make new markup: a space.
            let glue = i > from && (p[i - 1] == 0x26 || p[i - 1] == 0x3C)
            return Span(start: i, end: end, action: space || glue ? .space : .remove, step: .html,
                        counter: SpanCounters.index(event))
        case 0x26 where rules.html:
            guard case .reference(let end, let text)? = HTMLMarkup.reference(p, i, n, from: from) else { return nil }
            return Span(start: i, end: end, action: .text(text), step: .html, counter: SpanCounters.index(.entity))
        case 0x3A where rules.web:
            return WebSpans.schemeURL(p, i, n, from: from).map { span(.url, $0, p) }
        case 0x2E where rules.web:
            if let r = WebSpans.wwwURL(p, i, n, from: from) ?? WebSpans.bareURL(p, i, n, from: from) { return span(.url, r, p) }
            return nil
        case 0x40 where rules.web:
            if let r = WebSpans.email(p, i, n, from: from) { return span(.email, r, p) }
            return WebSpans.mention(p, i, n, from: from).map { span(.mention, $0, p) }
        case 0x23 where rules.web:
            return WebSpans.hashtag(p, i, n, from: from).map { span(.hashtag, $0, p) }
        default:
            guard rules.emoji, b >= 0xE2 else { return nil }
            return EmojiSpans.sequence(p, i, n, from: from).map { span(.emoji, $0, p) }
        }
    }

    /// A span of a kind, with what its policy does to it.
    private func span(_ kind: SpanKind, _ range: Range<Int>, _ p: UnsafePointer<UInt8>) -> Span {
        let k = SpanKind.allCases.firstIndex(of: kind)!
        let policy = rules.policies[k]
        let action: SpanAction
        switch policy {
        case .keep: action = .keep
        case .mask: action = .replace(rules.placeholders[k])
        case .remove: action = .remove
        case .space: action = .space
        case .words: action = .text(WebSpans.hashtagWords(p, range))
        }
        return Span(start: range.lowerBound, end: range.upperBound, action: action, step: kind.step,
                    counter: SpanCounters.index(kind, policy))
    }
}
