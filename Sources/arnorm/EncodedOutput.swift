import ArabicNormalizer
import Foundation

/// `--in-place --keep-encoding`: the UTF-8 output written back in the encoding the file was read
/// in, its byte order mark first when it had one. A character the encoding cannot hold stops the
/// file (it is left as it was): nothing is substituted.
final class EncodedOutput: OutputSink {
    private let sink: OutputSink
    private let encoder: TextEncoder
    private let path: String
    private var byteOrderMark: [UInt8]
    private var encoded: [UInt8] = []

    init(_ sink: OutputSink, encoding: TextEncoding, byteOrderMark: Bool, path: String) throws(CLIError) {
        guard let encoder = TextEncoder(encoding) else {
            throw CLIError("cannot write '\(path)' back in \(encoding.name): ICU has no converter for it")
        }
        self.sink = sink
        self.encoder = encoder
        self.path = path
        self.byteOrderMark = byteOrderMark ? encoding.byteOrderMark : []
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(CLIError) {
        encoded.removeAll(keepingCapacity: true)
        encoded += byteOrderMark
        byteOrderMark = []
        do {
            try encoder.encode(bytes, appendingTo: &encoded)
        } catch {
            let code = String(error.scalar.value, radix: 16, uppercase: true)
            throw CLIError("cannot write '\(path)' back in \(encoder.encoding.name): U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code) has no mapping in it; the file is left as it was (without --keep-encoding it is written as UTF-8)")
        }
        try sink.write(owned: encoded)
    }

    func commit() throws(CLIError) {
        if !byteOrderMark.isEmpty {
            try sink.write(owned: byteOrderMark)
            byteOrderMark = []
        }
        try sink.commit()
    }

    func abort() { sink.abort() }
}
