// arnorm_normalizer: the C face of `Normalizer`.

import ArabicNormalizer
import Foundation

/// What an `arnorm_normalizer *` points to. `Normalizer` is immutable and `Sendable`, so one
/// handle serves any number of threads. With `reference` set (option `engine=reference`) the
/// text goes through the slow ICU reference path instead of the engine.
final class NormalizerHandle: Sendable {
    let normalizer: Normalizer
    let reference: ReferenceNormalizer?

    init(_ normalizer: Normalizer, reference: Bool = false) {
        self.normalizer = normalizer
        self.reference = reference ? ReferenceNormalizer(normalizer.configuration) : nil
    }

    /// Normalizes `input` onto the end of `output` with the chosen engine.
    @inline(__always)
    func normalize(_ input: UnsafeRawBufferPointer, appendingTo output: inout [UInt8], stats: inout NormalizationStats) {
        if let reference {
            output.append(contentsOf: reference.normalize(String(decoding: input, as: UTF8.self)).utf8)
        } else {
            normalizer.normalize(utf8: input, appendingTo: &output, stats: &stats)
        }
    }

    /// Normalizes `input` into `destination` when it fits; the output's length either way (see
    /// `Normalizer.normalize(utf8:into:stats:)`).
    @inline(__always)
    func normalize(_ input: UnsafeRawBufferPointer, into destination: UnsafeMutableRawBufferPointer) -> Int {
        guard let reference else { return normalizer.normalize(utf8: input, into: destination) }
        var output = reference.normalize(String(decoding: input, as: UTF8.self))
        return output.withUTF8 { bytes in
            if bytes.count <= destination.count, bytes.count > 0 {
                destination.baseAddress!.copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
            }
            return bytes.count
        }
    }

    var opaque: OpaquePointer { OpaquePointer(Unmanaged.passRetained(self).toOpaque()) }

    static func from(_ p: OpaquePointer?) -> NormalizerHandle? {
        guard let p else { return nil }
        return Unmanaged<NormalizerHandle>.fromOpaque(UnsafeRawPointer(p)).takeUnretainedValue()
    }
}

nonisolated(unsafe) let presetsCString = staticCString(Preset.allCases.map(\.rawValue).joined(separator: ","))
nonisolated(unsafe) let stepsCString = staticCString(Step.allCases.map(\.rawValue).joined(separator: ","))

/// The preset names, comma-separated (static storage).
/// C: `arnorm_presets` in arnorm.h.
@_cdecl("arnorm_presets")
public func arnorm_presets() -> UnsafePointer<CChar> { presetsCString }

/// The step names in the order they run, comma-separated (static storage).
/// C: `arnorm_steps` in arnorm.h.
@_cdecl("arnorm_steps")
public func arnorm_steps() -> UnsafePointer<CChar> { stepsCString }

/// Parses a preset name (NULL: standard).
func parsePreset(_ p: UnsafePointer<CChar>?) throws(OptionError) -> Preset {
    guard let name = optionalString(p) else { return .standard }
    guard let preset = Preset(rawValue: name.lowercased()) else {
        throw OptionError(message: Preset.unknown(name))
    }
    return preset
}

/// Parses a list of step names.
func parseSteps(_ p: UnsafePointer<CChar>?) throws(OptionError) -> [Step] {
    try listItems(p).map { name throws(OptionError) in
        guard let step = Step(name: name) else {
            throw OptionError(message: Step.unknown(name))
        }
        return step
    }
}

/// A normalizer for a preset (NULL: standard), or NULL and a message in `*errorOut`.
/// C: `arnorm_normalizer_new` in arnorm.h.
@_cdecl("arnorm_normalizer_new")
public func arnorm_normalizer_new(_ preset: UnsafePointer<CChar>?, _ errorOut: CStringOut?) -> OpaquePointer? {
    arnorm_normalizer_new_with_steps(preset, nil, nil, nil, errorOut)
}

