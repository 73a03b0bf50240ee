import ArabicNormalizer
import ArabicNumerals
import ArgumentParser
import Foundation

extension Preset: ExpressibleByArgument {}
extension NormalizationEngine: ExpressibleByArgument {}

/// `arnorm normalize` (the default subcommand): normalize files, trees, JSONL fields and CSV columns.
struct NormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Normalize Arabic text: files, directory trees, JSONL fields, CSV/TSV columns, standard input.",
        discussion: """
            Steps run in the order of --list-steps, whatever order they are enabled in. The output is the same for every --jobs value.

            Exit status: 0 success; 1 a run-time problem named on stderr (missing or unreadable input, unwritable output, input rejected by --invalid fail); 2 a usage error.

            Examples:
              arnorm --preset clean news.txt        # a file to standard output
              arnorm Corpora/news > news.txt        # a tree, in sorted path order
              arnorm -j 4 --preset search corpus/ --output-dir corpus-norm/
              arnorm --field text --field meta.title dump.jsonl -o dump.norm.jsonl
              arnorm --column body --invalid fail export.csv -o export.norm.csv
              arnorm --in-place --backup .orig --glob '*.txt' corpus/
              arnorm --explain --preset search sample.txt | less
              arnorm --preset search --keep-shadda --print-config > run.json
              arnorm --config run.json corpus/ --output-dir corpus-norm/
            """)

    @Option(help: ArgumentHelp("Preset: \(Preset.allCases.map(\.rawValue).joined(separator: ", ")) (default: standard).", valueName: "PRESET"))
    var preset: Preset?

    @Option(help: ArgumentHelp("Switch steps on (repeatable, or a comma-separated list: html,web; see --list-steps).", valueName: "STEP"))
    var enable: [String] = []

    @Option(help: ArgumentHelp("Switch steps off (repeatable, or a comma-separated list; wins over --enable).", valueName: "STEP"))
    var disable: [String] = []

    /// The step names of every --enable and --disable, lists split at commas.
    var enabledNames: [String] { NormalizeCommand.stepNames(enable) }
    var disabledNames: [String] { NormalizeCommand.stepNames(disable) }

    static func stepNames(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
            .map { $0.trimmingCharacters(in: .whitespaces) }
    }

    @Flag(help: "diacritics: keep shadda.")
    var keepShadda = false

    @Flag(help: "diacritics: turn superscript alef (U+0670) into alef instead of removing it.")
    var superscriptAlefToAlef = false

    @Option(help: ArgumentHelp("web: URLs keep (protected), mask or remove (default: keep; social: mask). Each of these policy options switches its step on.", valueName: "POLICY"))
    var urls: String?

    @Option(help: ArgumentHelp("web: e-mail addresses keep, mask or remove (default: keep; social: mask).", valueName: "POLICY"))
    var emails: String?

    @Option(help: ArgumentHelp("web: @mentions keep, mask or remove (default: keep; social: mask).", valueName: "POLICY"))
    var mentions: String?

    @Option(help: ArgumentHelp("web: #hashtags keep, mask, remove or words (#حلب_اليوم → حلب اليوم) (default: keep; social: words).", valueName: "POLICY"))
    var hashtags: String?

    @Option(help: ArgumentHelp("emoji: keep (never broken), mask, remove or space (default: keep).", valueName: "POLICY"))
    var emoji: String?

    @Option(help: ArgumentHelp("The placeholder of a masked span, {kind} standing for URL, EMAIL, USER, HASHTAG, EMOJI (default: [{kind}]).", valueName: "FORMAT"))
    var maskFormat: String?

    @Option(help: ArgumentHelp("Read preset, steps and options from a JSON file written by --print-config.", valueName: "FILE"))
    var config: String?

    @Flag(help: "Print the resolved configuration as JSON and exit.")
    var printConfig = false

    @Flag(help: "List the steps, the presets that include them, and exit.")
    var listSteps = false

    @Flag(help: "Instead of the output, show each changed line before and after, with the steps that changed it.")
    var explain = false

    @Option(help: ArgumentHelp("Engine: fast (the default) or reference, the slow ICU reference path (ICU's whole-text normalizer, then each step scalar by scalar until the text stops changing): the same output, many times slower, to cross-check a surprising output.", valueName: "ENGINE"))
    var engine: NormalizationEngine = .fast

    @OptionGroup var io: IOOptions

    /// Step names accepted besides the library's steps: applied after them.
    static let extraSteps = ["number-words": "number words to digits (خمسمئة وثلاث وعشرون → 523), after the other steps"]

    func validate() throws {
        for name in enabledNames + disabledNames where Step(name: name) == nil && NormalizeCommand.extraStep(name) == nil {
            if name.isEmpty { throw ValidationError("An empty step name in --enable or --disable (a stray comma?).") }
            throw ValidationError("Unknown step '\(name)'. Steps: \((Step.allCases.map(\.rawValue) + NormalizeCommand.extraSteps.keys.sorted()).joined(separator: ", ")).")
        }
        if config != nil && preset != nil { throw ValidationError("Use either --config or --preset.") }
        var probe = NormalizationOptions()
        for (name, value) in spanOptions {
            if let problem = probe.set(name, to: value) { throw ValidationError(problem + ".") }
        }
        if explain && io.inPlace { throw ValidationError("--explain writes explanations, not text: it cannot be used with --in-place.") }
        if explain && io.outputDir != nil {
            throw ValidationError("--explain writes explanations, not text: it cannot be used with --output-dir (-o FILE writes them to one file).")
        }
    }

    static func extraStep(_ name: String) -> String? {
        let squeezed = name.lowercased().replacingOccurrences(of: "_", with: "-")
        return extraSteps[squeezed] != nil ? squeezed : nil
    }

    func run() throws {
        if listSteps {
            try StandardOutput.write(text: NormalizeCommand.stepList())
            return
        }
        let resolved = try resolveConfiguration()
        if printConfig {
            try StandardOutput.write(text: resolved.json())
            return
        }
        var transform: any TextTransform = NormalizerTransform(normalizer: Normalizer(resolved.configuration, engine: engine))
        if resolved.numberWords {
            let words = LineFunctionTransform(function: NumeralsTransform(wordsToDigits: NumberWordsOptions()).makeFunction(),
                                              stepName: "number-words")
            transform = ChainedTransform(first: transform, second: words)
        }
        let runner = CorpusRunner(io: io, transform: transform, command: "normalize", configuration: resolved)
        runner.explain = explain
        try runner.run()
    }

    /// Preset, steps and options from --config, --preset, --enable, --disable and the option flags.
    func resolveConfiguration() throws -> ResolvedConfiguration {
        var base = Configuration(preset: preset ?? .standard)
        var numberWords = false
        if let config {
            let file = try ResolvedConfiguration.load(config)
            base = file.configuration
            numberWords = file.numberWords
        }
        var steps = base.steps
        let enabledNames = enabledNames, disabledNames = disabledNames
        let enabled = enabledNames.compactMap(Step.init(name:))
        for step in enabled { steps.insert(step) }
        // A policy given (--urls mask) switches its step on; --disable still wins.
        for (name, _) in spanOptions {
            if let kind = SpanKind.allCases.first(where: { $0.optionName == name }) { steps.insert(kind.step) }
        }
        for step in disabledNames.compactMap(Step.init(name:)) { steps.remove(step) }
        if enabled.contains(.nfkc) && steps.contains(.nfkc) { steps.insert(.unicode) }
        if enabledNames.contains(where: { NormalizeCommand.extraStep($0) == "number-words" }) { numberWords = true }
        if disabledNames.contains(where: { NormalizeCommand.extraStep($0) == "number-words" }) { numberWords = false }
        var options = base.options
        if keepShadda { options.keepShadda = true }
        if superscriptAlefToAlef { options.superscriptAlefToAlef = true }
        for (name, value) in spanOptions {
            if let problem = options.set(name, to: value) { throw CLIError.usage(problem) }
        }
        return ResolvedConfiguration(configuration: Configuration(preset: base.preset, steps: steps, options: options),
                                     numberWords: numberWords)
    }

    /// The span options given (`--urls` …, `--mask-format`), by the name `NormalizationOptions.set` takes.
    var spanOptions: [(String, String)] {
        [("urls", urls), ("emails", emails), ("mentions", mentions), ("hashtags", hashtags), ("emoji", emoji),
         ("mask-format", maskFormat)].compactMap { name, value in value.map { (name, $0) } }
    }

    /// The `--list-steps` table.
    static func stepList() -> String {
        let width = (Step.allCases.map(\.rawValue) + extraSteps.keys).map(\.count).max()! + 2
        func pad(_ s: String, _ n: Int) -> String { s + String(repeating: " ", count: max(1, n - s.count)) }
        var text = "Steps, in the order they run (presets that include them in brackets):\n"
        for step in Step.allCases {
            let presets = Preset.allCases.filter { $0.steps.contains(step) }.map(\.rawValue)
            text += "  \(pad(step.rawValue, width))\(step.summary)"
            text += presets.isEmpty ? "\n" : " [\(presets.joined(separator: ", "))]\n"
        }
        for (name, summary) in extraSteps.sorted(by: { $0.key < $1.key }) {
            text += "  \(pad(name, width))\(summary)\n"
        }
        text += "\nPresets:\n"
        for preset in Preset.allCases {
            text += "  \(pad(preset.rawValue, width))\(preset.summary)\n"
        }
        return text
    }
}

