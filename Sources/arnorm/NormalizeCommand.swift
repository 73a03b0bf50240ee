import ArgumentParser
import ArabicNormalizer
import Foundation

struct NormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "normalize", abstract: "Normalize Arabic text.")

    @Option(name: .long, help: "Preset: clean, standard, search.")
    var preset: Preset = .standard

    @Option(name: .long, help: "Enable a step (repeatable).")
    var enable: [String] = []

    @Option(name: .long, help: "Disable a step (repeatable).")
    var disable: [String] = []

    @Argument var files: [String] = []

    func run() throws {
        let normalizer = Normalizer(preset: preset, enabling: enable.compactMap { Step(name: $0) },
                                    disabling: disable.compactMap { Step(name: $0) })
        let data = files.isEmpty ? FileHandle.standardInput.readDataToEndOfFile()
                                 : try Data(contentsOf: URL(fileURLWithPath: files[0]))
        var out: [UInt8] = []
        var stats = NormalizationStats()
        data.withUnsafeBytes { normalizer.normalize(utf8: $0, appendingTo: &out, stats: &stats) }
        FileHandle.standardOutput.write(Data(out))
        FileHandle.standardError.write(Data("\(stats)\n".utf8))
    }
}
extension Preset: ExpressibleByArgument {}