/// A normalizer for a preset with steps switched on and off (disabling wins) and step options, or NULL and a message.
/// C: `arnorm_normalizer_new_with_steps` in arnorm.h.
@_cdecl("arnorm_normalizer_new_with_steps")
public func arnorm_normalizer_new_with_steps(
    _ preset: UnsafePointer<CChar>?, _ enable: UnsafePointer<CChar>?, _ disable: UnsafePointer<CChar>?,
    _ options: UnsafePointer<CChar>?, _ errorOut: CStringOut?
) -> OpaquePointer? {
    errorOut?.pointee = nil
    do throws(OptionError) {
        let preset = try parsePreset(preset)
        let enabling = try parseSteps(enable)
        let disabling = try parseSteps(disable)
        let parsed = try OptionList(options, flags: ["keep-shadda", "superscript-alef-to-alef"],
                                    keys: ["engine"] + NormalizationOptions.valueOptionNames)
        let flags = parsed.flags
        let reference = try parseEngine(parsed.values["engine"])
        var stepOptions = NormalizationOptions(keepShadda: flags.contains("keep-shadda"),
                                               superscriptAlefToAlef: flags.contains("superscript-alef-to-alef"))
        for name in NormalizationOptions.valueOptionNames {
            if let value = parsed.values[name], let problem = stepOptions.set(name, to: value) {
                throw OptionError(message: problem)
            }
        }
        let normalizer = Normalizer(preset: preset, enabling: enabling, disabling: disabling, options: stepOptions)
        return NormalizerHandle(normalizer, reference: reference).opaque
    } catch {
        report(error.message, errorOut)
        return nil
    }
}

/// `engine=fast` (the default) or `engine=reference`: true for the reference path.
func parseEngine(_ name: String?) throws(OptionError) -> Bool {
    switch name?.lowercased() {
    case nil, "fast": return false
    case "reference": return true
    case let other?: throw OptionError(message: "unknown engine '\(other)' (known: fast, reference)")
    }
}

/// A normalizer from a `Configuration` in JSON, or NULL and a message.
/// C: `arnorm_normalizer_new_from_json` in arnorm.h.
@_cdecl("arnorm_normalizer_new_from_json")
public func arnorm_normalizer_new_from_json(_ json: UnsafePointer<CChar>?, _ len: Int, _ errorOut: CStringOut?) -> OpaquePointer? {
    errorOut?.pointee = nil
    guard let buffer = inputBuffer(json, len) else {
        report("no configuration given", errorOut)
        return nil
    }
    do {
        let configuration = try JSONDecoder().decode(Configuration.self, from: Data(buffer))
        return NormalizerHandle(Normalizer(configuration)).opaque
    } catch let DecodingError.dataCorrupted(context) {
        report("invalid configuration: \(context.debugDescription)", errorOut)
    } catch let DecodingError.keyNotFound(key, context) {
        let path = (context.codingPath.map(\.stringValue) + [key.stringValue]).joined(separator: ".")
        report("invalid configuration: missing '\(path)'", errorOut)
    } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
        let path = context.codingPath.map(\.stringValue).joined(separator: ".")
        report("invalid configuration at '\(path)': \(context.debugDescription)", errorOut)
    } catch {
        report("invalid configuration: \(error)", errorOut)
    }
    return nil
}

/// The normalizer's resolved configuration as JSON (malloc'd), or NULL for a NULL handle.
/// C: `arnorm_normalizer_config_json` in arnorm.h.
@_cdecl("arnorm_normalizer_config_json")
public func arnorm_normalizer_config_json(_ n: OpaquePointer?) -> UnsafeMutablePointer<CChar>? {
    guard let handle = NormalizerHandle.from(n) else { return nil }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    guard let data = try? encoder.encode(handle.normalizer.configuration) else { return nil }
    return data.withUnsafeBytes { mallocCopy($0) }
}

/// Releases a normalizer handle (NULL allowed).
/// C: `arnorm_normalizer_free` in arnorm.h.
@_cdecl("arnorm_normalizer_free")
public func arnorm_normalizer_free(_ n: OpaquePointer?) {
    guard let n else { return }
    Unmanaged<NormalizerHandle>.fromOpaque(UnsafeRawPointer(n)).release()
}

/// Normalizes `len` bytes of UTF-8 into a malloc'd, NUL-terminated buffer: the engine writes
/// into that buffer directly, which is grown only for an output longer than the usual reserve.
/// C: `arnorm_normalize` in arnorm.h.
@_cdecl("arnorm_normalize")
public func arnorm_normalize(_ n: OpaquePointer?, _ utf8: UnsafePointer<CChar>?, _ len: Int,
                             _ out: CStringOut?, _ outLen: UnsafeMutablePointer<Int>?) -> Int32 {
    guard let out else { return Status.argument }
    out.pointee = nil
    guard let handle = NormalizerHandle.from(n), let input = inputBuffer(utf8, len) else { return Status.argument }
    var capacity = outputReserve(len)
    while true {
        guard let buffer = malloc(capacity + 1) else { return Status.memory }
        let count = handle.normalize(input, into: UnsafeMutableRawBufferPointer(start: buffer, count: capacity))
        if count <= capacity {
            buffer.storeBytes(of: 0, toByteOffset: count, as: UInt8.self)
            out.pointee = buffer.assumingMemoryBound(to: CChar.self)
            outLen?.pointee = count
            return Status.ok
        }
        free(buffer)
        capacity = count
    }
}

