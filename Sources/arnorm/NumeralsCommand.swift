import ArgumentParser

/// Placeholder: issue 5 replaces this file.
struct NumeralsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "numerals", abstract: "Convert Arabic numerals and number words.")
    func run() throws {}
}
