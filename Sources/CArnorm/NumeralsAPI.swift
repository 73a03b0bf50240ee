// arnorm_numerals: the C face of ArabicNumerals.

import ArabicNumerals

/// What an `arnorm_numerals *` points to: the line function of `NumeralsTransform`.
final class NumeralsHandle: Sendable {
    let apply: @Sendable (String) -> String

    init(_ apply: @escaping @Sendable (String) -> String) { self.apply = apply }

    var opaque: OpaquePointer { OpaquePointer(Unmanaged.passRetained(self).toOpaque()) }

    static func from(_ p: OpaquePointer?) -> NumeralsHandle? {
        guard let p else { return nil }
        return Unmanaged<NumeralsHandle>.fromOpaque(UnsafeRawPointer(p)).takeUnretainedValue()
    }

    /// Applies the transform line by line, as `arnorm numerals` does.
    func convert(_ text: String) -> String {
        guard text.contains("\n") else { return apply(text) }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { apply(String($0)) }.joined(separator: "\n")
    }
}

/// A digit system name.
func parseDigitSystem(_ name: String) throws(OptionError) -> DigitSystem {
    guard let system = DigitSystem(rawValue: name.lowercased()) else {
        throw OptionError(message: "unknown digit system '\(name)' (known: \(DigitSystem.allCases.map(\.rawValue).joined(separator: ", ")))")
    }
    return system
}

/// A speller from "feminine" and "case=…" in `options`.
func parseSpeller(_ options: OptionList) throws(OptionError) -> NumberSpeller {
    var grammaticalCase = NumberCase.nominative
    if let name = options.values["case"] {
        guard let c = NumberCase(rawValue: name.lowercased()) else {
            throw OptionError(message: "unknown case '\(name)' (known: \(NumberCase.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        grammaticalCase = c
    }
    return NumberSpeller(gender: options.flags.contains("feminine") ? .feminine : .masculine, case: grammaticalCase)
}

/// A numerals converter for `arnorm numerals` options, or NULL and a message.
/// C: `arnorm_numerals_new` in arnorm.h.
@_cdecl("arnorm_numerals_new")
public func arnorm_numerals_new(_ options: UnsafePointer<CChar>?, _ errorOut: CStringOut?) -> OpaquePointer? {
    errorOut?.pointee = nil
    do throws(OptionError) {
        let o = try OptionList(options, flags: ["words-to-digits", "ordinals", "fractions", "digits-to-words", "feminine"],
                               keys: ["case", "digits", "dialect"])
        let wordsToDigits = o.flags.contains("words-to-digits")
        let digitsToWords = o.flags.contains("digits-to-words")
        var digits: DigitSystem?
        if let name = o.values["digits"] { digits = try parseDigitSystem(name) }
        if digits == nil && !wordsToDigits && !digitsToWords {
            throw OptionError(message: "choose at least one of words-to-digits, digits-to-words, digits=SYSTEM")
        }
        if wordsToDigits && digitsToWords {
            throw OptionError(message: "words-to-digits and digits-to-words go in opposite directions; use one")
        }
        var dialect = Dialect.auto
        if let name = o.values["dialect"] {
            guard let d = Dialect(rawValue: name.lowercased()) else {
                throw OptionError(message: "unknown dialect '\(name)' (known: \(Dialect.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            dialect = d
        }
        if (o.flags.contains("ordinals") || o.flags.contains("fractions") || o.values["dialect"] != nil) && !wordsToDigits {
            throw OptionError(message: "ordinals, fractions and dialect need words-to-digits")
        }
        if (o.flags.contains("feminine") || o.values["case"] != nil) && !digitsToWords {
            throw OptionError(message: "feminine and case need digits-to-words")
        }
        let transform = NumeralsTransform(
            wordsToDigits: wordsToDigits
                ? NumberWordsOptions(ordinals: o.flags.contains("ordinals"), fractions: o.flags.contains("fractions"),
                                     dialect: dialect) : nil,
            digitsToWords: digitsToWords ? try parseSpeller(o) : nil,
            digits: digits)
        return NumeralsHandle(transform.makeFunction()).opaque
    } catch {
        report(error.message, errorOut)
        return nil
    }
}

/// Releases a numerals handle (NULL allowed).
/// C: `arnorm_numerals_free` in arnorm.h.
@_cdecl("arnorm_numerals_free")
public func arnorm_numerals_free(_ c: OpaquePointer?) {
    guard let c else { return }
    Unmanaged<NumeralsHandle>.fromOpaque(UnsafeRawPointer(c)).release()
}

/// Converts the numerals of a text, line by line, into a malloc'd buffer.
/// C: `arnorm_numerals_convert` in arnorm.h.
@_cdecl("arnorm_numerals_convert")
public func arnorm_numerals_convert(_ c: OpaquePointer?, _ utf8: UnsafePointer<CChar>?, _ len: Int,
                                    _ out: CStringOut?, _ outLen: UnsafeMutablePointer<Int>?) -> Int32 {
    guard let out else { return Status.argument }
    out.pointee = nil
    guard let handle = NumeralsHandle.from(c), let text = inputString(utf8, len) else { return Status.argument }
    return deliver(handle.convert(text), out, outLen)
}

/// The MSA words for a number; ARNORM_ERR_NO_VALUE outside 0…NumberSpeller.maximum.
/// C: `arnorm_spell_number` in arnorm.h.
@_cdecl("arnorm_spell_number")
public func arnorm_spell_number(_ value: Int64, _ options: UnsafePointer<CChar>?, _ out: CStringOut?,
                                _ outLen: UnsafeMutablePointer<Int>?) -> Int32 {
    guard let out else { return Status.argument }
    out.pointee = nil
    guard let o = try? OptionList(options, flags: ["feminine"], keys: ["case"]),
          let speller = try? parseSpeller(o) else { return Status.argument }
    guard let words = speller.spell(value) else { return Status.noValue }
    return deliver(words, out, outLen)
}

/// The value of a phrase that is exactly one number expression, as numerator/denominator.
/// C: `arnorm_number_value` in arnorm.h.
@_cdecl("arnorm_number_value")
public func arnorm_number_value(_ utf8: UnsafePointer<CChar>?, _ len: Int, _ options: UnsafePointer<CChar>?,
                                _ numerator: UnsafeMutablePointer<Int64>?,
                                _ denominator: UnsafeMutablePointer<Int64>?) -> Int32 {
    guard let text = inputString(utf8, len), let numerator, let denominator,
          let o = try? OptionList(options, flags: ["ordinals", "fractions"], keys: []) else { return Status.argument }
    let parser = NumberWordsParser(options: NumberWordsOptions(ordinals: o.flags.contains("ordinals"),
                                                               fractions: o.flags.contains("fractions")))
    guard let value = parser.value(of: text) else { return Status.noValue }
    guard let n = value.numerator else { return Status.range }    // (beyond 64 bits)
    numerator.pointee = n
    denominator.pointee = value.denominator
    return Status.ok
}
