import ArabicNormalizer
import Foundation

/// What the first bytes of a file say about its encoding when it has no byte order mark: UTF-16
/// or UTF-32 by the pattern of their NUL bytes, a legacy encoding by ICU's charset detector, or
/// binary (NUL bytes in no such pattern).
enum EncodingSniffer {
    /// How much of a file is looked at.
    static let sampleSize = 64 << 10

    /// UTF-16 or UTF-32 without a byte order mark, told by where the NUL bytes are and what the
    /// code units are: text in these encodings has its zero bytes in the high bytes of its units
    /// (ASCII, and the padding of UTF-32) and no control characters but tab, line breaks and form
    /// feed; binary data has zeros anywhere. Nil when the sample has no NUL or is no such text.
    static func unicodeWithoutBOM(_ sample: UnsafeRawBufferPointer) -> TextEncoding? {
        guard sample.count >= 4, memchr(sample.baseAddress!, 0, sample.count) != nil else { return nil }
        func isText(_ c: UInt32) -> Bool {
            if c < 0x20 { return c == 0x09 || c == 0x0A || c == 0x0C || c == 0x0D }
            return c != 0xFFFE && c != 0xFFFF && c <= 0x10FFFF && !(0xD800...0xDFFF).contains(c)
        }
        for (encoding, width, bigEndian) in [(TextEncoding.utf32LE, 4, false), (.utf32BE, 4, true),
                                             (.utf16LE, 2, false), (.utf16BE, 2, true)] {
            let units = sample.count / width
            var ok = units >= 2
            var pendingHigh: UInt32?
            var i = 0
            while ok && i < units {
                var c: UInt32 = 0
                for k in 0..<width {
                    let b = UInt32(sample[i * width + k])
                    c |= bigEndian ? b << (8 * (width - 1 - k)) : b << (8 * k)
                }
                // A zero low byte (U+xx00) is rare in text: zeros belong in the high bytes.
                if c != 0 && c & 0xFF == 0 && c <= 0xFFFF && width == 2 { ok = false; break }
                if width == 2 && (0xD800...0xDBFF).contains(c) {
                    ok = pendingHigh == nil
                    pendingHigh = c
                } else if width == 2 && (0xDC00...0xDFFF).contains(c) {
                    ok = pendingHigh != nil
                    pendingHigh = nil
                } else {
                    ok = pendingHigh == nil && isText(c)
                }
                i += 1
            }
            if ok { return encoding }
        }
        return nil
    }

    /// Whether a sample without a byte order mark is binary: a NUL byte outside the UTF-16/32 patterns.
    static func isBinary(_ sample: UnsafeRawBufferPointer) -> Bool {
        guard let base = sample.baseAddress, memchr(base, 0, sample.count) != nil else { return false }
        return unicodeWithoutBOM(sample) == nil
    }

    /// A hint for a file read as UTF-8 that does not look like UTF-8 ("looks like windows-1256:
    /// try --encoding windows-1256"), or nil. `complete`: the sample is the whole file (otherwise
    /// a character cut at its end is not held against it).
    static func hint(_ sample: UnsafeRawBufferPointer, complete: Bool) -> String? {
        // Well-formed UTF-8 with multibyte characters is UTF-8 with NUL bytes in it, not UTF-16:
        // `a\0b إدلب` passed for UTF-16LE (its units read as CJK), and --in-place refused it.
        if let encoding = unicodeWithoutBOM(sample), !isUTF8WithMultibyte(sample, complete: complete) {
            return "looks like \(encoding.name) without a byte order mark: try --encoding \(encoding.name.lowercased())"
        }
        guard let bad = UTF8Validation.firstInvalid(in: sample), complete || bad < sample.count - 3 else { return nil }
        // UTF-8 with a few bad bytes is not another encoding: it has well-formed multibyte characters.
        var i = 0, multibyte = 0
        while i < sample.count {
            let length = UTF8Validation.sequenceLength(sample, i)
            if length > 1 { multibyte += 1 }
            i += max(length, 1)
        }
        guard multibyte * 4 < UTF8Validation.countInvalid(in: sample) else { return nil }
        // A stray byte or two in ASCII text says nothing about an encoding.
        guard sample.reduce(0, { $0 + ($1 >= 0x80 ? 1 : 0) }) >= 4 else { return nil }
        guard let name = legacyEncoding(sample) else { return nil }
        return "looks like \(name): try --encoding \(name.lowercased())"
    }

    /// Whether the sample is well-formed UTF-8 (a character cut at its end aside, when it is not the
    /// whole file) with at least one multibyte character: text in UTF-16 or UTF-32 hardly ever is.
    static func isUTF8WithMultibyte(_ sample: UnsafeRawBufferPointer, complete: Bool) -> Bool {
        if let bad = UTF8Validation.firstInvalid(in: sample), complete || bad < sample.count - 3 { return false }
        var i = 0
        while i < sample.count {
            let length = UTF8Validation.sequenceLength(sample, i)
            if length > 1 { return true }
            i += max(length, 1)
        }
        return false
    }

    /// The legacy encodings Arabic text is most often found in, tried before ICU's detector (which
    /// takes short Arabic text in them for Hebrew or Latin).
    static let arabicLegacyEncodings = ["windows-1256", "ISO-8859-6", "IBM864", "x-mac-arabic"]

    /// The legacy encoding a sample that is not UTF-8 is most likely in: the Arabic one under which
    /// its bytes above 0x7F read as the most Arabic letters and marks (none of them invalid), or
    /// else ICU's detector's guess when it is fairly confident.
    static func legacyEncoding(_ sample: UnsafeRawBufferPointer) -> String? {
        var best: (name: String, score: Int)?
        // Arabic words are runs of high bytes; accented Latin letters sit between ASCII letters.
        var high = 0, besideLatin = 0
        for i in 0..<sample.count where sample[i] >= 0x80 {
            high += 1
            let before = i > 0 ? sample[i - 1] | 0x20 : 0, after = i + 1 < sample.count ? sample[i + 1] | 0x20 : 0
            if (0x61...0x7A).contains(before) || (0x61...0x7A).contains(after) { besideLatin += 1 }
        }
        let looksArabic = high > 0 && besideLatin * 2 < high
        for name in arabicLegacyEncodings where looksArabic {
            guard let encoding = TextEncoding(name),
                  let decoded = TextDecoder.decode(Array(sample), from: encoding) else { continue }
            var arabic = 0, other = 0
            for scalar in String(decoding: decoded.filter { $0 != 0xFF }, as: UTF8.self).unicodeScalars where scalar.value >= 0x80 {
                if (0x0600...0x06FF).contains(scalar.value) || (0xFE70...0xFEFF).contains(scalar.value) { arabic += 1 } else { other += 1 }
            }
            let invalid = decoded.reduce(0) { $0 + ($1 == 0xFF ? 1 : 0) }
            let score = arabic - 4 * other - 8 * invalid
            if arabic > 0 && score > 0 && score > (best?.score ?? 0) { best = (name, score) }
        }
        if let best { return best.name }
        if high >= 16, let guess = TextEncoding.detect(sample), guess.confidence >= 30, let encoding = TextEncoding(guess.encoding),
           !encoding.isUTF8 {
            return guess.encoding
        }
        return nil
    }
}
