import Foundation
import TestSupport
import Testing

/// The lists the comments of arnorm.h give (presets, transliteration schemes) are the ones the
/// library has, as `arnorm --help` lists them.
@Suite struct HeaderDocTests {
    static let header = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/ArnormCHeaders/include/arnorm.h").path

    /// The `(values: a, b, c)` list of an option in a help text, as "a,b,c".
    static func values(_ help: String, option: String) -> String? {
        let flat = help.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        guard let at = flat.range(of: option),
              let open = flat.range(of: "(values: ", range: at.upperBound..<flat.endIndex),
              let close = flat.range(of: ")", range: open.upperBound..<flat.endIndex) else { return nil }
        return flat[open.upperBound..<close.lowerBound].replacingOccurrences(of: ", ", with: ",")
    }

    /// The first quoted string after `marker` in the header.
    static func quoted(after marker: String) throws -> String? {
        let text = String(decoding: try readFileBytes(header), as: UTF8.self)
        guard let at = text.range(of: marker), let open = text.range(of: "\"", range: at.upperBound..<text.endIndex),
              let close = text.range(of: "\"", range: open.upperBound..<text.endIndex) else { return nil }
        return String(text[open.upperBound..<close.lowerBound])
    }

    @Test func presetAndSchemeListsMatchTheLibrary() throws {
        let dir = try TempDir()
        let normalize = try CLI.run(["normalize", "--help"], in: dir.url)
        let translit = try CLI.run(["translit", "--help"], in: dir.url)
        let presets = try #require(Self.values(normalize.stdout, option: "--preset <PRESET>"))
        let schemes = try #require(Self.values(translit.stdout, option: "--scheme <scheme>"))
        #expect(try Self.quoted(after: "The preset names, ") == presets)
        #expect(try Self.quoted(after: "The scheme names: ") == schemes)
    }
}
