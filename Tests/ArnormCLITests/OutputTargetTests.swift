import Foundation
import TestSupport
import Testing

/// `-o PATH` onto every kind of file: a regular file and a symlink are replaced atomically (the
/// link stays a link), a character device, FIFO or socket is written directly and stays what it
/// is, a directory, a block device, a read-only directory and a full disk are clear errors that
/// change nothing.
@Suite struct OutputTargetTests {
    static let input = "\(Sample.obfuscated)\n"
    static let expected = "\(Sample.obfuscatedStandard)\n"

    /// The file type bits of `path` (not following a link).
    static func kind(_ path: String) -> mode_t {
        var st = stat()
        return lstat(path, &st) == 0 ? st.st_mode & S_IFMT : 0
    }

    @Test func regularFileIsReplacedWithTheOutput() throws {
        let dir = try TempDir()
        try dir.write("a.txt", Self.input)
        try dir.write("out.txt", "old\n")
        let result = try CLI.run(["a.txt", "-o", "out.txt"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try dir.read("out.txt") == Self.expected)
        #expect(dir.listing() == ["a.txt", "out.txt"])
    }

    @Test func symlinkIsFollowedAndStaysALink() throws {
        let dir = try TempDir()
        try dir.write("a.txt", Self.input)
        try dir.write("data/target.txt", "old\n")
        #expect(symlink("data/target.txt", dir.path("link")) == 0)
        let result = try CLI.run(["a.txt", "-o", "link"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.kind(dir.path("link")) == S_IFLNK)
        #expect(try dir.read("data/target.txt") == Self.expected)
        #expect(dir.listing() == ["a.txt", "data", "data/target.txt", "link"])
    }

    @Test func danglingSymlinkCreatesItsTarget() throws {
        let dir = try TempDir()
        try dir.write("a.txt", Self.input)
        #expect(symlink("new.txt", dir.path("link")) == 0)
        let result = try CLI.run(["a.txt", "-o", "link"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.kind(dir.path("link")) == S_IFLNK)
        #expect(try dir.read("new.txt") == Self.expected)
    }

    @Test func danglingSymlinkIntoAMissingDirectoryIsAnError() throws {
        let dir = try TempDir()
        try dir.write("a.txt", Self.input)
        #expect(symlink("nowhere/new.txt", dir.path("link")) == 0)
        let result = try CLI.run(["a.txt", "-o", "link"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("nowhere/new.txt"), "\(result.stderr)")
        #expect(result.stderr.contains("No such file or directory"), "\(result.stderr)")
        #expect(dir.listing() == ["a.txt", "link"])
    }

    @Test func characterDeviceIsWrittenThroughAndStaysADevice() throws {
        let dir = try TempDir()
        try dir.write("a.txt", Self.input)
        // A private copy of /dev/null when we may make one (root), else /dev/null itself.
        let device = mknod(dir.path("null"), S_IFCHR | 0o666, 0x103 /* makedev(1, 3) */) == 0 ? dir.path("null") : "/dev/null"
        let result = try CLI.run(["a.txt", "-o", device], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        #expect(Self.kind(device) == S_IFCHR)
        #expect(!dir.listing().contains { $0.contains("arnorm-tmp") })
    }

    @Test func fullDeviceIsOneClearError() throws {
        let dir = try TempDir()
        try dir.write("a.txt", Self.input)
        let result = try CLI.run(["a.txt", "-o", "/dev/full"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr == "arnorm: error: cannot write '/dev/full': No space left on device\n")
        #expect(Self.kind("/dev/full") == S_IFCHR)
    }

    @Test func fifoIsWrittenToItsReaderAndStaysAFifo() throws {
        let dir = try TempDir()
        try dir.write("a.txt", Self.input)
        let fifo = dir.path("pipe")
        #expect(mkfifo(fifo, 0o644) == 0)
        let received = ReceivedBytes()
        received.readAll { open(fifo, O_RDONLY) }
        let result = try CLI.run(["a.txt", "-o", fifo], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(received.wait(seconds: 10))
        #expect(String(decoding: received.bytes, as: UTF8.self) == Self.expected)
        #expect(Self.kind(fifo) == S_IFIFO)
        #expect(dir.listing() == ["a.txt", "pipe"])
    }

    @Test func unixSocketIsConnectedAndWrittenTo() throws {
        let dir = try TempDir()
        try dir.write("a.txt", Self.input)
        let path = dir.path("sock")
        let server = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        try #require(server >= 0)
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(path.utf8)) }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(server, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        try #require(bound == 0 && listen(server, 1) == 0)
        let received = ReceivedBytes()
        received.readAll { accept(server, nil, nil) }
        let result = try CLI.run(["a.txt", "-o", path], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(received.wait(seconds: 10))
        close(server)
        #expect(String(decoding: received.bytes, as: UTF8.self) == Self.expected)
        #expect(Self.kind(path) == S_IFSOCK)
    }

    @Test func directoryIsAnErrorAndStaysEmpty() throws {
        let dir = try TempDir()
        try dir.write("a.txt", Self.input)
        try FileManager.default.createDirectory(atPath: dir.path("out"), withIntermediateDirectories: true)
        let result = try CLI.run(["a.txt", "-o", "out"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr == "arnorm: error: cannot write 'out': it is a directory (use --output-dir DIR to write a tree)\n")
        #expect(dir.listing() == ["a.txt", "out"])
    }

    @Test(.enabled(if: getuid() == 0, "making a block device needs root"))
    func blockDeviceIsRefused() throws {
        let dir = try TempDir()
        try dir.write("a.txt", Self.input)
        #expect(mknod(dir.path("disk"), S_IFBLK | 0o600, 0x7C8 /* makedev(7, 200) */) == 0)
        let result = try CLI.run(["a.txt", "-o", "disk"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr == "arnorm: error: refusing to write 'disk': it is a block device\n")
        #expect(Self.kind(dir.path("disk")) == S_IFBLK)
    }

    @Test func readOnlyDirectoryIsAnErrorAndLeavesTheOldFile() throws {
        let dir = try TempDir()
        try dir.write("a.txt", Self.input)
        try dir.write("ro/out.txt", "old\n")
        chmod(dir.path("ro"), 0o555)
        chmod(dir.url.path, 0o755)
        let result = try CLI.runUnprivileged(["a.txt", "-o", "ro/out.txt"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr == "arnorm: error: cannot write 'ro/out.txt': Permission denied\n", "\(result.stderr)")
        #expect(try dir.read("ro/out.txt") == "old\n")
        #expect(dir.listing("ro") == ["out.txt"])
    }

    @Test func dashIsStandardOutput() throws {
        let dir = try TempDir()
        try dir.write("a.txt", Self.input)
        let result = try CLI.run(["a.txt", "-o", "-"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout == Self.expected)
        #expect(dir.listing() == ["a.txt"])
    }

    @Test func devStdoutIsWrittenAsTheShellOpenedIt() throws {
        let dir = try TempDir()
        try dir.write("a.txt", Self.input)
        let result = try CLI.run(["a.txt", "-o", "/dev/stdout"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == Self.expected)
        #expect(dir.listing() == ["a.txt"])
    }

    @Test func outputDirectoryNeverReplacesALinkOrASpecialFile() throws {
        let dir = try TempDir()
        try dir.write("corpus/a.txt", Self.input)
        try dir.write("corpus/b.txt", Self.input)
        try dir.write("corpus/c.txt", Self.input)
        try dir.write("elsewhere.txt", "keep\n")
        try FileManager.default.createDirectory(atPath: dir.path("out"), withIntermediateDirectories: true)
        #expect(symlink("../elsewhere.txt", dir.path("out/a.txt")) == 0)
        #expect(mkfifo(dir.path("out/b.txt"), 0o644) == 0)
        let result = try CLI.run(["corpus", "--output-dir", "out"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("refusing to write through the symbolic link 'out/a.txt'"), "\(result.stderr)")
        #expect(result.stderr.contains("'out/b.txt' is not a regular file: not replaced"), "\(result.stderr)")
        #expect(try dir.read("elsewhere.txt") == "keep\n")
        #expect(Self.kind(dir.path("out/a.txt")) == S_IFLNK)
        #expect(Self.kind(dir.path("out/b.txt")) == S_IFIFO)
        #expect(try dir.read("out/c.txt") == Self.expected)
    }
}

/// Bytes a reader thread received, and a way to wait for it to finish.
final class ReceivedBytes: @unchecked Sendable {
    private let condition = NSCondition()
    private var data: [UInt8] = []
    private var done = false

    /// Starts a thread that opens a descriptor with `open` and reads it to its end.
    func readAll(from open: @escaping @Sendable () -> Int32) {
        let thread = Thread {
            let fd = open()
            var buffer = [UInt8](repeating: 0, count: 4096)
            while fd >= 0 {
                let n = read(fd, &buffer, buffer.count)
                if n <= 0 { break }
                self.append(buffer[0..<n])
            }
            if fd >= 0 { close(fd) }
            self.finish()
        }
        thread.start()
    }

    func append(_ bytes: ArraySlice<UInt8>) {
        condition.lock(); data += bytes; condition.unlock()
    }

    func finish() {
        condition.lock(); done = true; condition.broadcast(); condition.unlock()
    }

    /// Waits until the reader saw the end; false on a timeout.
    func wait(seconds: Double) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date().addingTimeInterval(seconds)
        while !done { if !condition.wait(until: deadline) { return false } }
        return true
    }

    var bytes: [UInt8] {
        condition.lock(); defer { condition.unlock() }
        return data
    }
}

extension CLI {
    /// Runs `arnorm` as an unprivileged user: as `nobody` through setpriv when this process is root
    /// (root ignores permission bits), as it is otherwise.
    static func runUnprivileged(_ arguments: [String], in directory: URL) throws -> Result {
        guard getuid() == 0 else { return try run(arguments, in: directory) }
        let quoted = arguments.map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let out = directory.appendingPathComponent(".stdout-unprivileged").path
        let err = directory.appendingPathComponent(".stderr-unprivileged").path
        // nobody must be able to reach the directory and the binary.
        chmod(directory.path, 0o777)
        let status = try shell("setpriv --reuid=65534 --regid=65534 --clear-groups \"$ARNORM\" \(quoted) >\(out) 2>\(err)", in: directory)
        defer { unlink(out); unlink(err) }
        return Result(status: status, stdoutBytes: (try? readFileBytes(out)) ?? [],
                      stderr: String(decoding: (try? readFileBytes(err)) ?? [], as: UTF8.self))
    }
}

/// `-o` and `--report` naming one of the process's descriptors write where the shell's descriptor
/// stands: an appending redirection keeps what the file already holds.
@Suite struct DescriptorTargetTests {
    @Test func descriptorPathsAppendAsTheShellOpenedThem() throws {
        let dir = try TempDir()
        try dir.write("a.txt", OutputTargetTests.input)
        try dir.write("log.txt", "LOG\n")
        try dir.write("err.log", "ERR\n")
        try dir.write("three.txt", "THREE\n")
        try dir.write("proc.txt", "PROC\n")
        let status = try CLI.shell("""
            set -e
            "$ARNORM" a.txt -o /dev/stdout >> log.txt
            "$ARNORM" a.txt --report /dev/stderr 2>> err.log > /dev/null
            "$ARNORM" a.txt -o /dev/fd/3 3>> three.txt
            "$ARNORM" a.txt -o /proc/self/fd/4 4>> proc.txt
            """, in: dir.url)
        #expect(status == 0)
        #expect(try dir.read("log.txt") == "LOG\n" + OutputTargetTests.expected)
        #expect(try dir.read("err.log").hasPrefix("ERR\n{"))
        #expect(try dir.read("three.txt") == "THREE\n" + OutputTargetTests.expected)
        #expect(try dir.read("proc.txt") == "PROC\n" + OutputTargetTests.expected)
    }

    @Test func aClosedDescriptorIsAnError() throws {
        let dir = try TempDir()
        try dir.write("a.txt", OutputTargetTests.input)
        let result = try CLI.run(["a.txt", "-o", "/dev/fd/9"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot write '/dev/fd/9': Bad file descriptor"), "\(result.stderr)")
    }
}

/// When no input is read, an `-o` file keeps what it held; a directory walk that finds no file
/// says so.
@Suite struct NothingReadTests {
    @Test func missingInputLeavesTheOutputFileAsItWas() throws {
        let dir = try TempDir()
        try dir.write("prev.txt", "PRECIOUS\n")
        let result = try CLI.run(["typo.txt", "-o", "prev.txt"], in: dir.url)
        #expect(result.status == 1)
        #expect(try dir.read("prev.txt") == "PRECIOUS\n")
        #expect(result.stderr == "arnorm: error: cannot read 'typo.txt': No such file or directory\n")
        #expect(dir.listing() == ["prev.txt"])
    }

    @Test func globMatchingNothingIsAnErrorAndLeavesTheOutputFile() throws {
        let dir = try TempDir()
        try dir.write("prev.txt", "PRECIOUS\n")
        try dir.write("d/a.jsonl", "{\"text\":\"أ\"}\n")
        let result = try CLI.run(["d", "--glob", "*.jsnol", "-o", "prev.txt"], in: dir.url)
        #expect(result.status == 1)
        #expect(try dir.read("prev.txt") == "PRECIOUS\n")
        #expect(result.stderr == """
            arnorm: warning: no input file found under 'd' (--glob '*.jsnol' matched nothing)
            arnorm: error: no input file found: 'prev.txt' left as it was

            """)
    }

    @Test func anEmptyDirectoryAmongOthersIsAWarning() throws {
        let dir = try TempDir()
        try dir.write("d/a.txt", "أ\n")
        try FileManager.default.createDirectory(atPath: dir.path("e"), withIntermediateDirectories: true)
        let result = try CLI.run(["e", "d"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout == "ا\n")
        #expect(result.stderr == "arnorm: warning: no input file found under 'e'\n")
    }

    @Test func anEmptyInputStillEmptiesTheOutputFile() throws {
        let dir = try TempDir()
        try dir.write("prev.txt", "old\n")
        try dir.write("empty.txt", "")
        let result = try CLI.run(["empty.txt", "-o", "prev.txt"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try dir.read("prev.txt") == "")
    }
}
