import Foundation
import Testing

/// `-o /dev/stdout` into a pipe closed early ended with `cannot write '/dev/stdout': Broken pipe`,
/// exit 1, where plain standard output ends quietly with 0 (README, Bad input: a closed pipe).
@Suite struct ClosedPipeThroughDescriptorTests {
    @Test(arguments: ["/dev/stdout", "/dev/fd/1"])
    func closedPipeEndsQuietly(target: String) throws {
        let dir = try TempDir()
        try dir.write("big.txt", String(repeating: "\(Sample.vowelled)\n", count: 200_000))
        #expect(try CLI.shell("set -o pipefail; \"$ARNORM\" big.txt -o \(target) 2>err.txt | head -c 100 > /dev/null", in: dir.url) == 0)
        #expect(try dir.read("err.txt") == "")
    }
}
