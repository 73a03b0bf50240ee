import Foundation
import Testing

/// A file truncated by another program while `arnorm` read it ended early, as if it had been
/// short: the output was the part read, exit 0, and neither stderr nor `--report` said a word.
/// Now the file is an error naming it (how much of it was read), in the report, exit 1.
@Suite struct CutShortWhileReadTests {
    @Test func fileTruncatedWhileReadIsAnError() throws {
        let dir = try TempDir()
        try dir.write("big.txt", String(repeating: "إدلب\n", count: 2_000_000))   // 18 MB
        let script = """
            mkfifo out.fifo
            "$ARNORM" -j 1 --chunk-size 4096 --report r.json big.txt > out.fifo 2> err.txt &
            pid=$!
            exec 3< out.fifo
            # Its first output byte: the file is open and read in part; the unread pipe holds the rest back.
            dd bs=1 count=1 <&3 > /dev/null 2>&1
            truncate -s 1000 big.txt
            cat <&3 > /dev/null
            wait $pid
            """
        let status = try CLI.shell(script, in: dir.url)
        #expect(status == 1)
        let err = try dir.read("err.txt")
        #expect(err.hasPrefix("arnorm: error: 'big.txt' was cut short while it was read (another program truncated it?): "))
        #expect(err.hasSuffix(" of its 18000000 bytes read\n"))
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.url.appendingPathComponent("r.json"))) as! [String: Any]
        #expect(report["errors"] as? Int == 1)
        let files = report["files"] as! [[String: Any]]
        #expect(files.count == 1)
        #expect((files[0]["error"] as? String)?.contains("was cut short while it was read") == true)
    }

    /// A file of /sys gives fewer bytes than the size it states (4096), and stays so: no cut.
    @Test func aFileSmallerThanItsStatedSizeIsNotCutShort() throws {
        let path = "/sys/devices/system/cpu/online"
        var st = stat()
        try #require(stat(path, &st) == 0 && st.st_size == 4096, "\(path) with its stated 4096 bytes")
        let dir = try TempDir()
        let result = try CLI.run([path], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(!result.stdout.isEmpty)
    }

    /// Standard input read in part before arnorm starts is not taken for a cut.
    @Test func partReadStandardInputIsNotCutShort() throws {
        let dir = try TempDir()
        try dir.write("a.txt", "إدلب\nإدلب\n")
        let status = try CLI.shell(#"{ dd bs=9 count=1 of=/dev/null 2>/dev/null; "$ARNORM" > out.txt 2> err.txt; } < a.txt"#, in: dir.url)
        #expect(status == 0)
        #expect(try dir.read("err.txt") == "")
        #expect(try dir.read("out.txt") == "\u{0627}دلب\n")
    }
}
