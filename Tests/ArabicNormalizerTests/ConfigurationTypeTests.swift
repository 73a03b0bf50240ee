import ArabicNormalizer
import Foundation
import Testing

/// A configuration key given a value of the wrong type (`"keepShadda": 1`) is refused with a
/// message naming the key and what it wants: the one rule for `arnorm --config`, the C ABI and
/// the Python package.
@Suite struct ConfigurationTypeTests {
    @Test(arguments: [
        (#"{"options":{"keepShadda":1}}"#, "option 'keepShadda' wants true or false"),
        (#"{"options":{"superscriptAlefToAlef":"false"}}"#, "option 'superscriptAlefToAlef' wants true or false"),
        (#"{"options":{"emoji":0}}"#, "option 'emoji' wants a string: keep, mask, remove or space"),
        (#"{"options":{"maskFormat":[]}}"#, "option 'maskFormat' wants a string"),
        (#"{"preset":1}"#, "'preset' wants a preset name (a string)"),
        (#"{"steps":"digits"}"#, "'steps' wants a list of step names"),
    ])
    func wrongTypeNamesTheKey(json: String, message: String) throws {
        var description: String?
        do {
            _ = try JSONDecoder().decode(Configuration.self, from: Data(json.utf8))
        } catch let DecodingError.dataCorrupted(context) {
            description = context.debugDescription
        }
        #expect(description == message)
    }

    @Test func rightTypesDecode() throws {
        let c = try JSONDecoder().decode(Configuration.self, from: Data(#"{"preset":"search","options":{"keepShadda":true,"emoji":"remove"}}"#.utf8))
        #expect(c.options.keepShadda)
        #expect(c.options.emoji == .remove)
    }
}
