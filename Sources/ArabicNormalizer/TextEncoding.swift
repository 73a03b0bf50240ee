import CICU

/// A character encoding that ICU's converters know (`windows-1256`, `ISO-8859-6`, `cp864`,
/// `UTF-16LE`, `x-mac-arabic`, ...), for reading text that is not UTF-8 and writing it back.
///
/// The engine itself works on UTF-8; `TextDecoder` and `TextEncoder` convert at the edges.
public struct TextEncoding: Sendable, Hashable, CustomStringConvertible {
    /// ICU's canonical name of the encoding (`ibm-9448_X100-2005` for `windows-1256`).
    public let canonicalName: String
    /// The name it was asked for, for messages (`windows-1256`).
    public let name: String

    /// The encoding called `name` (a name or alias ICU knows, case-insensitive); nil if unknown.
    public init?(_ name: String) {
        var buffer = [CChar](repeating: 0, count: 128)
        let length = cicu_encoding_canonical_name(name, &buffer, Int32(buffer.count))
        guard length > 0 else { return nil }
        canonicalName = String(decoding: buffer[0..<Int(length)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        self.name = name
    }

    public var description: String { name }

    public static func == (a: TextEncoding, b: TextEncoding) -> Bool { a.canonicalName == b.canonicalName }
    public func hash(into hasher: inout Hasher) { hasher.combine(canonicalName) }

    public static let utf8 = TextEncoding("UTF-8")!
    public static let utf16LE = TextEncoding("UTF-16LE")!
    public static let utf16BE = TextEncoding("UTF-16BE")!
    public static let utf32LE = TextEncoding("UTF-32LE")!
    public static let utf32BE = TextEncoding("UTF-32BE")!

    /// Whether this is UTF-8 (read without a converter).
    public var isUTF8: Bool { self == .utf8 }

    /// The byte order mark this encoding is written with when a file has one (empty for encodings
    /// without one).
    public var byteOrderMark: [UInt8] {
        switch self {
        case .utf8: return [0xEF, 0xBB, 0xBF]
        case .utf16LE: return [0xFF, 0xFE]
        case .utf16BE: return [0xFE, 0xFF]
        case .utf32LE: return [0xFF, 0xFE, 0x00, 0x00]
        case .utf32BE: return [0x00, 0x00, 0xFE, 0xFF]
        default: return []
        }
    }

    /// The encoding a byte order mark at the start of `prefix` names, and the mark's length.
    /// UTF-32 LE is tested before UTF-16 LE (`FF FE 00 00` starts both).
    public static func fromByteOrderMark<Bytes: Collection<UInt8>>(_ prefix: Bytes) -> (encoding: TextEncoding, length: Int)? {
        let b = Array(prefix.prefix(4))
        for encoding in [TextEncoding.utf32LE, .utf32BE, .utf8, .utf16LE, .utf16BE] {
            let mark = encoding.byteOrderMark
            if b.count >= mark.count && Array(b[0..<mark.count]) == mark { return (encoding, mark.count) }
        }
        return nil
    }

    /// ICU's charset detector on a sample: its best guess and confidence (0–100), if any.
    public static func detect(_ sample: UnsafeRawBufferPointer) -> (encoding: String, confidence: Int)? {
        guard let base = sample.baseAddress, sample.count > 0 else { return nil }
        var buffer = [CChar](repeating: 0, count: 128)
        let confidence = cicu_detect_encoding(base.assumingMemoryBound(to: UInt8.self), Int32(min(sample.count, Int(Int32.max))),
                                              &buffer, Int32(buffer.count))
        guard confidence >= 0 else { return nil }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (name, Int(confidence))
    }

    /// Every encoding ICU's converters know: canonical name and aliases.
    public static var available: [(name: String, aliases: [String])] {
        (0..<Int(cicu_encoding_count())).compactMap { index in
            guard let name = cicu_encoding_name(Int32(index)) else { return nil }
            let aliases = (0..<Int(cicu_encoding_alias_count(name))).compactMap { i in
                cicu_encoding_alias(name, Int32(i)).map { String(cString: $0) }
            }
            return (String(cString: name), aliases.filter { $0 != String(cString: name) })
        }
    }
}
