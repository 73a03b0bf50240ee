import Foundation
import Testing

/// `--print-config`, `--list-steps` and `--list-encodings` onto a full disk exited 0 with nothing
/// written (`--print-config > run.json` left an empty configuration without a word).
@Suite struct FullDiskListingTests {
    @Test(arguments: [["--print-config"], ["--list-steps"], ["--list-encodings"], ["translit", "--scheme", "bw", "--list-encodings"]])
    func fullDiskIsAnError(arguments: [String]) throws {
        let dir = try TempDir()
        let status = try CLI.shell("\"$ARNORM\" \(arguments.joined(separator: " ")) > /dev/full 2> err", in: dir.url)
        #expect(status == 1)
        #expect(try dir.read("err") == "arnorm: error: cannot write to 'standard output': No space left on device\n")
    }
}
