import CICU

/// The bridge to ICU: the only Swift file that calls the C shim's normalization functions.
enum ICU {
    /// A normalization form as the shim knows it.
    enum Form {
        case nfc, nfkc, nfd, nfkd
        var raw: cicu_form {
            switch self {
            case .nfc: return CICU_NFC
            case .nfkc: return CICU_NFKC
            case .nfd: return CICU_NFD
            case .nfkd: return CICU_NFKD
            }
        }
    }

    /// Normalizes UTF-8 bytes with ICU, replacing `scratch`'s contents with the result.
    /// Invalid sequences become U+FFFD. Never fails for valid input; on an ICU error the input is copied.
    static func normalize(_ input: UnsafeBufferPointer<UInt8>, form: Form, into scratch: inout [UInt8]) {
        let count = input.count
        guard count > 0 else { scratch.removeAll(keepingCapacity: true); return }
        var capacity = max(count * 3, 64)
        while true {
            if scratch.count < capacity {
                // (Grown in place when the capacity is there: a segment's result usually leaves
                // `scratch` shorter than the next call asks for.)
                if scratch.capacity >= capacity {
                    scratch.append(contentsOf: repeatElement(0, count: capacity - scratch.count))
                } else {
                    scratch = [UInt8](repeating: 0, count: capacity)
                }
            }
            let needed = scratch.withUnsafeMutableBufferPointer { dst in
                input.withMemoryRebound(to: CChar.self) { src in
                    dst.withMemoryRebound(to: CChar.self) { out in
                        cicu_normalize_utf8(form.raw, src.baseAddress, Int32(count), out.baseAddress, Int32(out.count))
                    }
                }
            }
            if needed < 0 {  // ICU error: keep the text as it was rather than lose it
                scratch = Array(input)
                return
            }
            if Int(needed) <= scratch.count {
                scratch.removeSubrange(Int(needed)...)
                return
            }
            capacity = Int(needed)
        }
    }

    /// Normalizes a whole string with ICU (used by the reference path and tests).
    static func normalize(_ text: String, form: Form) -> String {
        var bytes = Array(text.utf8)
        var out: [UInt8] = []
        bytes.withUnsafeBufferPointer { normalize($0, form: form, into: &out) }
        bytes = out
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The Unicode version of the linked ICU data.
    static var unicodeVersion: String {
        var buffer = [CChar](repeating: 0, count: 32)
        cicu_unicode_version(&buffer, 32)
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
