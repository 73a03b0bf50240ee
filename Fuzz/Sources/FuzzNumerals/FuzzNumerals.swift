import ArabicNumerals
import FuzzSupport

/// Byte 0 picks the operation: number words → digits on running text (parse, replace, value, in
/// every dialect mode), digits → words (in text, then back to digits), digit-system conversion, or the
/// round trip n → words → n for an n read from the next bytes (an Int64, or a signed decimal of up to
/// 27 whole digits). Checks match spans, whole-or-nothing and the round trips.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzNumerals(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let choice = input.byte()
    let systems = DigitSystem.allCases
    let genders = NumberGender.allCases, cases = NumberCase.allCases
    let speller = NumberSpeller(gender: genders[Int(choice >> 3) & 1], case: cases[Int(choice >> 4) % 3])

    switch choice & 7 {
    case 0, 1:
        let dialects = Dialect.allCases
        let options = NumberWordsOptions(ordinals: choice & 0x10 != 0, fractions: choice & 0x20 != 0,
                                         digits: systems[Int(choice >> 6) % systems.count],
                                         dialect: dialects[Int(choice >> 3) % dialects.count])
        let parser = NumberWordsParser(options: options)
        let text = String(decoding: input.rest, as: UTF8.self)
        let matches = parser.parse(text)
        let utf8 = Array(text.utf8), scalars = Array(text.unicodeScalars)
        var last = 0
        for m in matches {
            guard m.utf8Range.lowerBound >= last, m.utf8Range.upperBound <= utf8.count,
                  m.scalarRange.upperBound <= scalars.count,
                  String(decoding: utf8[m.utf8Range], as: UTF8.self) == m.text,
                  String(text[m.range]) == m.text
            else { fuzzFailure("match \(m) does not fit the text", input: input.rest) }
            last = m.utf8Range.upperBound
        }
        let replaced = parser.replacingNumberWords(in: text)
        if matches.isEmpty && replaced != text { fuzzFailure("no match but text changed: \(replaced.debugDescription)", input: input.rest) }
        _ = parser.value(of: text)
    case 2:
        // Running text to words and back: never a trap.
        let words = speller.replacingDigits(in: String(decoding: input.rest, as: UTF8.self))
        _ = NumberWordsParser().replacingNumberWords(in: words)
    case 3:
        _ = speller.spell(digits: String(decoding: input.rest, as: UTF8.self))
    case 4:
        let converter = DigitConverter(target: systems[Int(choice >> 3) % systems.count])
        let text = String(decoding: input.rest, as: UTF8.self)
        let converted = converter.convert(text)
        if converted.unicodeScalars.count != text.unicodeScalars.count {
            fuzzFailure("digit conversion changed the scalar count: \(converted.debugDescription)", input: input.rest)
        }
    case 5:
        // A signed decimal of up to 27 whole digits and 18 decimals: words and back give the same value.
        let sign = choice & 0x80 != 0 ? "-" : ""
        let whole = Int(input.byte() % 27) + 1, places = Int(input.byte() % 19)
        var digits = sign
        for _ in 0..<whole { digits += String(Int(input.byte()) % 10) }
        if places > 0 {
            digits += "."
            for _ in 0..<places { digits += String(Int(input.byte()) % 10) }
        }
        guard let words = speller.spell(digits: digits) else { fuzzFailure("spell(digits: \(digits)) is nil", input: input.bytes) }
        let expected = NumberValue(digits.replacingLeadingZeros())
        let value = NumberWordsParser().value(of: words)
        if value != expected {
            fuzzFailure("round trip \(digits) → \(words) → \(value.map(\.description) ?? "nil")", input: input.bytes)
        }
    default:
        var raw: UInt64 = 0
        for _ in 0..<8 { raw = raw << 8 | UInt64(input.byte()) }
        let n = Int64(raw % UInt64(NumberSpeller.maximum + 1))
        guard let words = speller.spell(n) else { fuzzFailure("spell(\(n)) is nil", input: input.bytes) }
        let value = NumberWordsParser().value(of: words)
        if value?.integer != n {
            fuzzFailure("round trip \(n) (\(speller.gender), \(speller.grammaticalCase)) → \(words) → \(value.map(\.description) ?? "nil")",
                        input: input.bytes)
        }
    }
    return 0
}

extension String {
    /// `007.50` → `7.50`, `-00` → `-0`: what `NumberValue(_ text:)` reads is the same number.
    fileprivate func replacingLeadingZeros() -> String {
        var s = Substring(self)
        let sign = s.hasPrefix("-") ? "-" : ""
        if !sign.isEmpty { s = s.dropFirst() }
        while s.count > 1, s.first == "0", s.dropFirst().first != "." { s = s.dropFirst() }
        return sign + s
    }
}
