import ArabicNormalizer

/// The fuzzer's bytes, read front to back: a few header bytes choose the configuration and
/// options, the rest is the text.
public struct FuzzInput {
    public let bytes: UnsafeBufferPointer<UInt8>
    public var position = 0

    public init(_ data: UnsafePointer<UInt8>, _ size: Int) {
        bytes = UnsafeBufferPointer(start: data, count: size)
    }

    /// The next byte, or 0 past the end.
    public mutating func byte() -> UInt8 {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return bytes[position]
    }

    /// The next two bytes, little-endian.
    public mutating func uint16() -> UInt16 { UInt16(byte()) | UInt16(byte()) << 8 }

    /// What is left.
    public var rest: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[min(position, bytes.count)...]) }

    /// A configuration from five header bytes:
    /// byte 0 bits 0–1 pick `clean`, `standard`, `search` or a raw step set (no preset),
    /// bits 2–3 the options; bytes 1–2 are steps to enable (a raw set: the steps), bytes 3–4 steps to disable.
    public mutating func configuration() -> Configuration {
        let b = byte()
        let enable = uint16(), disable = uint16()
        let options = NormalizationOptions(keepShadda: b & 4 != 0, superscriptAlefToAlef: b & 8 != 0)
        func steps(_ mask: UInt16) -> [Step] {
            Step.allCases.enumerated().filter { mask & (1 << UInt16($0.offset)) != 0 }.map(\.element)
        }
        switch b & 3 {
        case 0, 1, 2:
            let preset = Preset.allCases[Int(b & 3)]
            return Configuration(preset: preset, enabling: steps(enable), disabling: steps(disable), options: options)
        default:
            return Configuration(preset: nil, steps: StepSet(steps(enable)), options: options)
        }
    }
}

/// Stops the fuzzer with a message naming what broke and the input (hex), so the crash log
/// says which invariant failed.
public func fuzzFailure(_ what: String, configuration: Configuration? = nil, input: some Collection<UInt8>,
                        file: StaticString = #file, line: UInt = #line) -> Never {
    var message = "FUZZ FAILURE: \(what)\n"
    if let configuration { message += "configuration: preset=\(configuration.preset.map(\.rawValue) ?? "none") steps=\(configuration.steps) options=\(configuration.options)\n" }
    message += "input (hex): " + input.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: " ") + "\n"
    message += "input (text): " + String(decoding: Array(input), as: UTF8.self).debugDescription
    fatalError(message, file: file, line: line)
}

/// True if `bytes` is well-formed UTF-8.
public func isValidUTF8(_ bytes: [UInt8]) -> Bool {
    Array(String(decoding: bytes, as: UTF8.self).utf8) == bytes
}