/// The configuration a run used, as `--print-config` writes it and `--config` reads it:
/// `{"preset": "standard", "steps": ["unicode", …], "options": {"keepShadda": false, …}}`.
struct ResolvedConfiguration: Encodable {
    var configuration: Configuration
    /// The `number-words` step (from ArabicNumerals), run after the library's steps.
    var numberWords = false

    enum CodingKeys: String, CodingKey { case preset, steps, options }

    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(configuration.preset, forKey: .preset)
        try c.encode(configuration.steps.steps.map(\.rawValue) + (numberWords ? ["number-words"] : []), forKey: .steps)
        // The span policies the preset decides are left out, as `Configuration` writes them.
        try c.encode(configuration.options.unresolved(for: configuration.preset), forKey: .options)
    }

    func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: (try? encoder.encode(self)) ?? Data(), as: UTF8.self) + "\n"
    }

    /// Reads a configuration file. A missing file exits 1; a malformed one exits 2.
    static func load(_ path: String) throws -> ResolvedConfiguration {
        var st = stat()
        guard stat(path, &st) == 0 else { throw CLIError.system("cannot read the configuration", path) }
        if (st.st_mode & S_IFMT) == S_IFDIR {
            throw CLIError("cannot read the configuration '\(path)': it is a directory (--config names a file written by --print-config)")
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw CLIError.system("cannot read the configuration", path) }
        close(fd)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("cannot read the configuration '\(path)'")
        }
        guard (try? JSONSerialization.jsonObject(with: data)) is [String: Any] else {
            throw CLIError.usage("'\(path)' is not a JSON object like the output of --print-config")
        }
        // The library's decoder judges names and types (`Configuration.init(from:)`), with the
        // same messages the C ABI and Python give; `number-words` is this program's own step.
        let decoder = JSONDecoder()
        decoder.userInfo[.configurationExtraSteps] = ConfigurationExtraSteps(
            names: NormalizeCommand.extraSteps.keys.sorted(), accepts: { NormalizeCommand.extraStep($0) != nil })
        do {
            return try decoder.decode(ResolvedConfiguration.self, from: data)
        } catch DecodingError.dataCorrupted(let context) {
            throw CLIError.usage("'\(path)': \(context.debugDescription)")
        } catch {
            throw CLIError.usage("'\(path)': \(error)")
        }
    }
}

extension ResolvedConfiguration: Decodable {
    init(from decoder: Decoder) throws {
        configuration = try Configuration(from: decoder)
        // The library has checked `steps` is a list of names it takes or `extraSteps` accepts.
        let names = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent([String].self, forKey: .steps) ?? []
        numberWords = names.contains { NormalizeCommand.extraStep($0) == "number-words" }
    }
}
