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
