import Foundation
import Testing

/// UTF-8 text with a NUL byte in it (`a\0b إدلب`) was taken for UTF-16LE without a byte order
/// mark (its two-byte units read as CJK): a warning telling to pass `--encoding utf-16le`, and
/// `--in-place` left the file as it was, exit 1. Well-formed UTF-8 with multibyte characters is
/// now read as what it is; the NUL byte passes through.
@Suite struct NulByteUTF8Tests {
    @Test func utf8WithANulByteIsReadAsUTF8() throws {
        let dir = try TempDir()
        let text: [UInt8] = [0x61, 0x00, 0x62, 0x20] + Array("إدلب\n".utf8)
        let expected: [UInt8] = [0x61, 0x00, 0x62, 0x20] + Array("ادلب\n".utf8)
        try dir.write("n.txt", text)
        let result = try CLI.run(["n.txt"], in: dir.url)
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.stdoutBytes == expected)
        let inPlace = try CLI.run(["--in-place", "n.txt"], in: dir.url)
        #expect(inPlace.status == 0)
        #expect(inPlace.stderr == "")
        #expect(try dir.bytes("n.txt") == expected)
    }

    /// UTF-16LE without a byte order mark is still told apart (its Arabic is no multibyte UTF-8).
    @Test func utf16WithoutAMarkIsStillHinted() throws {
        let dir = try TempDir()
        var utf16: [UInt8] = []
        for unit in "إدلب في سوريا\n".utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try dir.write("w.txt", utf16)
        let result = try CLI.run(["w.txt"], in: dir.url)
        #expect(result.stderr.contains("looks like UTF-16LE without a byte order mark"))
    }
}
