/// Options that refine what some steps do.
public struct NormalizationOptions: Sendable, Hashable, Codable {
    /// With `diacritics`: keep shadda (U+0651) instead of removing it.
    public var keepShadda: Bool
    /// With `diacritics`: turn superscript alef (U+0670) into a plain alef instead of removing it.
    public var superscriptAlefToAlef: Bool

    /// With `web`: what happens to URLs, e-mail addresses, mentions and hashtags; with `emoji`, to
    /// emoji. nil: the preset's policy (`Preset.policy(for:)`: `keep` except under `social`).
    public var urls: SpanPolicy?
    public var emails: SpanPolicy?
    public var mentions: SpanPolicy?
    public var hashtags: SpanPolicy?
    public var emoji: SpanPolicy?
    /// The placeholder a masked span becomes, `{kind}` standing for `URL`, `EMAIL`, `USER`,
    /// `HASHTAG` or `EMOJI`; nil: `[{kind}]`.
    public var maskFormat: String?

    /// The mask format when none is given.
    public static let defaultMaskFormat = "[{kind}]"

    public init(keepShadda: Bool = false, superscriptAlefToAlef: Bool = false) {
        self.keepShadda = keepShadda
        self.superscriptAlefToAlef = superscriptAlefToAlef
    }

    /// The policy option of a kind.
    public subscript(kind: SpanKind) -> SpanPolicy? {
        get {
            switch kind {
            case .url: return urls
            case .email: return emails
            case .mention: return mentions
            case .hashtag: return hashtags
            case .emoji: return emoji
            }
        }
        set {
            switch kind {
            case .url: urls = newValue
            case .email: emails = newValue
            case .mention: mentions = newValue
            case .hashtag: hashtags = newValue
            case .emoji: emoji = newValue
            }
        }
    }

    /// The options that take a value, as the C ABI and the Python package spell them
    /// (`urls=mask`, `mask-format=<{kind}>`): `set(_:to:)` parses them.
    public static let valueOptionNames: [String] = SpanKind.allCases.map(\.optionName) + ["mask-format"]

    /// Sets a value option by name (`urls`, `emails`, `mentions`, `hashtags`, `emoji`,
    /// `mask-format`). Returns a message when the name or the value is not one it takes.
    public mutating func set(_ name: String, to value: String) -> String? {
        let squeezed = name.lowercased().filter { $0 != "-" && $0 != "_" }
        if squeezed == "maskformat" {
            if let problem = NormalizationOptions.problem(maskFormat: value) { return problem }
            maskFormat = value
            return nil
        }
        guard let kind = SpanKind.allCases.first(where: { $0.optionName == squeezed }) else {
            return "unknown option '\(name)' (known: \(NormalizationOptions.valueOptionNames.joined(separator: ", ")))"
        }
        guard let policy = SpanPolicy(rawValue: value.lowercased()), kind.policies.contains(policy) else {
            return "\(kind.optionName): unknown policy '\(value)' (known: \(kind.policies.map(\.rawValue).joined(separator: ", ")))"
        }
        self[kind] = policy
        return nil
    }

    /// What is wrong with a mask format, if anything: it must be one line, not empty.
    public static func problem(maskFormat: String) -> String? {
        if maskFormat.isEmpty { return "the mask format is empty" }
        if maskFormat.unicodeScalars.contains(where: { CharacterSets.isLineBreak($0.value) }) {
            return "the mask format holds a line break"
        }
        return nil
    }

    /// The options with every policy the preset decides filled in.
    func resolved(for preset: Preset?) -> NormalizationOptions {
        var o = self
        for kind in SpanKind.allCases where o[kind] == nil { o[kind] = preset?.policy(for: kind) ?? .keep }
        return o
    }

    /// The options with the policies that equal the preset's left out (what a saved configuration holds).
    public func unresolved(for preset: Preset?) -> NormalizationOptions {
        var o = self
        for kind in SpanKind.allCases where o[kind] == (preset?.policy(for: kind) ?? .keep) { o[kind] = nil }
        if o.maskFormat == NormalizationOptions.defaultMaskFormat { o.maskFormat = nil }
        return o
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case keepShadda, superscriptAlefToAlef, urls, emails, mentions, hashtags, emoji, maskFormat
    }

