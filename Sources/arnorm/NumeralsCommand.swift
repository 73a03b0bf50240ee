import ArgumentParser
import ArabicNumerals
import Foundation

extension DigitSystem: ExpressibleByArgument {}
extension NumberCase: ExpressibleByArgument {}
extension Dialect: ExpressibleByArgument {}

/// `arnorm numerals`: digit systems, number words → digits, digits → words, line by line.
struct NumeralsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "numerals",
        abstract: "Convert Arabic numerals and number words.",
        discussion: """
            Reads the FILEs (or standard input) line by line and writes the result to standard output.
            Steps run in this order: --words-to-digits, --digits-to-words, --digits.
            Examples:
              echo 'قتل نحو خمسين من المسلحين' | arnorm numerals --words-to-digits
              echo '91% و1234567.89' | arnorm numerals --digits arabic
              echo 'قتل 47 عنصرًا' | arnorm numerals --digits-to-words --feminine
              echo 'دفعت ربعمية وخمسين جنيه' | arnorm numerals --words-to-digits --dialect egy
            A number expression is converted whole, to the exact value it denotes, or left as written.
            """)

    @Option(name: .long, help: "Write every number in this digit system.")
    var digits: DigitSystem?

    @Flag(name: .long, help: "Replace number words with digits (خمسمئة وثلاث وعشرون → 523).")
    var wordsToDigits = false

    @Flag(name: .long, help: "Also convert ordinals (الحادي عشر → 11); with --words-to-digits.")
    var ordinals = false

    @Flag(name: .long, help: "Also convert simple fractions (نصف → 0.5, ثلاثة أرباع → 0.75); with --words-to-digits.")
    var fractions = false

    @Option(name: .long, help: """
        Dialect number forms read by --words-to-digits: auto (every dialect, forms that are also \
        ordinary words only inside a longer number), msa, egy, lev, glf, mgr.
        """)
    var dialect: Dialect = .auto

    @Flag(name: .long, help: "Replace numbers written in digits with MSA words (-5 → سالب خمسة, 5% → خمسة بالمئة).")
    var digitsToWords = false

    @Flag(name: .long, help: "Feminine forms for --digits-to-words (ثلاث instead of ثلاثة).")
    var feminine = false

    @Option(name: .long, help: "Grammatical case for --digits-to-words.")
    var `case`: NumberCase = .nominative

    @OptionGroup var io: IOOptions

    func validate() throws {
        if digits == nil && !wordsToDigits && !digitsToWords {
            throw ValidationError("Choose at least one of --digits, --words-to-digits, --digits-to-words.")
        }
        if wordsToDigits && digitsToWords {
            throw ValidationError("--words-to-digits and --digits-to-words go in opposite directions; use one.")
        }
        if (ordinals || fractions || dialect != .auto) && !wordsToDigits {
            throw ValidationError("--ordinals, --fractions and --dialect need --words-to-digits.")
        }
        if (feminine || `case` != .nominative) && !digitsToWords {
            throw ValidationError("--feminine and --case need --digits-to-words.")
        }
    }

    /// The per-line transform for these options (also usable with `LineFunctionTransform`).
    func transform() -> @Sendable (String) -> String {
        NumeralsTransform(
            wordsToDigits: wordsToDigits
                ? NumberWordsOptions(ordinals: ordinals, fractions: fractions, dialect: dialect) : nil,
            digitsToWords: digitsToWords ? NumberSpeller(gender: feminine ? .feminine : .masculine, case: `case`) : nil,
            digits: digits
        ).makeFunction()
    }

    func run() throws {
        try CorpusRunner.runLines(io: io, command: "numerals", transform())
    }
}
