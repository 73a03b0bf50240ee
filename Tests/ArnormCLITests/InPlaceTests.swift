import Foundation
import Testing

/// `--in-place` and `--backup`: a backup is never overwritten, backups are never inputs, unchanged
/// files are left alone, owner, group and mode are kept, links and special files are never replaced.
@Suite struct InPlaceTests {
    static let input = "\(Sample.obfuscated)\n"
    static let expected = "\(Sample.obfuscatedStandard)\n"

    static func status(_ path: String) -> stat {
        var st = stat()
        _ = lstat(path, &st)
        return st
    }

    @Test func secondRunWithTheSameBackupSuffixStopsBeforeTouchingAnything() throws {
        let dir = try TempDir()
        try dir.write("a.txt", Self.input)
        let first = try CLI.run(["--in-place", "--backup", ".orig", "a.txt"], in: dir.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try dir.read("a.txt.orig") == Self.input)
        #expect(try dir.read("a.txt") == Self.expected)

        try dir.write("a.txt", Self.input + "سطر آخر\n")   // edited since: a second run must not lose the backup
        let second = try CLI.run(["--in-place", "--backup", ".orig", "a.txt"], in: dir.url)
        #expect(second.status == 1)
        #expect(second.stderr == "arnorm: error: backup file 'a.txt.orig' already exists: nothing was rewritten (--backup-overwrite replaces them, or choose another suffix)\n")
        #expect(try dir.read("a.txt.orig") == Self.input)
        #expect(try dir.read("a.txt") == Self.input + "سطر آخر\n")

        let third = try CLI.run(["--in-place", "--backup", ".orig", "--backup-overwrite", "a.txt"], in: dir.url)
        #expect(third.status == 0, "\(third.stderr)")
        #expect(try dir.read("a.txt.orig") == Self.input + "سطر آخر\n")
        #expect(try dir.read("a.txt") == Self.expected + "سطر اخر\n")
    }

    @Test func backupsAreNeverInputsOfAWalk() throws {
        let dir = try TempDir()
        try dir.write("tree/a.txt", Self.input)
        try dir.write("tree/sub/b.txt", Self.input)
        let first = try CLI.run(["--in-place", "--backup", ".orig", "tree"], in: dir.url)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(dir.listing("tree") == ["a.txt", "a.txt.orig", "sub", "sub/b.txt", "sub/b.txt.orig"])
        let second = try CLI.run(["--in-place", "--backup", ".orig", "--backup-overwrite", "tree"], in: dir.url)
        #expect(second.status == 0, "\(second.stderr)")
        // No .orig.orig, and the backups still hold the originals (the files were unchanged: no new backup).
        #expect(dir.listing("tree") == ["a.txt", "a.txt.orig", "sub", "sub/b.txt", "sub/b.txt.orig"])
        #expect(try dir.read("tree/a.txt.orig") == Self.input)
        #expect(try dir.read("tree/sub/b.txt.orig") == Self.input)
    }

