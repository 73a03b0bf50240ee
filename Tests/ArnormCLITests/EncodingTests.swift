import Foundation
import Testing

/// Input that is not plain UTF-8: byte order marks (UTF-8, UTF-16, UTF-32), `--encoding` for
/// legacy encodings, `--keep-encoding`, hints for files that look like another encoding, and
/// decoding in pieces (characters cut between chunks).
@Suite struct EncodingTests {
    static let text = "خـ.ـسائر فادحة 😀\nسطر ثانٍ\n"
    static let normalized = "خسائر فادحة 😀\nسطر ثان\n"

    static func utf16(_ text: String, bigEndian: Bool = false) -> [UInt8] {
        text.utf16.flatMap { bigEndian ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    }

    static func utf32LE(_ text: String) -> [UInt8] {
        text.unicodeScalars.flatMap { s in (0..<4).map { UInt8((s.value >> (8 * $0)) & 0xFF) } }
    }

    /// "خسائر فادحة\n" in windows-1256 (letters as the code page has them).
    static let windows1256: [UInt8] = [0xCE, 0xD3, 0xC7, 0xC6, 0xD1, 0x20, 0xDD, 0xC7, 0xCF, 0xCD, 0xC9, 0x0A]

    @Test(arguments: [
        ("UTF-16LE", [0xFF, 0xFE] + utf16(text)),
        ("UTF-16BE", [0xFE, 0xFF] + utf16(text, bigEndian: true)),
        ("UTF-32LE", [0xFF, 0xFE, 0x00, 0x00] + utf32LE(text)),
        ("UTF-8", [0xEF, 0xBB, 0xBF] + Array(text.utf8)),
    ])
    func byteOrderMarkDecidesTheEncoding(name: String, bytes: [UInt8]) throws {
        let dir = try TempDir()
        try dir.write("in.txt", bytes)
        let result = try CLI.run(["in.txt"], in: dir.url)
        #expect(result.status == 0, "\(name): \(result.stderr)")
        #expect(result.stderr == "", "\(name)")
        #expect(result.stdout == Self.normalized, "\(name)")
    }

    @Test func utf16DecodedInSmallChunksEqualsUTF8() throws {
        let dir = try TempDir()
        var text = ""
        for i in 0..<400 { text += "\(i) خـ.ـسائر 😀𝐀 فادحة، «نص»\n" }
        try dir.write("u8.txt", text)
        try dir.write("u16.txt", [0xFF, 0xFE] + Self.utf16(text))
        let reference = try CLI.run(["u8.txt"], in: dir.url)
        for chunk in ["64", "1000", "4097"] {
            let result = try CLI.run(["--chunk-size", chunk, "--jobs", "2", "u16.txt"], in: dir.url)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdoutBytes == reference.stdoutBytes, "chunk size \(chunk)")
        }
    }

    @Test func legacyEncodingIsReadWithEncodingAndHintedWithout() throws {
        let dir = try TempDir()
        try dir.write("old.txt", Self.windows1256)
        let plain = try CLI.run(["old.txt"], in: dir.url)
        #expect(plain.status == 0)
        #expect(plain.stderr == "arnorm: warning: old.txt:1: invalid UTF-8 at byte 0 (the file looks like windows-1256: try --encoding windows-1256); 10 ill-formed sequences replaced with U+FFFD\n")
        let decoded = try CLI.run(["--encoding", "windows-1256", "old.txt"], in: dir.url)
        #expect(decoded.status == 0, "\(decoded.stderr)")
        #expect(decoded.stderr == "")
        #expect(decoded.stdout == "خسائر فادحة\n")
        let alias = try CLI.run(["--encoding", "CP1256", "old.txt"], in: dir.url)
        #expect(alias.stdout == "خسائر فادحة\n")
    }

