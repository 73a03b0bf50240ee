import Foundation
import Testing

/// A line or record with nowhere to cut it was held whole however long it was: `arnorm < /dev/zero`
/// grew until the memory ran out, and a gigabyte with no line break took gigabytes. Now one record
/// may take `--max-record` bytes (256 MiB by default); a longer one is an error naming the file and
/// line, exit 1, in bounded memory.
@Suite struct OverlongRecordTests {
    /// The peak resident memory of `arnorm` reading `source` (a bash redirection), in MiB, with its
    /// exit status and stderr.
    static func measure(_ arguments: String, in dir: TempDir) throws -> (status: Int32, rssMiB: Int, stderr: String, stdout: String) {
        let status = try CLI.shell("/usr/bin/time -f %M -o rss.txt \"$ARNORM\" \(arguments) > out.txt 2> err.txt", in: dir.url)
        let kib = Int(try dir.read("rss.txt").split(separator: "\n").last.map(String.init) ?? "") ?? -1
        return (status, kib / 1024, try dir.read("err.txt"), try dir.read("out.txt"))
    }

    // (The memory tests run with a 16 MiB limit, so that the bound also holds under the address
    // sanitizer, whose allocator keeps freed blocks a while: about 130 MiB there, 47 MiB without
    // it. With the default limit the sanitizer's run peaks at about 620 MiB.)

    @Test func devZeroEndsWithAnErrorInBoundedMemory() throws {
        let dir = try TempDir()
        let run = try Self.measure("--max-record 16M < /dev/zero", in: dir)
        #expect(run.status == 1)
        #expect(run.stderr == "arnorm: error: <stdin>:1: a line longer than 16 MiB (--max-record) with nowhere to cut it: not read further\n")
        #expect(run.stdout == "")
        #expect(run.rssMiB > 0 && run.rssMiB < 200, "peak RSS \(run.rssMiB) MiB")
    }

    @Test func aGigabyteWithNoLineBreakEndsWithAnErrorInBoundedMemory() throws {
        let dir = try TempDir()
        let run = try Self.measure("--max-record 16M < <(head -c 1G /dev/zero | tr '\\0' a)", in: dir)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("arnorm: error: <stdin>:1: a line longer than 16 MiB"))
        #expect(run.rssMiB > 0 && run.rssMiB < 200, "peak RSS \(run.rssMiB) MiB")
    }

    /// Without `--max-record` the limit is 256 MiB.
    @Test func theDefaultLimitIs256MiB() throws {
        let dir = try TempDir()
        let status = try CLI.shell("\"$ARNORM\" < <(head -c 300M /dev/zero) > out.txt 2> err.txt", in: dir.url)
        #expect(status == 1)
        #expect(try dir.read("err.txt") == "arnorm: error: <stdin>:1: a line longer than 256 MiB (--max-record) with nowhere to cut it: not read further\n")
    }

    /// The limit is the record's bytes with its line break; the line is named, and the other
    /// files of an --output-dir run are written (the one with the long line is not).
    @Test func theLimitNamesTheLineAndTheOtherFilesGoOn() throws {
        let dir = try TempDir()
        try dir.write("in/a.txt", "إدلب\n" + String(repeating: "x", count: 1023) + "\nإدلب\n")
        try dir.write("in/b.txt", "إدلب\n" + String(repeating: "x", count: 1024) + "\nإدلب\n")
        try dir.write("in/c.txt", "إدلب\n")
        let fits = try CLI.run(["--max-record", "1K", "--chunk-size", "256", "in/a.txt"], in: dir.url)
        #expect(fits.status == 0)
        #expect(fits.stdout == "ادلب\n" + String(repeating: "x", count: 1023) + "\nادلب\n")
        let over = try CLI.run(["--max-record", "1K", "--chunk-size", "256", "in/b.txt"], in: dir.url)
        #expect(over.status == 1)
        #expect(over.stderr == "arnorm: error: in/b.txt:2: a line longer than 1 KiB (--max-record) with nowhere to cut it: not read further\n")
        let tree = try CLI.run(["--max-record", "1K", "--chunk-size", "256", "in", "--output-dir", "out"], in: dir.url)
        #expect(tree.status == 1)
        #expect(tree.stderr.contains("in/b.txt:2: a line longer than 1 KiB"))
        #expect(try dir.read("out/a.txt") == fits.stdout)
        #expect(try dir.read("out/c.txt") == "ادلب\n")
        #expect(!FileManager.default.fileExists(atPath: dir.path("out/b.txt")))
    }

    @Test func aJSONLLineIsNamedAsSuch() throws {
        let dir = try TempDir()
        try dir.write("a.jsonl", #"{"text":"إدلب"}"# + "\n" + #"{"text":""# + String(repeating: "x", count: 5000) + "\"}\n")
        let result = try CLI.run(["--max-record", "4K", "--chunk-size", "256", "a.jsonl"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr == "arnorm: error: a.jsonl:2: a JSONL line longer than 4 KiB (--max-record) with nowhere to cut it: not read further\n")
    }

    /// A limit under a chunk (1 MiB) is a chunk: a 3 KB record is read with --max-record 2K as
    /// a 3 KB record within one chunk always was, and a 1.5 MB one is refused at 1 MiB.
    @Test func aLimitUnderAChunkIsAChunk() throws {
        let dir = try TempDir()
        try dir.write("small.csv", "id,text\n1,\"" + String(repeating: "x", count: 3000) + "\"\n")
        try dir.write("big.csv", "id,text\n1,\"" + String(repeating: "x", count: 1_500_000) + "\"\n")
        let small = try CLI.run(["--max-record", "2K", "small.csv"], in: dir.url)
        #expect(small.status == 0)
        let big = try CLI.run(["--max-record", "2K", "big.csv"], in: dir.url)
        #expect(big.status == 1)
        #expect(big.stderr == "arnorm: error: big.csv:2: a record longer than 1 MiB (--max-record) with nowhere to cut it: not read further\n")
    }

    @Test func aBadSizeIsAUsageError() throws {
        let dir = try TempDir()
        let result = try CLI.run(["--max-record", "12Q"], in: dir.url, stdin: [])
        #expect(result.status == 2)
        #expect(result.stderr.contains("--max-record needs a size in bytes, like 4096, 64K, 256M or 2G, not '12Q'."))
    }
}
