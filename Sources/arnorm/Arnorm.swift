import ArgumentParser

@main
struct Arnorm: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "arnorm",
        abstract: "Normalize, transliterate and convert numerals in Arabic text.",
        version: ToolkitVersion.string,
        subcommands: [NormalizeCommand.self, TranslitCommand.self, NumeralsCommand.self],
        defaultSubcommand: NormalizeCommand.self)
}

enum ToolkitVersion {
    static let string = "0.1.0"
}
