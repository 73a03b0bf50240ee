import ArgumentParser

/// Placeholder: issue 4 replaces this file.
struct TranslitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "translit", abstract: "Transliterate Arabic text.")
    func run() throws {}
}
