import Foundation
@testable import arnorm
import TestSupport
import Testing

/// Paths taken apart by the CLI's one path helper, and output paths of one character (which
/// Foundation's path methods trapped on) through every command that writes a file.
@Suite struct PathNameTests {
    @Test(arguments: [
        ("b", "", "b"), ("é", "", "é"), ("ا", "", "ا"), ("b/", "", "b"), ("/", "/", "/"),
        ("/x", "/", "x"), ("a/b", "a", "b"), ("./b", ".", "b"), ("", "", ""), ("//a//b/", "//a", "b"),
        ("مجلد/ملف.txt", "مجلد", "ملف.txt"),
    ])
    func parentAndLastComponent(path: String, parent: String, last: String) {
        #expect(PathName.parent(path) == parent)
        #expect(PathName.lastComponent(path) == last)
    }

    @Test func pathExtension() {
        #expect(PathName.pathExtension("a/b.JSONL") == "JSONL")
        #expect(PathName.pathExtension("d.csv/b") == "")
        #expect(PathName.pathExtension(".jsonl") == "")
        #expect(PathName.pathExtension("b") == "")
        #expect(InputFormat.guess(path: "x") == .text)
        #expect(InputFormat.guess(path: "t/x.tsv") == .tsv)
    }

    @Test(arguments: [
        (["s.txt", "-o", "b"], "b"), (["s.txt", "-o", "é"], "é"), (["s.txt", "-o", "ا"], "ا"),
        (["translit", "--scheme", "bw", "s.txt", "-o", "b"], "b"),
        (["numerals", "--digits", "arabic", "s.txt", "-o", "b"], "b"),
    ])
    func oneCharacterOutputFile(arguments: [String], output: String) throws {
        let dir = try TempDir()
        try dir.write("s.txt", "x\n")
        let result = try CLI.run(arguments, in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try dir.read(output) == "x\n")
    }

    @Test func oneCharacterInPlaceOutputDirAndReport() throws {
        let dir = try TempDir()
        try dir.write("c", "\(Sample.obfuscated)\n")
        try dir.write("t/1", "\(Sample.obfuscated)\n")
        var result = try CLI.run(["--in-place", "c"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try dir.read("c") == "\(Sample.obfuscatedStandard)\n")
        result = try CLI.run(["t", "--output-dir", "o", "--report", "r"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try dir.read("o/1") == "\(Sample.obfuscatedStandard)\n")
        #expect(try dir.read("r").contains("{"))
    }

    @Test func missingDirectoryWithATrailingSlashIsAnError() throws {
        let dir = try TempDir()
        try dir.write("s.txt", "x\n")
        let result = try CLI.run(["s.txt", "-o", "b/"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot write 'b/': no such directory"), "\(result.stderr)")
        #expect(dir.listing() == ["s.txt"])
    }
}

/// Messages for a long output name, a directory given as --config, and --column 0.
@Suite struct MessageTests {
    @Test(arguments: [String(repeating: "a", count: 250), String(repeating: "ن", count: 120), String(repeating: "b", count: 236)])
    func outputNamesUpToTheLimitAreWritten(name: String) throws {
        let dir = try TempDir()
        try dir.write("s.txt", "\(Sample.obfuscated)\n")
        let result = try CLI.run(["s.txt", "-o", name], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try dir.read(name) == "\(Sample.obfuscatedStandard)\n")
        let inPlace = try CLI.run(["--in-place", "s.txt", name, "--invalid", "replace"], in: dir.url)
        #expect(inPlace.status == 0, "\(inPlace.stderr)")
        #expect(dir.listing() == [name, "s.txt"].sorted())
    }

    @Test func temporaryNamesFitAndStayApart() {
        let long = String(repeating: "ن", count: 127)
        let a = TemporaryFiles.temporaryName(long + "1", pid: 2_147_483_647)
        let b = TemporaryFiles.temporaryName(long + "2", pid: 2_147_483_647)
        #expect(a.utf8.count <= 255 && b.utf8.count <= 255)
        #expect(a != b)
        #expect(!a.contains("\u{FFFD}"))
        #expect(TemporaryFiles.temporaryPID(a) == 2_147_483_647)
        #expect(TemporaryFiles.temporaryName("short.txt", pid: 7) == ".short.txt.arnorm-tmp-7")
    }

    @Test func configDirectoryIsNamedAsADirectory() throws {
        let dir = try TempDir()
        try dir.write("s.txt", "x\n")
        try dir.write("conf/keep", "")
        let result = try CLI.run(["--config", "conf", "s.txt"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr == "arnorm: error: cannot read the configuration 'conf': it is a directory (--config names a file written by --print-config)\n")
    }

    @Test func columnZeroSaysColumnsAreNumberedFromOne() throws {
        let dir = try TempDir()
        try dir.write("c.csv", "id,body\n1,أ\n")
        let zero = try CLI.run(["--column", "0", "c.csv"], in: dir.url)
        #expect(zero.status == 1)
        #expect(zero.stderr == "arnorm: error: no column '0' in 'c.csv': columns are numbered from 1 (columns: id, body)\n")
        let five = try CLI.run(["--column", "5", "c.csv"], in: dir.url)
        #expect(five.stderr == "arnorm: error: no column '5' in 'c.csv': it has 2 (columns: id, body)\n")
    }
}