    /// Missing options take their defaults, so `{"keepShadda": true}` is a valid options block.
    public init(from decoder: Decoder) throws {
        try ConfigurationKey.refuseUnknown(in: decoder, known: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        keepShadda = try c.decodeIfPresent(Bool.self, forKey: .keepShadda, wants: "option 'keepShadda' wants true or false") ?? false
        superscriptAlefToAlef = try c.decodeIfPresent(Bool.self, forKey: .superscriptAlefToAlef,
                                                      wants: "option 'superscriptAlefToAlef' wants true or false") ?? false
        for (kind, key) in zip(SpanKind.allCases, [CodingKeys.urls, .emails, .mentions, .hashtags, .emoji]) {
            var names = kind.policies.map(\.rawValue)
            let last = names.removeLast()
            let wants = "option '\(key.stringValue)' wants a string: \(names.joined(separator: ", ")) or \(last)"
            guard let value = try c.decodeIfPresent(String.self, forKey: key, wants: wants) else { continue }
            if let problem = set(kind.optionName, to: value) {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: problem)
            }
        }
        if let format = try c.decodeIfPresent(String.self, forKey: .maskFormat, wants: "option 'maskFormat' wants a string") {
            if let problem = NormalizationOptions.problem(maskFormat: format) {
                throw DecodingError.dataCorruptedError(forKey: .maskFormat, in: c, debugDescription: problem)
            }
            maskFormat = format
        }
    }

    /// The step options always; the span options only when set.
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(keepShadda, forKey: .keepShadda)
        try c.encode(superscriptAlefToAlef, forKey: .superscriptAlefToAlef)
        for (kind, key) in zip(SpanKind.allCases, [CodingKeys.urls, .emails, .mentions, .hashtags, .emoji]) {
            try c.encodeIfPresent(self[kind]?.rawValue, forKey: key)
        }
        try c.encodeIfPresent(maskFormat, forKey: .maskFormat)
    }
}

/// A resolved configuration: the preset it started from, the steps that run, and the options.
///
/// It is `Codable` so a run can be written out (`arnorm --print-config`) and replayed exactly.
public struct Configuration: Sendable, Hashable, Codable {
    /// The preset the configuration started from (informational; `steps` is what runs).
    public var preset: Preset?
    /// The steps that run.
    public var steps: StepSet
    /// Step options.
    public var options: NormalizationOptions

    public init(preset: Preset? = .standard, steps: StepSet? = nil, options: NormalizationOptions = .init()) {
        self.preset = preset
        self.steps = steps ?? preset?.steps ?? []
        self.options = options.resolved(for: preset)
    }

    /// A preset with steps switched on and off. Disabling wins over enabling. A policy given in
    /// `options` (`urls`, `emoji` …) switches its step on (`web`, `emoji`): asking for URLs to be
    /// masked is asking for them to be found.
    public init(preset: Preset, enabling: some Sequence<Step> = [Step](), disabling: some Sequence<Step> = [Step](),
                options: NormalizationOptions = .init()) {
        var steps = preset.steps
        for step in enabling { steps.insert(step) }
        for kind in SpanKind.allCases where options[kind] != nil { steps.insert(kind.step) }
        for step in disabling { steps.remove(step) }
        // `nfkc` refines `unicode`: asking for it implies the normalization itself.
        if steps.contains(.nfkc) && !steps.contains(.unicode) && enabling.contains(where: { $0 == .nfkc }) {
            steps.insert(.unicode)
        }
        self.init(preset: preset, steps: steps, options: options)
    }

    enum CodingKeys: String, CodingKey, CaseIterable { case preset, steps, options }