    @Test func unchangedFileKeepsItsInodeAndTimes() throws {
        let dir = try TempDir()
        try dir.write("clean.txt", Self.expected)
        try dir.write("dirty.txt", Self.input)
        let old = timespec(tv_sec: 1_000_000_000, tv_nsec: 0)
        var times = [old, old]
        #expect(utimensat(AT_FDCWD, dir.path("clean.txt"), &times, 0) == 0)
        let before = Self.status(dir.path("clean.txt"))
        let result = try CLI.run(["--in-place", "--stats", "clean.txt", "dirty.txt"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        let after = Self.status(dir.path("clean.txt"))
        #expect(after.st_ino == before.st_ino)
        #expect(after.st_mtim.tv_sec == 1_000_000_000)
        #expect(try dir.read("dirty.txt") == Self.expected)
        #expect(result.stderr.contains("\"filesUnchanged\" : 1"), "\(result.stderr)")
    }

    @Test func modeIsKept() throws {
        let dir = try TempDir()
        try dir.write("a.txt", Self.input)
        chmod(dir.path("a.txt"), 0o640)
        let result = try CLI.run(["--in-place", "a.txt"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.status(dir.path("a.txt")).st_mode & 0o7777 == 0o640)
        #expect(try dir.read("a.txt") == Self.expected)
    }

    @Test func extendedAttributesAreKept() throws {
        let dir = try TempDir()
        try dir.write("a.txt", Self.input)
        // Python's os.setxattr: the test needs no attr package. The temporary folder's file system
        // must take user attributes (tmpfs and ext4 do).
        let set = try CLI.shell("python3 -c \"import os; os.setxattr('a.txt', 'user.origin', b'crawl-7')\"", in: dir.url)
        try #require(set == 0, "could not set a user extended attribute in \(dir.url.path)")
        let result = try CLI.run(["--in-place", "a.txt"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        #expect(try dir.read("a.txt") == Self.expected)
        let check = try CLI.shell("python3 -c \"import os, sys; sys.exit(0 if os.getxattr('a.txt', 'user.origin') == b'crawl-7' else 1)\"", in: dir.url)
        #expect(check == 0, "user.origin was not kept")
    }

    @Test(.enabled(if: getuid() == 0, "giving a file to another user needs root"))
    func ownerAndGroupAreKept() throws {
        let dir = try TempDir()
        try dir.write("a.txt", Self.input)
        #expect(chown(dir.path("a.txt"), 65534, 65534) == 0)
        chmod(dir.path("a.txt"), 0o604)
        let result = try CLI.run(["--in-place", "a.txt"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        let st = Self.status(dir.path("a.txt"))
        #expect(st.st_uid == 65534 && st.st_gid == 65534)
        #expect(st.st_mode & 0o7777 == 0o604)
        #expect(try dir.read("a.txt") == Self.expected)
    }

    @Test(.enabled(if: getuid() == 0, "a file owned by root and writable by nobody needs root to set up"))
    func ownerThatCannotBeKeptIsSaid() throws {
        let dir = try TempDir()
        try dir.write("a.txt", Self.input)
        chmod(dir.path("a.txt"), 0o666)   // root's file that nobody may write, in a directory nobody may write
        let result = try CLI.runUnprivileged(["--in-place", "a.txt"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("warning: 'a.txt' is rewritten without keeping the owner"), "\(result.stderr)")
        #expect(try dir.read("a.txt") == Self.expected)
    }

    @Test func symlinkNamedOnTheCommandLineRewritesItsTarget() throws {
        let dir = try TempDir()
        try dir.write("data/a.txt", Self.input)
        #expect(symlink("data/a.txt", dir.path("link.txt")) == 0)
        let result = try CLI.run(["--in-place", "link.txt"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.status(dir.path("link.txt")).st_mode & S_IFMT == S_IFLNK)
        #expect(try dir.read("data/a.txt") == Self.expected)
    }

    @Test func symlinkMetInAWalkIsNotRewritten() throws {
        let dir = try TempDir()
        try dir.write("outside.txt", Self.input)
        try dir.write("tree/a.txt", Self.input)
        #expect(symlink("../outside.txt", dir.path("tree/link.txt")) == 0)
        let result = try CLI.run(["--in-place", "tree"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("'tree/link.txt' is a symbolic link: not rewritten"), "\(result.stderr)")
        #expect(Self.status(dir.path("tree/link.txt")).st_mode & S_IFMT == S_IFLNK)
        #expect(try dir.read("outside.txt") == Self.input)
        #expect(try dir.read("tree/a.txt") == Self.expected)
    }

    @Test func fifoGivenToInPlaceIsReportedAndLeftAlone() throws {
        let dir = try TempDir()
        try dir.write("a.txt", Self.input)
        #expect(mkfifo(dir.path("pipe"), 0o644) == 0)
        // Something to read, so that opening the FIFO does not wait forever.
        let pipe = dir.path("pipe")
        let writer = Thread {
            let fd = open(pipe, O_WRONLY)
            if fd >= 0 { close(fd) }
        }
        writer.start()
        let result = try CLI.run(["--in-place", "pipe", "a.txt"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("'pipe' is not a regular file: --in-place rewrites regular files only; left as it is"), "\(result.stderr)")
        #expect(Self.status(dir.path("pipe")).st_mode & S_IFMT == S_IFIFO)
        #expect(try dir.read("a.txt") == Self.expected)
    }

    @Test func readOnlyDirectoryLeavesTheFileAsItWas() throws {
        let dir = try TempDir()
        try dir.write("ro/a.txt", Self.input)
        chmod(dir.path("ro/a.txt"), 0o666)
        chmod(dir.path("ro"), 0o555)
        let result = try CLI.runUnprivileged(["--in-place", "ro/a.txt"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr == "arnorm: error: cannot write 'ro/a.txt': Permission denied\n", "\(result.stderr)")
        #expect(try dir.read("ro/a.txt") == Self.input)
        #expect(dir.listing("ro") == ["a.txt"])
    }
}

/// `--in-place` without `--invalid` leaves a file alone when rewriting it would replace what could
/// not be read: ill-formed UTF-8, or a file that looks like another encoding. The other files are
/// rewritten; the run exits 1. An explicit `--invalid replace` rewrites it with U+FFFD.
@Suite struct InPlaceIllFormedTests {
    static let windows1256: [UInt8] = [0xE3, 0xD1, 0xCD, 0xC8, 0xC7, 0x20, 0xC8, 0xC7, 0xE1, 0xDA, 0xC7, 0xE1, 0xE3, 0x0A]
    static let utf16: [UInt8] = Array("مرحبا بكم في مدينة دمشق القديمة\nقال الرئيس\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    static let badUTF8: [UInt8] = Array("مرحبا\nقال".utf8) + [0xFF, 0x0A]

    @Test func filesThatCannotBeReadAreLeftAsTheyAre() throws {
        let dir = try TempDir()
        try dir.write("bad.txt", Self.badUTF8)
        try dir.write("w.txt", Self.windows1256)
        try dir.write("u16.txt", Self.utf16)
        try dir.write("ok.txt", InPlaceTests.input)
        let result = try CLI.run(["--in-place", "bad.txt", "w.txt", "u16.txt", "ok.txt"], in: dir.url)
        #expect(result.status == 1)
        #expect(try dir.bytes("bad.txt") == Self.badUTF8)
        #expect(try dir.bytes("w.txt") == Self.windows1256)
        #expect(try dir.bytes("u16.txt") == Self.utf16)
        #expect(try dir.read("ok.txt") == InPlaceTests.expected)
        #expect(result.stderr.contains("arnorm: error: bad.txt:2: invalid UTF-8 at byte 17: left as it is (--encoding NAME if it is in another encoding, or --invalid replace to rewrite it with U+FFFD)"), "\(result.stderr)")
        #expect(result.stderr.contains("arnorm: error: 'w.txt' looks like windows-1256: try --encoding windows-1256, or --invalid replace to rewrite it as UTF-8 anyway; left as it is"), "\(result.stderr)")
        #expect(result.stderr.contains("arnorm: error: 'u16.txt' looks like UTF-16LE without a byte order mark: try --encoding utf-16le"), "\(result.stderr)")
        #expect(dir.listing() == ["bad.txt", "ok.txt", "u16.txt", "w.txt"])
    }

    @Test func explicitInvalidReplaceRewritesWithReplacementCharacters() throws {
        let dir = try TempDir()
        try dir.write("bad.txt", Self.badUTF8)
        let result = try CLI.run(["--in-place", "--invalid", "replace", "bad.txt"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try dir.read("bad.txt") == "مرحبا\nقال\u{FFFD}\n")
        #expect(result.stderr.contains("1 ill-formed sequence replaced with U+FFFD"))
    }

    @Test func aLoneSurrogateEscapeInJSONLKeepsTheFile() throws {
        let dir = try TempDir()
        let input = "{\"text\":\"إ\\ud800\"}\n"
        try dir.write("s.jsonl", input)
        let result = try CLI.run(["--in-place", "s.jsonl"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr == "arnorm: error: s.jsonl:1: a lone surrogate escape (\\ud800) at byte 11: left as it is (--invalid replace rewrites it with U+FFFD for them)\n")
        #expect(try dir.read("s.jsonl") == input)
    }

    @Test func theNamedEncodingRewritesIt() throws {
        let dir = try TempDir()
        try dir.write("w.txt", Self.windows1256)
        let result = try CLI.run(["--in-place", "--encoding", "windows-1256", "w.txt"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try dir.read("w.txt") == "مرحبا بالعالم\n")
    }
}

/// `--in-place` on a FIFO is refused before it is opened: no wait for a writer, no data taken.
@Suite struct InPlaceFIFOTests {
    @Test func fifoIsRefusedWithoutWaiting() throws {
        let dir = try TempDir()
        try dir.write("a.txt", InPlaceTests.input)
        #expect(mkfifo(dir.path("ff"), 0o644) == 0)
        let status = try CLI.shell("timeout 20 \"$ARNORM\" --in-place ff a.txt 2> err.txt", in: dir.url)
        #expect(status == 1)
        #expect(try dir.read("err.txt") == "arnorm: error: 'ff' is not a regular file: --in-place rewrites regular files only; left as it is\n")
        #expect(try dir.read("a.txt") == InPlaceTests.expected)
        #expect(InPlaceTests.status(dir.path("ff")).st_mode & S_IFMT == S_IFIFO)
    }
}