    @Test func utf16WithoutAByteOrderMarkIsHinted() throws {
        let dir = try TempDir()
        try dir.write("u16.txt", Self.utf16("نص عربي\n"))
        let result = try CLI.run(["u16.txt"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stderr == "arnorm: warning: 'u16.txt' looks like UTF-16LE without a byte order mark: try --encoding utf-16le (read as UTF-8)\n")
        let decoded = try CLI.run(["--encoding", "utf-16le", "u16.txt"], in: dir.url)
        #expect(decoded.stdout == "نص عربي\n")
    }

    @Test func bytesNotValidInTheEncodingFollowTheInvalidPolicy() throws {
        let dir = try TempDir()
        // 0xA1 and 0xDB are not assigned in ISO-8859-6.
        try dir.write("bad.txt", [0xD3, 0xD1, 0x0A, 0xD3, 0xA1, 0xD1, 0x0A, 0xDB, 0x0A])
        let replaced = try CLI.run(["--encoding", "iso-8859-6", "bad.txt"], in: dir.url)
        #expect(replaced.status == 0)
        #expect(replaced.stdout == "سر\nس\u{FFFD}ر\n\u{FFFD}\n")
        #expect(replaced.stderr == "arnorm: warning: bad.txt:2: bytes not valid in iso-8859-6; 2 ill-formed sequences replaced with U+FFFD\n")
        let skipped = try CLI.run(["--encoding", "iso-8859-6", "--invalid", "skip", "bad.txt"], in: dir.url)
        #expect(skipped.stdout == "سر\n")
        let failed = try CLI.run(["--encoding", "iso-8859-6", "--invalid", "fail", "bad.txt", "-o", "out.txt"], in: dir.url)
        #expect(failed.status == 1)
        #expect(failed.stderr == "arnorm: error: bad.txt:2: bytes not valid in iso-8859-6\n")
        #expect(dir.listing() == ["bad.txt"])
    }

    @Test func unknownEncodingIsAUsageError() throws {
        let dir = try TempDir()
        try dir.write("a.txt", "نص\n")
        let result = try CLI.run(["--encoding", "windows-9999", "a.txt"], in: dir.url)
        #expect(result.status == 2)
        #expect(result.stderr.contains("Unknown encoding 'windows-9999'. 'arnorm --list-encodings' lists the encodings and aliases ICU knows."), "\(result.stderr)")
        let list = try CLI.run(["--list-encodings"], in: dir.url)
        #expect(list.status == 0)
        #expect(list.stdout.split(separator: "\n").contains { $0.contains("windows-1256") })
        #expect(list.stdout.split(separator: "\n").contains { $0.contains("ISO-8859-6") })
    }

    @Test func inPlaceRestoresAUTF8ByteOrderMark() throws {
        let dir = try TempDir()
        try dir.write("a.txt", [0xEF, 0xBB, 0xBF] + Array(Self.text.utf8))
        let result = try CLI.run(["--in-place", "a.txt"], in: dir.url)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try dir.bytes("a.txt") == [0xEF, 0xBB, 0xBF] + Array(Self.normalized.utf8))
    }

    @Test func inPlaceWritesUTF8AndSaysSoUnlessKeepEncoding() throws {
        let dir = try TempDir()
        let original = [0xFF, 0xFE] + Self.utf16(Self.text)
        try dir.write("a.txt", original)
        try dir.write("b.txt", original)
        let utf8 = try CLI.run(["--in-place", "a.txt"], in: dir.url)
        #expect(utf8.status == 0)
        #expect(utf8.stderr == "arnorm: note: 'a.txt' was read as UTF-16LE and is now UTF-8 (--keep-encoding writes it back in UTF-16LE)\n")
        #expect(try dir.read("a.txt") == Self.normalized)
        let kept = try CLI.run(["--in-place", "--keep-encoding", "b.txt"], in: dir.url)
        #expect(kept.status == 0, "\(kept.stderr)")
        #expect(kept.stderr == "")
        #expect(try dir.bytes("b.txt") == [0xFF, 0xFE] + Self.utf16(Self.normalized))
    }

    @Test func keepEncodingNeverSubstitutes() throws {
        let dir = try TempDir()
        // Bytes not valid in ISO-8859-6 become U+FFFD (asked for with --invalid replace), which
        // ISO-8859-6 cannot hold: the file stays.
        try dir.write("a.txt", [0xD3, 0xA1, 0x0A])
        let result = try CLI.run(["--in-place", "--keep-encoding", "--invalid", "replace", "--encoding", "iso-8859-6", "a.txt"], in: dir.url)
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot write 'a.txt' back in iso-8859-6: U+FFFD has no mapping in it; the file is left as it was"), "\(result.stderr)")
        #expect(try dir.bytes("a.txt") == [0xD3, 0xA1, 0x0A])
        #expect(dir.listing() == ["a.txt"])
    }

    @Test func walkReadsUTF16FilesAndSkipsOnlyRealBinaries() throws {
        let dir = try TempDir()
        try dir.write("tree/u16.txt", [0xFF, 0xFE] + Self.utf16("نص\n"))
        try dir.write("tree/u16nobom.txt", Self.utf16("نص\n"))
        try dir.write("tree/image.bin", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x01])
        let result = try CLI.run(["tree"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stderr.contains("note: skipped binary file 'tree/image.bin'"), "\(result.stderr)")
        #expect(result.stderr.contains("'tree/u16nobom.txt' looks like UTF-16LE without a byte order mark"), "\(result.stderr)")
        #expect(result.stdout.hasPrefix("نص\n"))
    }
}