/// Normalizes `len` bytes of UTF-8 into the caller's buffer.
/// C: `arnorm_normalize_into` in arnorm.h.
@_cdecl("arnorm_normalize_into")
public func arnorm_normalize_into(_ n: OpaquePointer?, _ utf8: UnsafePointer<CChar>?, _ len: Int,
                                  _ out: UnsafeMutablePointer<CChar>?, _ capacity: Int,
                                  _ outLen: UnsafeMutablePointer<Int>?) -> Int32 {
    guard let outLen, let n, let input = inputBuffer(utf8, len), capacity >= 0, out != nil || capacity == 0
    else { return Status.argument }
    // The caller holds the handle for the call: no reference counting on the per-call path.
    let count = Unmanaged<NormalizerHandle>.fromOpaque(UnsafeRawPointer(n))._withUnsafeGuaranteedRef {
        $0.normalize(input, into: UnsafeMutableRawBufferPointer(start: out, count: capacity))
    }
    outLen.pointee = count
    return count <= capacity ? Status.ok : Status.space
}

/// Normalizes `count` texts into one buffer; `outEnds[i]` receives the end of output i.
/// C: `arnorm_normalize_batch` in arnorm.h.
@_cdecl("arnorm_normalize_batch")
public func arnorm_normalize_batch(_ n: OpaquePointer?, _ texts: UnsafePointer<UnsafePointer<CChar>?>?,
                                   _ lens: UnsafePointer<Int>?, _ count: Int, _ out: CStringOut?,
                                   _ outEnds: UnsafeMutablePointer<Int>?) -> Int32 {
    guard let out else { return Status.argument }
    out.pointee = nil
    guard let handle = NormalizerHandle.from(n), count >= 0 else { return Status.argument }
    guard count == 0 || (texts != nil && lens != nil && outEnds != nil) else { return Status.argument }
    var output: [UInt8] = []
    var reserve = 0
    for i in 0..<count { reserve = saturatingSum(reserve, outputReserve(lens![i])) }
    output.reserveCapacity(min(reserve, reserveLimit))
    var stats = NormalizationStats()
    for i in 0..<count {
        guard let input = inputBuffer(texts![i], lens![i]) else { return Status.argument }
        handle.normalize(input, appendingTo: &output, stats: &stats)
        outEnds![i] = output.count
    }
    return output.withUnsafeBytes { deliver($0, out, nil) }
}

/// Normalizes `count` texts held one after the other in one buffer (Arrow's string layout): text i
/// is `data[offsets[i] ..< offsets[i + 1]]`, offsets 32 or 64 bits wide; entries whose validity bit
/// is 0 give no output. `outEnds[i]` receives the end of output i.
/// C: `arnorm_normalize_buffer_batch` in arnorm.h.
@_cdecl("arnorm_normalize_buffer_batch")
public func arnorm_normalize_buffer_batch(
    _ n: OpaquePointer?, _ data: UnsafePointer<CChar>?, _ offsets: UnsafeRawPointer?, _ offsetWidth: Int32,
    _ count: Int, _ validity: UnsafePointer<UInt8>?, _ validityOffset: Int, _ out: CStringOut?,
    _ outEnds: UnsafeMutablePointer<Int>?
) -> Int32 {
    guard let out else { return Status.argument }
    out.pointee = nil
    guard let handle = NormalizerHandle.from(n), count >= 0, offsetWidth == 4 || offsetWidth == 8, validityOffset >= 0
    else { return Status.argument }
    guard count == 0 || (offsets != nil && outEnds != nil) else { return Status.argument }
    @inline(__always) func offset(_ i: Int) -> Int {
        offsetWidth == 4 ? Int(offsets!.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self))
                         : Int(offsets!.loadUnaligned(fromByteOffset: 8 * i, as: Int64.self))
    }
    var output: [UInt8] = []
    if count > 0 {
        let first = offset(0), last = offset(count)
        guard first >= 0, last >= first, last == first || data != nil else { return Status.argument }
        output.reserveCapacity(min(saturatingSum(outputReserve(last - first), 64 &* min(count, Int.max / 128)), reserveLimit))
    }
    var stats = NormalizationStats()
    var start = count > 0 ? offset(0) : 0
    for i in 0..<count {
        let end = offset(i + 1)
        guard end >= start else { return Status.argument }
        let bit = validityOffset + i
        if validity == nil || validity![bit >> 3] & (1 << UInt8(bit & 7)) != 0, end > start {
            handle.normalize(UnsafeRawBufferPointer(start: data! + start, count: end - start),
                             appendingTo: &output, stats: &stats)
        }
        outEnds![i] = output.count
        start = end
    }
    return output.withUnsafeBytes { deliver($0, out, nil) }
}

