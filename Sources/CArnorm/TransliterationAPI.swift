// arnorm_transliterator: the C face of the ArabicTransliteration schemes.

import ArabicTransliteration

/// What an `arnorm_transliterator *` points to: the forward transliterator and, for the schemes
/// that have one, the way back: the lossless schemes reversed exactly, `names` from Latin
/// spellings to Arabic script as Arabic news writes them.
final class TransliteratorHandle: Sendable {
    let forward: any Transliterator
    let backward: (@Sendable (String) -> String)?

    init(forward: any Transliterator, backward: (@Sendable (String) -> String)?) {
        self.forward = forward
        self.backward = backward
    }

    var opaque: OpaquePointer { OpaquePointer(Unmanaged.passRetained(self).toOpaque()) }

    static func from(_ p: OpaquePointer?) -> TransliteratorHandle? {
        guard let p else { return nil }
        return Unmanaged<TransliteratorHandle>.fromOpaque(UnsafeRawPointer(p)).takeUnretainedValue()
    }

    /// Builds the transliterator for a scheme name and option list.
    static func make(scheme name: String, options p: UnsafePointer<CChar>?) throws(OptionError) -> TransliteratorHandle {
        guard let scheme = TransliterationScheme(rawValue: name.lowercased()) else {
            let known = TransliterationScheme.allCases.map(\.rawValue).joined(separator: ", ")
            throw OptionError(message: "unknown scheme '\(name)' (known: \(known))")
        }
        if let lossless = LosslessScheme(rawValue: scheme.rawValue) {
            let options = try OptionList(p, flags: ["escape"], keys: [])
            let t = LosslessTransliterator(lossless, escapesCollisions: options.flags.contains("escape"))
            return TransliteratorHandle(forward: t, backward: { t.reverse($0) })
        }
        if scheme == .names {
            let options = try OptionList(p, flags: [], keys: ["variants", "article"])
            var t = NameTransliterator()
            if let v = options.values["variants"] {
                guard let count = Int(v), count >= 1 else {
                    throw OptionError(message: "variants must be a whole number of at least 1, not '\(v)'")
                }
                t.variants = count
            }
            switch options.values["article"] {
            case nil, "al": t.article = .al
            case "Al": t.article = .alCapital
            case "el": t.article = .el
            case "none": t.article = .none
            case "assimilated": t.assimilatesSunLetters = true
            case let other?:
                throw OptionError(message: "unknown article style '\(other)' (known: al, Al, el, none, assimilated)")
            }
            let latin = LatinNameTransliterator(variants: t.variants)
            return TransliteratorHandle(forward: t, backward: { latin.transliterate($0) })
        }
        _ = try OptionList(p, flags: [], keys: [])
        return TransliteratorHandle(forward: scheme.makeTransliterator(), backward: nil)
    }
}

nonisolated(unsafe) let schemesCString = staticCString(TransliterationScheme.allCases.map(\.rawValue).joined(separator: ","))

/// The transliteration scheme names, comma-separated (static storage).
/// C: `arnorm_translit_schemes` in arnorm.h.
@_cdecl("arnorm_translit_schemes")
public func arnorm_translit_schemes() -> UnsafePointer<CChar> { schemesCString }

/// A transliterator for a scheme and options, or NULL and a message.
/// C: `arnorm_transliterator_new` in arnorm.h.
@_cdecl("arnorm_transliterator_new")
public func arnorm_transliterator_new(_ scheme: UnsafePointer<CChar>?, _ options: UnsafePointer<CChar>?,
                                      _ errorOut: CStringOut?) -> OpaquePointer? {
    errorOut?.pointee = nil
    guard let name = optionalString(scheme) else {
        report("no scheme given", errorOut)
        return nil
    }
    do {
        return try TransliteratorHandle.make(scheme: name, options: options).opaque
    } catch {
        report(error.message, errorOut)
        return nil
    }
}

/// Releases a transliterator handle (NULL allowed).
/// C: `arnorm_transliterator_free` in arnorm.h.
@_cdecl("arnorm_transliterator_free")
public func arnorm_transliterator_free(_ t: OpaquePointer?) {
    guard let t else { return }
    Unmanaged<TransliteratorHandle>.fromOpaque(UnsafeRawPointer(t)).release()
}

/// Transliterates UTF-8 text into a malloc'd buffer.
/// C: `arnorm_transliterate` in arnorm.h.
@_cdecl("arnorm_transliterate")
public func arnorm_transliterate(_ t: OpaquePointer?, _ utf8: UnsafePointer<CChar>?, _ len: Int,
                                 _ out: CStringOut?, _ outLen: UnsafeMutablePointer<Int>?) -> Int32 {
    guard let out else { return Status.argument }
    out.pointee = nil
    guard let handle = TransliteratorHandle.from(t), let text = inputString(utf8, len) else { return Status.argument }
    return deliver(handle.forward.transliterate(text), out, outLen)
}

/// Turns lossless scheme text back into Arabic, or Latin names into Arabic script (`names`);
/// ARNORM_ERR_UNSUPPORTED for the other schemes.
/// C: `arnorm_transliterate_reverse` in arnorm.h.
@_cdecl("arnorm_transliterate_reverse")
public func arnorm_transliterate_reverse(_ t: OpaquePointer?, _ utf8: UnsafePointer<CChar>?, _ len: Int,
                                         _ out: CStringOut?, _ outLen: UnsafeMutablePointer<Int>?) -> Int32 {
    guard let out else { return Status.argument }
    out.pointee = nil
    guard let handle = TransliteratorHandle.from(t), let text = inputString(utf8, len) else { return Status.argument }
    guard let backward = handle.backward else { return Status.unsupported }
    return deliver(backward(text), out, outLen)
}
