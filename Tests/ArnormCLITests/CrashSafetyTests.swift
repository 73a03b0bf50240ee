import Foundation
import Testing

/// What a killed run or a full disk leaves behind.
@Suite struct CrashSafetyTests {
    /// SIGKILL at some moment of an `--in-place` run: each file is its original or fully
    /// normalized; the next run removes the temporary files and finishes the job.
    @Test func inPlaceKilledLeavesWholeFiles() throws {
        let dir = try TempDir()
        let original = String(repeating: "\(Sample.vowelled)\n", count: 40_000)
        let normalized = String(repeating: "\(Sample.vowelledStandard)\n", count: 40_000)
        for name in ["a", "b", "c", "d"] { try dir.write("corpus/\(name).txt", original) }
        for delay in [20_000, 150_000] as [useconds_t] {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CLI.binary)
            process.arguments = ["--in-place", "-j", "2", "--chunk-size", "4096", "corpus"]
            process.currentDirectoryURL = dir.url
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            for name in ["a", "b", "c", "d"] {
                let text = try dir.read("corpus/\(name).txt")
                #expect(text == original || text == normalized, "\(name).txt is neither whole nor normalized")
            }
        }
        let rerun = try CLI.run(["--in-place", "corpus"], in: dir.url)
        #expect(rerun.status == 0)
        #expect(dir.listing("corpus") == ["a.txt", "b.txt", "c.txt", "d.txt"])
        for name in ["a", "b", "c", "d"] { #expect(try dir.read("corpus/\(name).txt") == normalized) }
    }

    @Test func fullDiskIsAClearError() throws {
        let dir = try TempDir()
        try dir.write("a.txt", "أَ\n")
        #expect(try CLI.shell("\"$ARNORM\" a.txt > /dev/full 2> err.txt", in: dir.url) == 1)
        #expect(try dir.read("err.txt") == "arnorm: error: cannot write to 'standard output': No space left on device\n")
    }

    /// Writing runs on a thread of its own: an error there, with chunks still queued and
    /// normalized behind it, is reported once and ends the run (no hang, no second message).
    @Test(arguments: ["1", "2"]) func fullDiskAfterManyChunksIsOneClearError(jobs: String) throws {
        let dir = try TempDir()
        try dir.write("big.txt", String(repeating: "هجومٍ على مدينة إدلب 14.5%\n", count: 20_000))
        #expect(try CLI.shell("\"$ARNORM\" -j \(jobs) --chunk-size 4096 big.txt > /dev/full 2> err.txt", in: dir.url) == 1)
        #expect(try dir.read("err.txt") == "arnorm: error: cannot write to 'standard output': No space left on device\n")
    }
}