    /// Reads `{"preset": …, "steps": […], "options": {…}}`, the one place a configuration's names
    /// are checked (`arnorm --config`, the C ABI, Python): a name it does not know is refused with
    /// the value and the names it takes, `unknown preset 'standrd' (known: clean, standard, …)`.
    /// Step names a caller runs itself (arnorm's `number-words`) are passed over when the decoder's
    /// `userInfo[.configurationExtraSteps]` holds a `ConfigurationExtraSteps` that accepts them.
    public init(from decoder: Decoder) throws {
        try ConfigurationKey.refuseUnknown(in: decoder, known: CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let name = try c.decodeIfPresent(String.self, forKey: .preset, wants: "'preset' wants a preset name (a string)") {
            guard let named = Preset(rawValue: name) else {
                throw DecodingError.dataCorruptedError(forKey: .preset, in: c, debugDescription: Preset.unknown(name))
            }
            preset = named
        } else {
            preset = nil
        }
        options = (try c.decodeIfPresent(NormalizationOptions.self, forKey: .options, wants: "'options' wants an object")
                   ?? .init()).resolved(for: preset)
        if let names = try c.decodeIfPresent([String].self, forKey: .steps, wants: "'steps' wants a list of step names") {
            let extra = decoder.userInfo[.configurationExtraSteps] as? ConfigurationExtraSteps
            var set = StepSet()
            for name in names {
                if let step = Step(name: name) {
                    set.insert(step)
                } else if extra?.accepts(name) != true {
                    throw DecodingError.dataCorruptedError(
                        forKey: .steps, in: c, debugDescription: Step.unknown(name, alsoKnown: extra?.names ?? []))
                }
            }
            steps = set
        } else {
            steps = preset?.steps ?? Preset.standard.steps
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(preset, forKey: .preset)
        try c.encode(steps.steps.map(\.rawValue), forKey: .steps)
        try c.encode(options.unresolved(for: preset), forKey: .options)
    }
}

/// Step names a configuration may hold that the caller runs itself, not the library (arnorm's
/// `number-words`): set as a decoder's `userInfo[.configurationExtraSteps]`, `Configuration`'s
/// decoder passes them over and lists them among the known names when it refuses one.
public struct ConfigurationExtraSteps: Sendable {
    /// The names, as the message on an unknown step lists them.
    public var names: [String]
    /// Whether a name in `steps` is one of them (the caller's spelling rules).
    public var accepts: @Sendable (String) -> Bool

    public init(names: [String], accepts: @escaping @Sendable (String) -> Bool) {
        self.names = names
        self.accepts = accepts
    }
}

extension CodingUserInfoKey {
    /// A `ConfigurationExtraSteps`: step names `Configuration`'s decoder passes over.
    public static let configurationExtraSteps = CodingUserInfoKey(rawValue: "ArabicNormalizer.configurationExtraSteps")!
}

extension Preset {
    /// What is said of a name that is no preset: `unknown preset 'standrd' (known: clean, standard, search, social)`.
    public static func unknown(_ name: String) -> String {
        "unknown preset '\(name)' (known: \(allCases.map(\.rawValue).joined(separator: ", ")))"
    }
}

extension Step {
    /// What is said of a name that is no step: `unknown step 'sparkle' (known: unicode, nfkc, …)`,
    /// `alsoKnown` (a caller's own steps) at the end of the list.
    public static func unknown(_ name: String, alsoKnown: [String] = []) -> String {
        "unknown step '\(name)' (known: \((allCases.map(\.rawValue) + alsoKnown).joined(separator: ", ")))"
    }
}

/// Any key of a decoded configuration object, to refuse the ones it does not know: a key that
/// is ignored (`{"disable": ["digits"]}`) would run the configuration as if it had not been asked.
struct ConfigurationKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }

    static func refuseUnknown<Known: CodingKey & CaseIterable>(in decoder: Decoder, known: Known.Type) throws {
        let c = try decoder.container(keyedBy: ConfigurationKey.self)
        let names = Known.allCases.map(\.stringValue)
        if let key = c.allKeys.map(\.stringValue).sorted().first(where: { !names.contains($0) }) {
            throw DecodingError.dataCorruptedError(
                forKey: ConfigurationKey(stringValue: key), in: c,
                debugDescription: "unknown key '\(key)' (known: \(names.joined(separator: ", ")))")
        }
    }
}

extension KeyedDecodingContainer {
    /// `decodeIfPresent`, where a value of the wrong JSON type (`"keepShadda": 1`, a number for a
    /// string) is refused with `wants` (the key and what it takes) as the error's description:
    /// the one place configurations are type-checked (`arnorm --config`, the C ABI, Python).
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key, wants: String) throws -> T? {
        do {
            return try decodeIfPresent(type, forKey: key)
        } catch let error as DecodingError {
            // The key's value or an element of it (`"steps": [1]`, `"steps": [null]`) of the wrong type.
            switch error {
            case .typeMismatch(_, let context), .valueNotFound(_, let context):
                if context.codingPath.count > codingPath.count { break }
                throw error
            default:
                throw error
            }
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: wants)
        }
    }
}
