import Foundation
import Testing

/// `arnorm --help > /dev/full` exited 0 with nothing written. A help or version text that cannot
/// be written is now an error on stderr, exit 1, as for the other listings; a closed pipe
/// (`arnorm --help | head -1`) still ends quietly.
@Suite struct HelpOutputErrorTests {
    @Test(arguments: [["--help"], ["-h"], ["help"], ["help", "normalize"], ["translit", "--help"], ["--version"]])
    func fullDiskIsAnError(arguments: [String]) throws {
        let dir = try TempDir()
        let status = try CLI.shell("\"$ARNORM\" \(arguments.joined(separator: " ")) > /dev/full 2> err", in: dir.url)
        #expect(status == 1)
        #expect(try dir.read("err") == "arnorm: error: cannot write to 'standard output': No space left on device\n")
    }

    @Test func helpIsStillWritten() throws {
        let dir = try TempDir()
        let result = try CLI.run(["--help"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE:"))
        #expect(result.stderr == "")
        #expect(try CLI.shell("set -o pipefail; \"$ARNORM\" --help 2> err | head -c 1 > /dev/null", in: dir.url) == 0)
        #expect(try dir.read("err") == "")
    }
}
