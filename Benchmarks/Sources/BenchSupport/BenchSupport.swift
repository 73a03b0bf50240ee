import CBaseline
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The benchmark inputs, built by `Benchmarks/make-corpora.py` (nothing big is committed).
public enum Corpora {
    /// Where the generated inputs are: `$ARNORM_BENCH_DIR`, else `/tmp/arnorm-bench`.
    public static var directory: String {
        if let dir = getenv("ARNORM_BENCH_DIR"), let s = String(validatingCString: dir), !s.isEmpty { return s }
        return "/tmp/arnorm-bench"
    }

    /// The four kinds of text every suite runs on.
    public static let names = ["news", "diacritized", "mixed", "obfuscated"]

    /// Reads `name.txt` from the corpus directory, or stops with a message saying how to make it.
    public static func load(_ name: String, maxBytes: Int = .max) -> [UInt8] {
        let path = directory + "/" + name + ".txt"
        guard let bytes = readFile(path, maxBytes: maxBytes) else {
            warn("cannot read \(path): run Benchmarks/make-corpora.py first")
            exit(2)
        }
        return bytes
    }

    /// The whole file, or its first `maxBytes` cut at a line end; nil when it cannot be read.
    public static func readFile(_ path: String, maxBytes: Int = .max) -> [UInt8]? {
        guard let f = fopen(path, "rb") else { return nil }
        defer { fclose(f) }
        fseek(f, 0, SEEK_END)
        let size = ftell(f)
        fseek(f, 0, SEEK_SET)
        guard size >= 0 else { return nil }
        var bytes = [UInt8](repeating: 0, count: size)
        let read = bytes.withUnsafeMutableBytes { fread($0.baseAddress, 1, size, f) }
        guard read == size else { return nil }
        if bytes.count > maxBytes {
            var cut = maxBytes
            while cut > 0 && bytes[cut - 1] != 0x0A { cut -= 1 }
            bytes.removeSubrange((cut > 0 ? cut : maxBytes)...)
        }
        return bytes
    }

    /// Start and end offsets of each line (the newline included), as the CLI feeds them.
    public static func lines(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var start = 0
        for i in bytes.indices where bytes[i] == 0x0A {
            ranges.append(start..<(i + 1))
            start = i + 1
        }
        if start < bytes.count { ranges.append(start..<bytes.count) }
        return ranges
    }
}

/// The C baselines, measured in the same run as the engine.
public enum Baseline {
    /// The hand-written C table pass (the comparable pipeline without NFKC) into `out`
    /// (which must hold `3 * input.count` bytes). Returns the bytes written.
    @inline(never)
    public static func tablePass(_ input: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) -> Int {
        cbaseline_normalize(input.baseAddress!.assumingMemoryBound(to: UInt8.self), input.count,
                            out.baseAddress!.assumingMemoryBound(to: UInt8.self))
    }

    /// The C table pass with the `search` preset's letter maps too (teh marbuta, hamza seats,
    /// Persian letters): the baseline of `search`.
    @inline(never)
    public static func tablePassSearch(_ input: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) -> Int {
        cbaseline_normalize_search(input.baseAddress!.assumingMemoryBound(to: UInt8.self), input.count,
                                   out.baseAddress!.assumingMemoryBound(to: UInt8.self))
    }

    /// memcpy of the input into `out`.
    @inline(never)
    public static func copy(_ input: UnsafeRawBufferPointer, into out: UnsafeMutableRawBufferPointer) -> Int {
        cbaseline_copy(input.baseAddress!.assumingMemoryBound(to: UInt8.self), input.count,
                       out.baseAddress!.assumingMemoryBound(to: UInt8.self))
    }
}

/// Monotonic time in nanoseconds.
public func monotonicNanoseconds() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// The median of some values.
public func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// Writes a message to standard error.
public func warn(_ message: String) {
    var m = message
    if !m.hasSuffix("\n") { m += "\n" }
    m.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

/// `x` with `decimals` digits after the point (no Foundation needed).
public func fixed(_ x: Double, _ decimals: Int = 0) -> String {
    guard x.isFinite else { return "n/a" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let r = (abs(x) * scale).rounded()
    let whole = Int(r / scale)
    var s = String(whole)
    if decimals > 0 {
        let frac = Int(r - Double(whole) * scale)
        let f = String(frac)
        s += "." + String(repeating: "0", count: decimals - f.count) + f
    }
    return (x < 0 && r != 0 ? "-" : "") + s
}

/// `s` padded with spaces on the left (`right: true`) or on the right to `width`.
public func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
    let n = s.count
    guard n < width else { return s }
    let fill = String(repeating: " ", count: width - n)
    return right ? fill + s : s + fill
}

/// Fixed-size pieces of a corpus, the unit of one benchmark iteration: throughput in
/// iterations per second is then MiB/s of input when `chunkBytes` is 1 MiB.
public struct CorpusChunks: @unchecked Sendable {
    /// The pieces, each a whole number of UTF-8 characters (cut before a continuation byte).
    public let chunks: [UnsafeRawBufferPointer]
    /// Each piece cut at a line end instead, as `String` lines (for the `String` APIs).
    public let lineChunks: [[String]]
    /// The bytes of one piece (the nominal size; pieces are within 3 bytes of it).
    public let chunkBytes: Int

    /// `count` consecutive pieces of `chunkBytes` from the corpus (memory kept for the process).
    public init(_ name: String, chunkBytes: Int = 1 << 20, count: Int = 8) {
        let bytes = Corpora.load(name, maxBytes: chunkBytes * count + 4096)
        self.chunkBytes = chunkBytes
        let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 64)
        storage.copyBytes(from: bytes)
        var chunks: [UnsafeRawBufferPointer] = []
        var lineChunks: [[String]] = []
        var start = 0
        while start + chunkBytes <= bytes.count && chunks.count < count {
            var end = start + chunkBytes
            while end > start && bytes[end] & 0xC0 == 0x80 { end -= 1 }
            chunks.append(UnsafeRawBufferPointer(rebasing: storage[start..<end]))
            var lineEnd = end
            while lineEnd > start && bytes[lineEnd - 1] != 0x0A { lineEnd -= 1 }
            let text = String(decoding: bytes[start..<lineEnd], as: UTF8.self)
            lineChunks.append(text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
            start = end
        }
        if chunks.isEmpty {
            chunks.append(UnsafeRawBufferPointer(storage))
            lineChunks.append(String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init))
        }
        self.chunks = chunks
        self.lineChunks = lineChunks
    }

    /// Line ranges inside each piece (for feeding one line per call).
    public func lineRanges(_ k: Int) -> [Range<Int>] {
        let c = chunks[k]
        var ranges: [Range<Int>] = []
        var s = 0
        for i in 0..<c.count where c[i] == 0x0A {
            ranges.append(s..<(i + 1))
            s = i + 1
        }
        if s < c.count { ranges.append(s..<c.count) }
        return ranges
    }
}

/// Carries a value the benchmark closures share but never mutate concurrently.
public struct UncheckedBox<T>: @unchecked Sendable {
    public let value: T
    public init(_ value: T) { self.value = value }
}
