import Foundation
import Testing

/// `arnorm help nosuch` printed the general help and exited 0, as if the name had been found
/// (`arnorm help translti` gave no hint of the typo). It is now a usage error naming it, exit 2.
@Suite struct HelpUnknownSubcommandTests {
    @Test func unknownNameIsAUsageError() throws {
        let dir = try TempDir()
        let result = try CLI.run(["help", "translti"], in: dir.url)
        #expect(result.status == 2)
        #expect(result.stdout == "")
        #expect(result.stderr == "arnorm: error: 'help translti': no subcommand 'translti' (subcommands: normalize, translit, numerals)\n")
    }

    @Test func knownNamesStillGiveTheirHelp() throws {
        let dir = try TempDir()
        for name in ["normalize", "translit", "numerals"] {
            let result = try CLI.run(["help", name], in: dir.url)
            #expect(result.status == 0)
            #expect(result.stdout.contains("USAGE: arnorm \(name)"))
        }
        #expect(try CLI.run(["help"], in: dir.url).status == 0)
    }
}