/// The output capacity to reserve for `len` input bytes: what the engine asks for before it
/// writes a text (so the output array is allocated once, not grown). Lengths no real input has
/// (a caller's mistake) give no overflow: the array then grows as it needs.
@inline(__always)
func outputReserve(_ len: Int) -> Int { len > 0 && len < Int.max / 4 ? max(64, len + len / 4 + 16) : 64 }

/// a + b, or Int.max when that overflows.
@inline(__always)
func saturatingSum(_ a: Int, _ b: Int) -> Int {
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? Int.max : sum
}

/// The most output capacity reserved up front (beyond it the array grows as it needs).
let reserveLimit = 1 << 32

/// For every byte offset of `input`, the index of the scalar it belongs to (ill-formed
/// subsequences count as one scalar each, the U+FFFD they become), plus the total at the end.
func scalarIndexByByte(_ input: UnsafeRawBufferPointer) -> [Int] {
    var index = [Int](repeating: 0, count: input.count + 1)
    var parser = Unicode.UTF8.ForwardParser()
    var bytes = input.makeIterator()
    var position = 0
    var scalar = 0
    decoding: while true {
        let length: Int
        switch parser.parseScalar(from: &bytes) {
        case .valid(let encoded): length = encoded.count
        case .error(let errorLength): length = errorLength
        case .emptyInput: break decoding
        }
        for k in position..<position + length { index[k] = scalar }
        position += length
        scalar += 1
    }
    index[input.count] = scalar
    return index
}

/// Writes ranges as a malloc'd array of 2 * count `size_t`.
func deliverRanges(_ ranges: [Range<Int>], _ target: UnsafeMutablePointer<UnsafeMutablePointer<Int>?>) -> Bool {
    target.pointee = nil
    guard !ranges.isEmpty else { return true }
    guard let raw = malloc(ranges.count * 2 * MemoryLayout<Int>.stride) else { return false }
    let p = raw.bindMemory(to: Int.self, capacity: ranges.count * 2)
    for (k, r) in ranges.enumerated() {
        p[2 * k] = r.lowerBound
        p[2 * k + 1] = r.upperBound
    }
    target.pointee = p
    return true
}

/// Normalizes and gives, per output scalar, its input range in bytes and/or scalars (arrays of 2 × count).
/// C: `arnorm_normalize_with_offsets` in arnorm.h.
@_cdecl("arnorm_normalize_with_offsets")
public func arnorm_normalize_with_offsets(
    _ n: OpaquePointer?, _ utf8: UnsafePointer<CChar>?, _ len: Int, _ out: CStringOut?,
    _ outLen: UnsafeMutablePointer<Int>?, _ utf8Ranges: UnsafeMutablePointer<UnsafeMutablePointer<Int>?>?,
    _ scalarRanges: UnsafeMutablePointer<UnsafeMutablePointer<Int>?>?, _ count: UnsafeMutablePointer<Int>?
) -> Int32 {
    guard let out else { return Status.argument }
    out.pointee = nil
    utf8Ranges?.pointee = nil
    scalarRanges?.pointee = nil
    guard let handle = NormalizerHandle.from(n), let input = inputBuffer(utf8, len) else { return Status.argument }
    guard handle.reference == nil else { return Status.unsupported }
    let (output, ranges) = handle.normalizer.normalizeWithOffsets(utf8: input)
    count?.pointee = ranges.count
    var ok = true
    if let utf8Ranges { ok = ok && deliverRanges(ranges, utf8Ranges) }
    if let scalarRanges, ok {
        let index = scalarIndexByByte(input)
        ok = deliverRanges(ranges.map { index[$0.lowerBound]..<index[$0.upperBound] }, scalarRanges)
    }
    let status = ok ? output.withUnsafeBytes { deliver($0, out, outLen) } : Status.memory
    if status != Status.ok {
        if let utf8Ranges { free(utf8Ranges.pointee); utf8Ranges.pointee = nil }
        if let scalarRanges { free(scalarRanges.pointee); scalarRanges.pointee = nil }
    }
    return status
}
