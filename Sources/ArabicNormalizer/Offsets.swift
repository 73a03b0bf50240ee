/// A normalized text with, for each output scalar, the input range it came from.
///
/// Ranges are non-decreasing and within the input. Deleted input (diacritics, tatweel, invisible
/// characters, de-obfuscation separators) maps to no output; a character ICU expanded (`ﷲ` →
/// `الله`) gives several output scalars that all map to it; a collapsed run (spaces, elongation)
/// maps to the whole run.
public struct NormalizedText: Sendable, Hashable {
    /// The normalized text.
    public let text: String
    /// For each output Unicode scalar, its source as a range of input UTF-8 byte offsets.
    public let utf8Ranges: [Range<Int>]
    /// For each output Unicode scalar, its source as a range of input Unicode scalar offsets.
    public let scalarRanges: [Range<Int>]
}

extension Normalizer {
    /// Normalizes `text` and maps every output scalar back to the input.
    public func normalizeWithOffsets(_ text: String) -> NormalizedText {
        var copy = text
        return copy.withUTF8 { utf8 in
            let (output, ranges) = normalizeWithOffsets(utf8: UnsafeRawBufferPointer(utf8))
            // UTF-8 byte offset → scalar offset, for every byte boundary of the input.
            var scalarIndex = [Int](repeating: 0, count: utf8.count + 1)
            var scalars = 0
            for k in 0..<utf8.count {
                scalarIndex[k] = scalars
                if utf8[k] & 0xC0 != 0x80 { scalars += 1 }
                scalarIndex[k] = scalars - (utf8[k] & 0xC0 != 0x80 ? 1 : 0)
            }
            scalarIndex[utf8.count] = scalars
            let scalarRanges = ranges.map { scalarIndex[$0.lowerBound]..<scalarIndex[$0.upperBound] }
            return NormalizedText(text: String(decoding: output, as: UTF8.self), utf8Ranges: ranges,
                                  scalarRanges: scalarRanges)
        }
    }

    /// Bytes version: the output and, for each output scalar, its input byte range.
    /// Ill-formed input maps each U+FFFD to the bytes it replaced.
    public func normalizeWithOffsets(utf8 input: UnsafeRawBufferPointer) -> (output: [UInt8], utf8Ranges: [Range<Int>]) {
        var output: [UInt8] = []
        var stats = NormalizationStats()
        var log = OffsetLog()
        run(input, appendingTo: &output, stats: &stats, sink: &log)
        let ranges = zip(log.inStarts, log.inEnds).map { $0..<max($0, $1) }
        return (output, ranges)
    }
}
