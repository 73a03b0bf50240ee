/// Options that refine what some steps do.
public struct NormalizationOptions: Sendable, Hashable, Codable {
    /// With `diacritics`: keep shadda (U+0651) instead of removing it.
    public var keepShadda: Bool
    /// With `diacritics`: turn superscript alef (U+0670) into a plain alef instead of removing it.
    public var superscriptAlefToAlef: Bool

    public init(keepShadda: Bool = false, superscriptAlefToAlef: Bool = false) {
        self.keepShadda = keepShadda
        self.superscriptAlefToAlef = superscriptAlefToAlef
    }

    enum CodingKeys: String, CodingKey { case keepShadda, superscriptAlefToAlef }

    /// Missing options take their defaults, so `{"keepShadda": true}` is a valid options block.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        keepShadda = try c.decodeIfPresent(Bool.self, forKey: .keepShadda) ?? false
        superscriptAlefToAlef = try c.decodeIfPresent(Bool.self, forKey: .superscriptAlefToAlef) ?? false
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
        self.options = options
    }

    /// A preset with steps switched on and off. Disabling wins over enabling.
    public init(preset: Preset, enabling: some Sequence<Step> = [Step](), disabling: some Sequence<Step> = [Step](),
                options: NormalizationOptions = .init()) {
        var steps = preset.steps
        for step in enabling { steps.insert(step) }
        for step in disabling { steps.remove(step) }
        // `nfkc` refines `unicode`: asking for it implies the normalization itself.
        if steps.contains(.nfkc) && !steps.contains(.unicode) && enabling.contains(where: { $0 == .nfkc }) {
            steps.insert(.unicode)
        }
        self.init(preset: preset, steps: steps, options: options)
    }

    enum CodingKeys: String, CodingKey { case preset, steps, options }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        preset = try c.decodeIfPresent(Preset.self, forKey: .preset)
        options = try c.decodeIfPresent(NormalizationOptions.self, forKey: .options) ?? .init()
        if let names = try c.decodeIfPresent([String].self, forKey: .steps) {
            var set = StepSet()
            for name in names {
                guard let step = Step(name: name) else {
                    throw DecodingError.dataCorruptedError(
                        forKey: .steps, in: c, debugDescription: "unknown step '\(name)'")
                }
                set.insert(step)
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
        try c.encode(options, forKey: .options)
    }
}
