import ArgumentParser
import ArabicNormalizer

struct NormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "normalize", abstract: "Normalize Arabic text.")
    func run() throws {}
}
