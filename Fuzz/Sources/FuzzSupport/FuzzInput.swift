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

    /// A configuration from six header bytes:
    /// byte 0 bits 0–1 pick `clean`, `standard`, `search` or a raw step set (no preset), bit 4
    /// `social` in place of `search`, bits 2–3 the options; bytes 1–2 are steps to enable (a raw
    /// set: the steps), bytes 3–4 steps to disable; byte 5 the span steps: bits 0–2 enable
    /// `html`, `web`, `emoji`, bits 3–7 their policies and mask format.
    public mutating func configuration() -> Configuration {
        let b = byte()
        let enable = uint16(), disable = uint16()
        let spans = byte()
        var options = NormalizationOptions(keepShadda: b & 4 != 0, superscriptAlefToAlef: b & 8 != 0)
        let choice = Int(spans >> 3)
        if choice != 0 {
            for (k, kind) in SpanKind.allCases.enumerated() {
                options[kind] = kind.policies[(choice >> (k % 4)) % kind.policies.count]
            }
            if choice & 16 != 0 { options.maskFormat = "<{kind}>" }
        }
        func steps(_ mask: UInt16) -> [Step] {
            Step.allCases.enumerated().filter { $0.offset < 16 && mask & (1 << UInt16($0.offset)) != 0 }.map(\.element)
        }
        let spanSteps = [Step.html, .web, .emoji].enumerated().filter { spans & (1 << UInt8($0.offset)) != 0 }.map(\.element)
        switch b & 3 {
        case 0, 1, 2:
            let preset = b & 3 == 2 && b & 16 != 0 ? Preset.social : Preset.allCases[Int(b & 3)]
            return Configuration(preset: preset, enabling: steps(enable) + spanSteps, disabling: steps(disable), options: options)
        default:
            return Configuration(preset: nil, steps: StepSet(steps(enable) + spanSteps), options: options)
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
