import ArabicNormalizer
import FuzzSupport

/// The bytes API under a configuration read from the first six bytes (`FuzzInput.configuration`).
/// Checks: no crash, valid UTF-8 out, `\n` count kept, stats count the bytes, the offsets API gives
/// the same output with one in-bounds non-decreasing range per output scalar, and normalizing line by
/// line gives the same bytes as normalizing the whole text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNormalize(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let configuration = input.configuration()
    let text = input.rest
    let normalizer = Normalizer(configuration)

    var output: [UInt8] = []
    var stats = NormalizationStats()
    normalizer.normalize(utf8: UnsafeRawBufferPointer(text), appendingTo: &output, stats: &stats)

    if !isValidUTF8(output) { fuzzFailure("output is not valid UTF-8", configuration: configuration, input: text) }
    if stats.bytesIn != text.count || stats.bytesOut != output.count {
        fuzzFailure("stats bytesIn \(stats.bytesIn)/\(text.count) bytesOut \(stats.bytesOut)/\(output.count)",
                    configuration: configuration, input: text)
    }
    let newlinesIn = text.lazy.filter { $0 == 0x0A }.count, newlinesOut = output.lazy.filter { $0 == 0x0A }.count
    if newlinesIn != newlinesOut {
        fuzzFailure("\(newlinesIn) newlines in, \(newlinesOut) out", configuration: configuration, input: text)
    }

    let (offsetOutput, ranges) = normalizer.normalizeWithOffsets(utf8: UnsafeRawBufferPointer(text))
    if offsetOutput != output { fuzzFailure("normalizeWithOffsets output differs", configuration: configuration, input: text) }
    let scalars = String(decoding: output, as: UTF8.self).unicodeScalars.count
    if ranges.count != scalars {
        fuzzFailure("\(ranges.count) offset ranges for \(scalars) output scalars", configuration: configuration, input: text)
    }
    var previous = 0
    for r in ranges {
        if r.lowerBound < previous || r.upperBound > text.count {
            fuzzFailure("offset range \(r) out of order or out of bounds (input \(text.count) bytes)",
                        configuration: configuration, input: text)
        }
        previous = r.lowerBound
    }

    // Line by line (each line with its '\n') must equal the whole: pipelines feed lines.
    var byLines: [UInt8] = []
    var lineStats = NormalizationStats()
    var start = 0
    for k in 0...text.count where k == text.count || text[k] == 0x0A {
        let end = k == text.count ? k : k + 1
        if end > start {
            normalizer.normalize(utf8: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: text[start..<end])), appendingTo: &byLines, stats: &lineStats)
        }
        start = end
    }
    if byLines != output { fuzzFailure("line-by-line output differs from whole-text output", configuration: configuration, input: text) }
    return 0
}
