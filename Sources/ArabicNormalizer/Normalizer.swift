/// Normalizes Arabic text: the library's entry point.
///
/// A `Normalizer` is an immutable, `Sendable` value: build it once from a preset plus overrides and
/// use it from any number of threads. The per-configuration tables it needs are built on first use
/// and shared by every normalizer with the same configuration.
///
/// ```swift
/// let normalizer = Normalizer(preset: .standard)
/// normalizer.normalize("خـ.ـسائر فـ.ـادحة")   // "خسائر فادحة"
/// ```
public struct Normalizer: Sendable {
    /// The resolved configuration.
    public let configuration: Configuration

    /// A normalizer for a configuration.
    public init(_ configuration: Configuration) {
        self.configuration = configuration
    }

    /// A normalizer for a preset with steps switched on and off (disabling wins).
    public init(preset: Preset = .standard, enabling: [Step] = [], disabling: [Step] = [],
                options: NormalizationOptions = .init()) {
        self.init(Configuration(preset: preset, enabling: enabling, disabling: disabling, options: options))
    }

    /// Normalizes a string.
    public func normalize(_ text: String) -> String {
        text // placeholder until the engine lands
    }
}
