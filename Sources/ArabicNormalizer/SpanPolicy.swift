/// The kinds of span the `web` and `emoji` steps recognize. Each has a policy
/// (`NormalizationOptions`), a placeholder name for `mask` and counters named after it.
public enum SpanKind: String, CaseIterable, Sendable, Codable, Hashable {
    case url, email, mention, hashtag, emoji

    /// The step that recognizes this kind.
    public var step: Step { self == .emoji ? .emoji : .web }

    /// The name `{kind}` stands for in the mask format: `[URL]`, `[EMAIL]`, `[USER]`, `[HASHTAG]`, `[EMOJI]`.
    public var placeholderName: String {
        switch self {
        case .url: return "URL"
        case .email: return "EMAIL"
        case .mention: return "USER"
        case .hashtag: return "HASHTAG"
        case .emoji: return "EMOJI"
        }
    }

    /// The option that sets its policy (`--urls`, the C ABI's `urls=`, the JSON key).
    public var optionName: String {
        switch self {
        case .url: return "urls"
        case .email: return "emails"
        case .mention: return "mentions"
        case .hashtag: return "hashtags"
        case .emoji: return "emoji"
        }
    }

    /// The policies this kind takes.
    public var policies: [SpanPolicy] {
        switch self {
        case .hashtag: return [.keep, .mask, .remove, .words]
        case .emoji: return [.keep, .mask, .remove, .space]
        default: return [.keep, .mask, .remove]
        }
    }
}

/// What a step does with a span it recognized.
public enum SpanPolicy: String, CaseIterable, Sendable, Codable, Hashable {
    /// The span is protected: copied as it is, no other step changes a byte of it.
    case keep
    /// Replaced by a placeholder (`NormalizationOptions.maskFormat`), itself protected.
    case mask
    /// Deleted.
    case remove
    /// Hashtags only: `#حلب_اليوم` → `حلب اليوم`, then normalized like any text.
    case words
    /// Emoji only: replaced by a space.
    case space

    /// The past tense the counters use (`urls masked`).
    var done: String {
        switch self {
        case .keep: return "kept"
        case .mask: return "masked"
        case .remove: return "removed"
        case .words: return "as words"
        case .space: return "to spaces"
        }
    }
}

/// What the `html` step does, one counter each.
enum MarkupEvent: Int, CaseIterable, Sendable {
    case tag, element, comment, entity

    var counterName: String {
        switch self {
        case .tag: return "tags removed"
        case .element: return "script and style elements removed"
        case .comment: return "comments removed"
        case .entity: return "entities decoded"
        }
    }
}

/// The span counters, after the engine's other counters: one per kind and policy that changes the
/// text, then one per markup event. Derived from `SpanKind.allCases` and `MarkupEvent.allCases`,
/// so a kind or policy added moves them.
enum SpanCounters {
    /// (kind, policy) pairs with a counter, in order.
    static let pairs: [(SpanKind, SpanPolicy)] = SpanKind.allCases.flatMap { kind in
        kind.policies.filter { $0 != .keep }.map { (kind, $0) }
    }
    /// Every counter's name (`urls masked`, `hashtags as words`, `entities decoded` …).
    static let names: [String] = pairs.map { "\($0.0.optionName) \($0.1.done)" }
        + MarkupEvent.allCases.map(\.counterName)
    static let count = names.count

    /// The counter of a kind's policy (nil for `keep`).
    static func index(_ kind: SpanKind, _ policy: SpanPolicy) -> Int? {
        table[SpanKind.allCases.firstIndex(of: kind)! * SpanPolicy.allCases.count
              + SpanPolicy.allCases.firstIndex(of: policy)!]
    }
    private static let table: [Int?] = {
        var t = [Int?](repeating: nil, count: SpanKind.allCases.count * SpanPolicy.allCases.count)
        for (k, pair) in pairs.enumerated() {
            t[SpanKind.allCases.firstIndex(of: pair.0)! * SpanPolicy.allCases.count
              + SpanPolicy.allCases.firstIndex(of: pair.1)!] = k
        }
        return t
    }()

    static func index(_ event: MarkupEvent) -> Int { pairs.count + event.rawValue }
}
