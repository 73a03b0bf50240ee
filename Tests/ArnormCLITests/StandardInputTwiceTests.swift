import Foundation
import Testing

/// A pipe named twice (`/dev/stdin /dev/stdin`, `- /dev/stdin`) was read once: the second name
/// got nothing, exit 0, half the output missing without a word; a FIFO named twice waited for a
/// second writer forever. Like `- -`, it is now a usage error, exit 2, before anything is read.
@Suite struct StandardInputTwiceTests {
    @Test(arguments: ["/dev/stdin /dev/stdin", "- /dev/stdin", "/dev/stdin -"])
    func standardInputNamedTwiceIsAUsageError(paths: String) throws {
        let dir = try TempDir()
        let status = try CLI.shell("printf 'إدلب\\n' | timeout -s KILL 20 \"$ARNORM\" \(paths) > out.txt 2> err.txt", in: dir.url)
        #expect(status == 2)
        #expect(try dir.read("out.txt") == "")
        #expect(try dir.read("err.txt").contains("are the same pipe: it can be read only once."))
    }

    @Test func aFIFONamedTwiceIsAUsageError() throws {
        let dir = try TempDir()
        #expect(mkfifo(dir.path("f"), 0o600) == 0)
        let status = try CLI.shell("timeout -s KILL 20 \"$ARNORM\" f f < /dev/null > out.txt 2> err.txt", in: dir.url)
        #expect(status == 2)
        #expect(try dir.read("err.txt") == "Error: 'f' and 'f' are the same pipe: it can be read only once.\nUsage: arnorm normalize [<options>] [<PATH> ...]\n  See 'arnorm normalize --help' for more information.\n")
    }

    /// A regular file named twice is read twice, as `cat a a` does; standard input once is read.
    @Test func aRegularFileTwiceAndStandardInputOnceAreRead() throws {
        let dir = try TempDir()
        try dir.write("a.txt", "إدلب\n")
        let twice = try CLI.run(["a.txt", "a.txt"], in: dir.url)
        #expect(twice.status == 0)
        #expect(twice.stdout == "ادلب\nادلب\n")
        let status = try CLI.shell("printf 'إدلب\\n' | \"$ARNORM\" /dev/stdin a.txt > out.txt 2> err.txt", in: dir.url)
        #expect(status == 0)
        #expect(try dir.read("out.txt") == "ادلب\nادلب\n")
    }
}
