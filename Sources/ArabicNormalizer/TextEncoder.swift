import CICU

/// Encodes UTF-8 text to a `TextEncoding`. A character the encoding cannot hold is an error,
/// never a substitution: writing text back in a legacy encoding must not change it silently.
public final class TextEncoder {
    public let encoding: TextEncoding
    private let encoder: OpaquePointer

    /// A character that `encoding` has no byte sequence for, at `offset` in the UTF-8 given.
    public struct Unmappable: Error, Sendable {
        public var scalar: Unicode.Scalar
        public var offset: Int
    }

    /// An encoder for `encoding`; nil if ICU cannot open a converter for it.
    public init?(_ encoding: TextEncoding) {
        guard let encoder = cicu_encoder_open(encoding.canonicalName) else { return nil }
        self.encoding = encoding
        self.encoder = encoder
    }

    deinit { cicu_encoder_close(encoder) }

    /// Encodes well-formed UTF-8 made of whole characters, appending to `output`.
    public func encode(_ utf8: UnsafeRawBufferPointer, appendingTo output: inout [UInt8]) throws(Unmappable) {
        guard let base = utf8.baseAddress, utf8.count > 0 else { return }
        var capacity = utf8.count * 2 + 16
        while true {
            var scalar: UInt32 = 0
            var offset: Int32 = 0
            var buffer = [UInt8](repeating: 0, count: capacity)
            let n = buffer.withUnsafeMutableBufferPointer {
                cicu_encoder_encode(encoder, base.assumingMemoryBound(to: UInt8.self), Int32(utf8.count),
                                    $0.baseAddress!, Int32($0.count), &scalar, &offset)
            }
            if n >= 0 {
                output.append(contentsOf: buffer[0..<Int(n)])
                return
            }
            if n == -2 {
                throw Unmappable(scalar: Unicode.Scalar(scalar) ?? "\u{FFFD}", offset: Int(offset))
            }
            capacity *= 2
            if capacity > utf8.count * 8 + 64 {
                throw Unmappable(scalar: "\u{FFFD}", offset: 0)
            }
        }
    }
}
