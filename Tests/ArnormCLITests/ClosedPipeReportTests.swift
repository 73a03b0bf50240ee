import Foundation
import Testing

/// `arnorm --report r.json --stats big.txt | head -c 10` exited 0 at the first write into the
/// closed pipe, from the writing thread: no report file and no statistics. The run now stops
/// there, still exits 0, and writes both, saying the output was closed.
@Suite struct ClosedPipeReportTests {
    @Test func reportAndStatsAreWrittenWhenThePipeCloses() throws {
        let dir = try TempDir()
        try dir.write("big.txt", String(repeating: "\(Sample.vowelled)\n", count: 200_000))
        let status = try CLI.shell("set -o pipefail; \"$ARNORM\" --report r.json --stats big.txt 2>err.txt | head -c 10 > /dev/null", in: dir.url)
        #expect(status == 0)
        let report = try JSONSerialization.jsonObject(with: Data(try dir.bytes("r.json"))) as? [String: Any]
        #expect(report?["outputClosed"] as? Bool == true)
        #expect(report?["tool"] as? String == "arnorm")
        let stats = try dir.read("err.txt")
        #expect(stats.hasPrefix("{"))
        #expect(stats.contains("\"outputClosed\" : true"))
        #expect(!stats.contains("arnorm: error"))
    }

    /// A run that writes all of its output does not say so.
    @Test func aWholeRunHasNoOutputClosedKey() throws {
        let dir = try TempDir()
        try dir.write("a.txt", "\(Sample.vowelled)\n")
        let result = try CLI.run(["--report", "r.json", "a.txt"], in: dir.url)
        #expect(result.status == 0)
        #expect(try !dir.read("r.json").contains("outputClosed"))
    }
}
