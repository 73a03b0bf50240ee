import Foundation
import Testing

/// `--output-dir`, `--in-place`, atomic replacement and refusing to overwrite inputs.
@Suite struct OutputTests {
    @Test func outputDirMirrorsRelativePaths() throws {
        let dir = try TempDir()
        try dir.write("corpus/a.txt", "\(Sample.vowelled)\n")
        try dir.write("corpus/sub/b.txt", "\(Sample.obfuscated)\n")
        try dir.write("single.txt", "أَ\n")
        let result = try CLI.run(["corpus", "single.txt", "--output-dir", "out/norm"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(dir.listing("out") == ["norm", "norm/a.txt", "norm/single.txt", "norm/sub", "norm/sub/b.txt"])
        #expect(try dir.read("out/norm/a.txt") == "\(Sample.vowelledStandard)\n")
        #expect(try dir.read("out/norm/sub/b.txt") == "\(Sample.obfuscatedStandard)\n")
        #expect(try dir.read("out/norm/single.txt") == "ا\n")
    }

    /// A private input (0600) came out readable by all (0644) under --output-dir.
    @Test func outputDirFilesGetTheirInputsPermissions() throws {
        let dir = try TempDir()
        try dir.write("in/private.txt", "أَ\n")
        try dir.write("in/shared.txt", "أَ\n")
        chmod(dir.path("in/private.txt"), 0o600)
        chmod(dir.path("in/shared.txt"), 0o644)
        let result = try CLI.run(["in", "--output-dir", "out"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        var st = stat()
        #expect(stat(dir.path("out/private.txt"), &st) == 0 && st.st_mode & 0o777 == 0o600)
        let mask = umask(0o022)
        umask(mask)
        #expect(stat(dir.path("out/shared.txt"), &st) == 0 && st.st_mode & 0o777 == 0o644 & ~mask)
        #expect(try dir.read("out/private.txt") == "ا\n")
    }

    @Test func outputDirInsideTheInputTreeIsRefused() throws {
        let dir = try TempDir()
        try dir.write("corpus/a.txt", "أَ\n")
        let result = try CLI.run(["corpus", "--output-dir", "corpus/norm"], in: dir.url)
        #expect(result.status == 2)
        #expect(result.stderr == "arnorm: error: refusing --output-dir 'corpus/norm': it is inside the input directory 'corpus'\n")
        #expect(dir.listing() == ["corpus", "corpus/a.txt"])
    }

    @Test func outputOntoItsOwnInputIsRefused() throws {
        let dir = try TempDir()
        try dir.write("a.txt", "أَ\n")
        let result = try CLI.run(["a.txt", "-o", "a.txt"], in: dir.url)
        #expect(result.status == 2)
        #expect(result.stderr == "arnorm: error: refusing to write 'a.txt': it is also an input (use --in-place to rewrite inputs)\n")
        #expect(try dir.read("a.txt") == "أَ\n")
    }

    @Test func outputDirSymlinkInTheWayIsRefused() throws {
        let dir = try TempDir()
        try dir.write("corpus/sub/a.txt", "أَ\n")
        try FileManager.default.createDirectory(atPath: dir.path("elsewhere"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir.path("out"), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir.path("out/sub"), withDestinationPath: "../elsewhere")
        let result = try CLI.run(["corpus", "--output-dir", "out"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr == "arnorm: error: refusing to write through the symbolic link 'out/sub' in the output directory\n")
        #expect(dir.listing("elsewhere") == [])
    }

    @Test func inPlaceWithBackupKeepsModesAndLeavesNoTemporaryFiles() throws {
        let dir = try TempDir()
        let a = try dir.write("corpus/a.txt", "\(Sample.vowelled)\n")
        try dir.write("corpus/sub/b.txt", "\(Sample.obfuscated)\n")
        chmod(a, 0o640)
        let result = try CLI.run(["--in-place", "--backup", ".orig", "corpus"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stdout == "")
        #expect(dir.listing("corpus") == ["a.txt", "a.txt.orig", "sub", "sub/b.txt", "sub/b.txt.orig"])
        #expect(try dir.read("corpus/a.txt") == "\(Sample.vowelledStandard)\n")
        #expect(try dir.read("corpus/a.txt.orig") == "\(Sample.vowelled)\n")
        let mode = try FileManager.default.attributesOfItem(atPath: a)[.posixPermissions] as? Int
        #expect(mode == 0o640)
    }

    @Test func inPlaceFailureLeavesTheOriginal() throws {
        let dir = try TempDir()
        try dir.write("corpus/a.txt", "\(Sample.vowelled)\n")
        try dir.write("corpus/b.txt", [0x61, 0x0A, 0x62, 0xFF, 0x0A])
        let result = try CLI.run(["--in-place", "--invalid", "fail", "corpus"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr == "arnorm: error: corpus/b.txt:2: invalid UTF-8 at byte 3\n")
        #expect(try dir.read("corpus/a.txt") == "\(Sample.vowelledStandard)\n")
        #expect(try dir.bytes("corpus/b.txt") == [0x61, 0x0A, 0x62, 0xFF, 0x0A])
        #expect(dir.listing("corpus") == ["a.txt", "b.txt"])
    }

    @Test func failLeavesAnExistingOutputFileAsItWas() throws {
        let dir = try TempDir()
        try dir.write("a.txt", [0xD9, 0x8E, 0x0A, 0xC0, 0x0A])
        try dir.write("out.txt", "previous\n")
        let result = try CLI.run(["--invalid", "fail", "a.txt", "-o", "out.txt"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr == "arnorm: error: a.txt:2: invalid UTF-8 at byte 3\n")
        #expect(try dir.read("out.txt") == "previous\n")
        #expect(dir.listing() == ["a.txt", "out.txt"])
    }

    @Test func staleTemporaryFilesOfAKilledRunAreRemoved() throws {
        let dir = try TempDir()
        try dir.write("corpus/a.txt", "أَ\n")
        // A PID that cannot be running: above the kernel's pid_max.
        try dir.write("corpus/.a.txt.arnorm-tmp-99999999", "half")
        let result = try CLI.run(["--in-place", "corpus"], in: dir.url)
        #expect(result.status == 0)
        #expect(dir.listing("corpus") == ["a.txt"])
        #expect(try dir.read("corpus/a.txt") == "ا\n")
    }

    @Test func inPlaceNeedsFiles() throws {
        let dir = try TempDir()
        let result = try CLI.run(["--in-place"], in: dir.url, stdin: [])
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("Error: --in-place and --output-dir need files or directories, not standard input.\n"))
    }
}
