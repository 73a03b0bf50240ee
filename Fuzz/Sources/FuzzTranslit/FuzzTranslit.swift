import ArabicTransliteration
import FuzzSupport

/// Every transliteration scheme forward on any text (byte 0 picks the scheme and options; the name
/// key must be capital letters and single spaces); for the
/// four lossless schemes the round trip: `reverse(transliterate(x)) == x` with collision escapes on,
/// and without escapes for text that contains no scheme symbol.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTranslit(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let choice = input.byte()
    let text = String(decoding: input.rest, as: UTF8.self)
    let schemes = TransliterationScheme.allCases
    let scheme = schemes[Int(choice & 15) % schemes.count]

    if let lossless = LosslessScheme(rawValue: scheme.rawValue) {
        let escaping = LosslessTransliterator(lossless, escapesCollisions: true)
        let forward = escaping.transliterate(text)
        let back = escaping.reverse(forward)
        if back != text {
            fuzzFailure("\(lossless) round trip with escapes: \(forward.debugDescription) → \(back.debugDescription)",
                        input: input.rest)
        }
        // Without escapes the round trip holds when the text has no scheme symbol in it.
        let plain = LosslessTransliterator(lossless)
        let table = LosslessTable.table(for: lossless)
        if !text.unicodeScalars.contains(where: { table.backward[$0] != nil }) {
            let plainBack = plain.reverse(plain.transliterate(text))
            if plainBack != text {
                fuzzFailure("\(lossless) round trip (no symbols in text): → \(plainBack.debugDescription)", input: input.rest)
            }
        }
    } else if scheme == .names {
        let articles = NameTransliterator.ArticleStyle.allCases
        let names = NameTransliterator(article: articles[Int(choice >> 3) & 3], assimilatesSunLetters: choice & 0x20 != 0,
                                       variants: Int(choice >> 6) + 1)
        let spellings = names.spellings(text)
        if spellings.isEmpty && !text.isEmpty { fuzzFailure("names: no spelling", input: input.rest) }
        if spellings.count > names.variants { fuzzFailure("names: \(spellings.count) spellings > \(names.variants)", input: input.rest) }
    } else if scheme == .nameKey {
        // A key is capital letters separated by single spaces, whatever the input.
        let key = NameKey().key(text)
        if key.unicodeScalars.contains(where: { !("A"..."Z").contains($0) && $0 != " " }) || key.contains("  ")
            || key.hasPrefix(" ") || key.hasSuffix(" ") {
            fuzzFailure("name-key: \(key.debugDescription)", input: input.rest)
        }
    } else {
        _ = scheme.makeTransliterator().transliterate(text)
    }
    return 0
}
