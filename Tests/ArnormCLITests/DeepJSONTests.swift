import Foundation
import Testing

/// JSON nested deeper than the reader goes: the line is a bad line (passed through, a warning
/// naming it), not a stack overflow. `[` repeated 10 000 times crashed the run (SIGSEGV).
@Suite struct DeepJSONTests {
    static func nested(_ depth: Int, _ inner: String = "\"أَ\"") -> String {
        "{\"t\":\"إِ\",\"x\":" + String(repeating: "[", count: depth) + inner + String(repeating: "]", count: depth) + "}"
    }

    @Test(arguments: [([String](), "ا"), (["--field", "t"], "ا"), (["--field", "x"], "أَ")])
    func deeplyNestedLineIsABadLineNotACrash(fields: [String], first: String) throws {
        let dir = try TempDir()
        let deep = Self.nested(20_000)
        let deepObject = "{\"t\":\"إِ\"," + String(repeating: "\"x\":{", count: 20_000) + "\"y\":1" + String(repeating: "}", count: 20_000) + "}"
        try dir.write("d.jsonl", "{\"t\":\"أَ\"}\n\(deep)\n\(deepObject)\n")
        let result = try CLI.run(fields + ["d.jsonl"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4)
        #expect(lines.first == "{\"t\":\"\(first)\"}")
        // Compared as one Bool: a failure would print the lines whole.
        let passedThrough = lines.count == 4 && lines[1] == deep && lines[2] == deepObject
        #expect(passedThrough)
        #expect(result.stderr.hasPrefix("arnorm: warning: d.jsonl:2: arrays and objects nested deeper than 128 levels (byte 156); 2 bad lines passed through\n"),
                "\(result.stderr.prefix(300))")
    }

    @Test func nestingUpToTheLimitIsRead() throws {
        let dir = try TempDir()
        try dir.write("d.jsonl", Self.nested(127) + "\n")
        let result = try CLI.run(["d.jsonl"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdout == Self.nested(127, "\"ا\"").replacingOccurrences(of: "إِ", with: "ا") + "\n")
    }
}
