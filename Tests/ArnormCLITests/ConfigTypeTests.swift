import Foundation
import Testing

/// `{"options": {"keepShadda": 1}}` in a `--config` file was taken as true (JSON numbers were
/// read as booleans), and `"keepShadda": "true"` was called an unknown option. A value of the
/// wrong type is now a usage error naming the key and what it wants.
@Suite struct ConfigTypeTests {
    static let stepNames = "unicode, nfkc, invisible, whitespace, tatweel, deobfuscate, diacritics, alef, alef-maksura, teh-marbuta, hamza, persian, elongation, punctuation, digits, html, web, emoji"

    @Test(arguments: [
        (#"{"options":{"keepShadda":1}}"#, "option 'keepShadda' wants true or false"),
        (#"{"options":{"keepShadda":"true"}}"#, "option 'keepShadda' wants true or false"),
        (#"{"options":{"superscriptAlefToAlef":0}}"#, "option 'superscriptAlefToAlef' wants true or false"),
        (#"{"options":{"urls":1}}"#, "option 'urls' wants a string: keep, mask or remove"),
        (#"{"options":{"urls":true}}"#, "option 'urls' wants a string: keep, mask or remove"),
        (#"{"options":{"maskFormat":5}}"#, "option 'maskFormat' wants a string"),
        (#"{"preset":true}"#, "'preset' wants a preset name (a string)"),
        (#"{"preset":1}"#, "'preset' wants a preset name (a string)"),
        (#"{"preset":"nope"}"#, "unknown preset 'nope' (known: clean, standard, search, social)"),
        (#"{"preset":"standrd"}"#, "unknown preset 'standrd' (known: clean, standard, search, social)"),
        (#"{"steps":"digits"}"#, "'steps' wants a list of step names"),
        (#"{"steps":["digits",1]}"#, "'steps' wants a list of step names"),
        (#"{"steps":["digits","sparkle"]}"#, "unknown step 'sparkle' (known: \(stepNames), number-words)"),
        (#"{"stepz":["digits"]}"#, "unknown key 'stepz' (known: preset, steps, options)"),
    ])
    func wrongTypeIsAUsageError(json: String, message: String) throws {
        let dir = try TempDir()
        try dir.write("a.txt", "\(Sample.vowelled)\n")
        try dir.write("c.json", json)
        let result = try CLI.run(["--config", "c.json", "a.txt"], in: dir.url)
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == "arnorm: error: 'c.json': \(message)\n")
    }

    /// `number-words` is arnorm's own step: the library's decoder passes it over, arnorm runs it.
    @Test func numberWordsInStepsIsRun() throws {
        let dir = try TempDir()
        try dir.write("a.txt", "خمسون\n")
        try dir.write("c.json", #"{"preset":"standard","steps":["digits","number_words"]}"#)
        let result = try CLI.run(["--config", "c.json", "a.txt"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout == "50\n")
        let printed = try CLI.run(["--config", "c.json", "--print-config"], in: dir.url)
        #expect(printed.stdout.contains("\"number-words\""))
    }

    @Test func rightTypesAreRead() throws {
        let dir = try TempDir()
        try dir.write("a.txt", "مَرّة\n")
        try dir.write("c.json", #"{"preset":"search","options":{"keepShadda":true,"urls":"mask"}}"#)
        let result = try CLI.run(["--config", "c.json", "a.txt"], in: dir.url)
        let flags = try CLI.run(["--preset", "search", "--keep-shadda", "a.txt"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout == flags.stdout)
        #expect(result.stdout.contains("\u{0651}"))
    }
}
