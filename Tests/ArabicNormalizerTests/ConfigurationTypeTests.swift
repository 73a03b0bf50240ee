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
        (#"{"steps":["digits",1]}"#, "'steps' wants a list of step names"),
        (#"{"steps":[null]}"#, "'steps' wants a list of step names"),
        // A misspelt name: the value and the names taken (Swift's own "Cannot initialize Preset
        // from invalid String value" before).
        (#"{"preset":"standrd"}"#, "unknown preset 'standrd' (known: clean, standard, search, social)"),
        (#"{"steps":["digits","sparkle"]}"#, "unknown step 'sparkle' (known: unicode, nfkc, invisible, whitespace, tatweel, deobfuscate, diacritics, alef, alef-maksura, teh-marbuta, hamza, persian, elongation, punctuation, digits, html, web, emoji)"),
        (#"{"options":{"urls":"hide"}}"#, "urls: unknown policy 'hide' (known: keep, mask, remove)"),
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

    /// A caller's own step names (arnorm's `number-words`) are passed over when it says so, and
    /// listed among the known ones.
    @Test func extraStepsArePassedOverWhenGiven() throws {
        let decoder = JSONDecoder()
        decoder.userInfo[.configurationExtraSteps] = ConfigurationExtraSteps(names: ["number-words"], accepts: { $0 == "number-words" })
        let c = try decoder.decode(Configuration.self, from: Data(#"{"steps":["digits","number-words"]}"#.utf8))
        #expect(c.steps == StepSet([.digits]))
        var description: String?
        do { _ = try decoder.decode(Configuration.self, from: Data(#"{"steps":["numbers"]}"#.utf8)) } catch let DecodingError.dataCorrupted(context) {
            description = context.debugDescription
        }
        #expect(description?.hasSuffix(", emoji, number-words)") == true)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Configuration.self, from: Data(#"{"steps":["number-words"]}"#.utf8)) }
    }

    @Test func rightTypesDecode() throws {
        let c = try JSONDecoder().decode(Configuration.self, from: Data(#"{"preset":"search","options":{"keepShadda":true,"emoji":"remove"}}"#.utf8))
        #expect(c.options.keepShadda)
        #expect(c.options.emoji == .remove)
    }
}
