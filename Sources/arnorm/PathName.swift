/// The parts of a path string, split on `/` by plain byte comparison: the one place the CLI takes
/// paths apart (Foundation's `NSString` path methods trap on some one-character paths).
enum PathName {
    /// `path` without its last component and the slashes before it: `a/b` → `a`, `b` → ``,
    /// `b/` → ``, `/x` → `/`, `/` → `/`, `./b` → `.`, `//a//b/` → `//a`, `` → ``.
    static func parent(_ path: String) -> String { split(path).parent }

    /// The last component of `path`, trailing slashes ignored: `a/b` → `b`, `b/` → `b`, `/` → `/`,
    /// `` → ``.
    static func lastComponent(_ path: String) -> String { split(path).last }

    /// The extension of the last component (after its last `.`, not a leading one): `a.csv` → `csv`,
    /// `.jsonl` → ``, `a` → ``.
    static func pathExtension(_ path: String) -> String {
        let name = Array(lastComponent(path).utf8)
        guard let dot = name.lastIndex(of: UInt8(ascii: ".")), dot > 0 else { return "" }
        return String(decoding: name[(dot + 1)...], as: UTF8.self)
    }

    /// `directory + "/" + name`, or `name` alone when `directory` is empty.
    static func join(_ directory: String, _ name: String) -> String {
        if directory.isEmpty { return name }
        return directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    static func split(_ path: String) -> (parent: String, last: String) {
        let slash = UInt8(ascii: "/")
        let bytes = Array(path.utf8)
        var end = bytes.count
        while end > 0 && bytes[end - 1] == slash { end -= 1 }
        if end == 0 { return bytes.isEmpty ? ("", "") : ("/", "/") }
        var start = end
        while start > 0 && bytes[start - 1] != slash { start -= 1 }
        let last = String(decoding: bytes[start..<end], as: UTF8.self)
        var parentEnd = start
        while parentEnd > 0 && bytes[parentEnd - 1] == slash { parentEnd -= 1 }
        if parentEnd == 0 { return (start > 0 ? "/" : "", last) }
        return (String(decoding: bytes[0..<parentEnd], as: UTF8.self), last)
    }

    /// `bytes` (a file name or an argument as the system gives it) for a message: UTF-8 as text,
    /// each byte of an ill-formed sequence as `\xFF`. Nil when the bytes are well-formed UTF-8.
    static func escapingIllFormed(_ bytes: [UInt8]) -> String? {
        var iterator = bytes.makeIterator()
        var parser = Unicode.UTF8.ForwardParser()
        var position = 0
        var text = ""
        var illFormed = false
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                text.unicodeScalars.append(Unicode.UTF8.decode(encoded))
                position += encoded.count
            case .error(let length):
                illFormed = true
                for byte in bytes[position..<position + length] { text += escaped(byte) }
                position += length
            case .emptyInput:
                return illFormed ? text : nil
            }
        }
    }

    /// `text` (a message naming files) with each control character (C0, DEL, C1: a line break, a
    /// terminal escape) written as its UTF-8 bytes escaped, `\x0A`, as `escapingIllFormed` writes
    /// the bytes of a name that is not UTF-8: a name never breaks a message into two lines or
    /// recolours the terminal.
    static func escapingControls(_ text: String) -> String {
        func isControl(_ scalar: Unicode.Scalar) -> Bool {
            scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F)
        }
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                for byte in String(scalar).utf8 { result += escaped(byte) }
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A byte as `\xFF`.
    private static func escaped(_ byte: UInt8) -> String {
        "\\x" + String(byte, radix: 16, uppercase: true).leftPadded(2)
    }
}
