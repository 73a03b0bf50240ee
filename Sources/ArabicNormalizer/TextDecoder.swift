import CICU

/// Decodes a stream of bytes in a `TextEncoding` to UTF-8, piece by piece (a character cut
/// between two pieces is completed by the next one). Not thread-safe: one decoder per stream.
///
/// Bytes that are not valid in the encoding, or have no Unicode mapping, become the single byte
/// 0xFF in the output. 0xFF is never valid UTF-8, so whatever validates the output (the engine
/// replaces it with U+FFFD and counts it; the CLI's `--invalid` policy) finds it where it was.
public final class TextDecoder {
    public let encoding: TextEncoding
    private let decoder: OpaquePointer

    /// A decoder for `encoding`; nil if ICU cannot open a converter for it.
    public init?(_ encoding: TextEncoding) {
        guard let decoder = cicu_decoder_open(encoding.canonicalName) else { return nil }
        self.encoding = encoding
        self.decoder = decoder
    }

    deinit { cicu_decoder_close(decoder) }

    /// Decodes as much of `source` as fits in `destination` (at least 16 bytes). `isLast`: no more
    /// input follows (a sequence cut by the end is then reported). Returns the source bytes used
    /// (the rest must be passed again) and the bytes written.
    public func decode(_ source: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer,
                       isLast: Bool) -> (consumed: Int, written: Int) {
        precondition(destination.count >= 16, "TextDecoder.decode needs at least 16 bytes of room")
        var consumed: Int32 = 0
        let empty: UInt8 = 0
        let written = withUnsafePointer(to: empty) { fallback in
            cicu_decoder_decode(decoder, source.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? fallback,
                                Int32(source.count), destination.baseAddress!.assumingMemoryBound(to: UInt8.self),
                                Int32(min(destination.count, Int(Int32.max))), isLast ? 1 : 0, &consumed)
        }
        return (Int(consumed), max(0, Int(written)))
    }

    /// Decodes a whole buffer.
    public static func decode(_ bytes: [UInt8], from encoding: TextEncoding) -> [UInt8]? {
        guard let decoder = TextDecoder(encoding) else { return nil }
        var output = [UInt8](repeating: 0, count: bytes.count * 4 + 16)
        var used = 0, written = 0
        bytes.withUnsafeBytes { source in
            while true {
                if output.count - written < 64 { output += [UInt8](repeating: 0, count: output.count) }
                let (c, w) = output.withUnsafeMutableBytes {
                    decoder.decode(UnsafeRawBufferPointer(rebasing: source[used...]),
                                   into: UnsafeMutableRawBufferPointer(rebasing: $0[written...]), isLast: true)
                }
                used += c
                written += w
                if used == source.count && w == 0 { break }
            }
        }
        return Array(output[0..<written])
    }
}
