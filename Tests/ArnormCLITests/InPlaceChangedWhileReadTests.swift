import Foundation
import Testing

/// `--in-place` on a file that another program replaced (saved by rename, as editors do) while
/// `arnorm` read it: the new file was replaced by the old content, normalized, exit 0; the other
/// program's edit was lost without a word. Now the file is left as the other program wrote it,
/// with an error naming it, exit 1.
@Suite struct InPlaceChangedWhileReadTests {
    @Test func fileReplacedWhileReadIsLeftAlone() throws {
        let dir = try TempDir()
        // `names` runs at about 0.2 MB/s: the run lasts long enough to replace the file under it.
        try dir.write("a.txt", String(repeating: "بشار الأسد\n", count: 30_000))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CLI.binary)
        process.arguments = ["translit", "--scheme", "names", "--in-place", "--chunk-size", "4096", "a.txt"]
        process.currentDirectoryURL = dir.url
        let errURL = dir.url.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // Once its temporary file exists, the file has been opened and read in part.
        var started = false
        for _ in 0..<20_000 where !started {
            started = dir.listing().contains { $0.hasPrefix(".a.txt.") }
            if !started { usleep(1_000) }
        }
        #expect(started)
        try dir.write("a.new", "saved by an editor\n")
        #expect(rename(dir.path("a.new"), dir.path("a.txt")) == 0)
        process.waitUntilExit()
        try err.close()
        #expect(process.terminationStatus == 1)
        #expect(try dir.read("err") == "arnorm: error: 'a.txt' changed while it was read: left as it is (run again to rewrite it)\n")
        #expect(try dir.read("a.txt") == "saved by an editor\n")
        #expect(dir.listing() == ["a.txt", "err"])
    }
}
