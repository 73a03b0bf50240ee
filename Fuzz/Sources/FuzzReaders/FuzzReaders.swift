// Built from Fuzz/out/readers-src, where run.sh links this file next to the CLI's sources
// (Sources/arnorm, all but the @main file): the readers are internal to the executable target.
import ArabicNormalizer

/// The JSONL and CSV/TSV readers of `arnorm normalize`. Byte 0: bit 0 JSONL or CSV, bit 1 TSV,
/// bit 2 a real normalizer (`search`) instead of one with no steps, bit 3 only the first field/column,
/// bits 4–5 the invalid-input policy. Checks: no crash; with no steps and valid UTF-8 the output is the
/// input byte for byte (every reader promises to copy what the transform leaves unchanged); bytes in
/// are counted; JSONL keeps the line count; the same bytes cut into two chunks at the reader's own
/// record boundary give the same output as one chunk.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzReaders(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let choice = data[0]
    let body = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    let identity = choice & 4 == 0
    let normalizer = identity ? Normalizer(Configuration(preset: nil, steps: [])) : Normalizer(preset: .search)
    let transform = NormalizerTransform(normalizer: normalizer)
    let policies = InvalidPolicy.allCases
    let policy = policies[Int(choice >> 4) % policies.count]
    let valid = String(validatingUTF8: Array(body).map { CChar(bitPattern: $0) } + [0]) != nil && !body.contains(0)

    let processor: any ChunkProcessor
    let isJSONL = choice & 1 == 0
    let delimiter: UInt8 = choice & 2 != 0 ? 0x09 : 0x2C
    if isJSONL {
        processor = JSONLProcessor(transform: transform, policy: policy, fields: choice & 8 != 0 ? [["text"]] : [],
                                   explain: false)
    } else {
        let parser = CSVParser(delimiter: delimiter)
        let names = parser.header(body)
        processor = CSVProcessor(transform: transform, policy: policy, parser: parser,
                                 columns: choice & 8 != 0 ? [0] : nil, width: max(names.count, 1), names: names,
                                 explain: false)
    }
    let whole = processor.process(body, isFirst: true, isLast: true)
    func fail(_ what: String) -> Never {
        fatalError("FUZZ FAILURE: \(isJSONL ? "jsonl" : "csv") \(what)\ninput (text): \(String(decoding: body, as: UTF8.self).debugDescription)\noutput (text): \(String(decoding: whole.output, as: UTF8.self).debugDescription)")
    }
    if identity && valid && policy != .skip && whole.output != Array(body) {
        fail("with no steps the output is not the input")
    }
    if whole.badRecords == nil && whole.invalid == nil && whole.stats.bytesIn != body.count {
        fail("bytesIn \(whole.stats.bytesIn) for \(body.count) bytes")
    }
    if isJSONL && policy != .skip && whole.output.lazy.filter({ $0 == 0x0A }).count != body.lazy.filter({ $0 == 0x0A }).count {
        fail("line count changed")
    }
    // Cut at the last record boundary the reader itself would choose, and process the two chunks.
    let cut: Int?
    if isJSONL {
        cut = body.lastIndex(of: 0x0A).map { $0 + 1 }
    } else {
        var boundary = CSVBoundary(delimiter: delimiter)
        cut = boundary.lastBoundary(in: body)
    }
    if let cut, cut > 0, cut < body.count {
        let first = processor.process(UnsafeRawBufferPointer(rebasing: body[..<cut]), isFirst: true, isLast: false)
        let second = processor.process(UnsafeRawBufferPointer(rebasing: body[cut...]), isFirst: false, isLast: true)
        if first.output + second.output != whole.output {
            fail("cut at \(cut) gives \(String(decoding: first.output + second.output, as: UTF8.self).debugDescription)")
        }
    }
    return 0
}
