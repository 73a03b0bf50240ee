/// Character classes and word segmentation shared by the readable schemes.
enum ArabicScript {
    static let fatha: Unicode.Scalar = "\u{064E}"
    static let damma: Unicode.Scalar = "\u{064F}"
    static let kasra: Unicode.Scalar = "\u{0650}"
    static let fathatan: Unicode.Scalar = "\u{064B}"
    static let dammatan: Unicode.Scalar = "\u{064C}"
    static let kasratan: Unicode.Scalar = "\u{064D}"
    static let shadda: Unicode.Scalar = "\u{0651}"
    static let sukun: Unicode.Scalar = "\u{0652}"
    static let daggerAlif: Unicode.Scalar = "\u{0670}"
    static let tatweel: Unicode.Scalar = "\u{0640}"

    /// Letters that assimilate the article's lam.
    static let sunLetters: Set<Unicode.Scalar> = Set("تثدذرزسشصضطظلن".unicodeScalars)

    /// Arabic letters (base characters of words).
    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0621...0x063A, 0x0641...0x064A, 0x0671...0x06D3, 0x06D5, 0x06EE, 0x06EF, 0x06FA...0x06FC, 0x06FF:
            return true
        default:
            return false
        }
    }

    /// Vowel marks and other combining marks used on Arabic letters.
    static func isMark(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0610...0x061A, 0x064B...0x065F, 0x0670, 0x06D6...0x06DC, 0x06DF...0x06E4, 0x06E7, 0x06E8, 0x06EA...0x06ED:
            return true
        default:
            return false
        }
    }

    /// Letters or marks that belong inside an Arabic word (tatweel included).
    static func isWordPart(_ s: Unicode.Scalar) -> Bool {
        isLetter(s) || isMark(s) || s == tatweel || s == "\u{200C}" || s == "\u{200D}"
    }

    /// One letter of a word with the marks written on it.
    struct Unit: Equatable {
        var letter: Unicode.Scalar
        var vowel: Unicode.Scalar?
        var shadda = false
        var sukun = false
    }

    /// Splits a word into letters with their marks; tatweel and joiners are dropped.
    static func units(_ word: Substring.UnicodeScalarView) -> [Unit] {
        var result: [Unit] = []
        for s in word {
            if isLetter(s) {
                result.append(Unit(letter: s))
            } else if !result.isEmpty {
                switch s {
                case shadda: result[result.count - 1].shadda = true
                case sukun: result[result.count - 1].sukun = true
                case fatha, damma, kasra, fathatan, dammatan, kasratan, daggerAlif:
                    result[result.count - 1].vowel = s
                default: break
                }
            }
        }
        return result
    }

    /// A run of text: an Arabic word, or anything else.
    enum Piece {
        case arabic(Substring)
        case other(Substring)
    }

    /// Splits text into Arabic words and the text between them.
    static func pieces(_ text: String) -> [Piece] {
        var result: [Piece] = []
        let scalars = text.unicodeScalars
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let start = i
            let arabic = isWordPart(scalars[i]) && scalars[i] != "\u{200C}" && scalars[i] != "\u{200D}"
            if arabic {
                while i < scalars.endIndex, isWordPart(scalars[i]) { i = scalars.index(after: i) }
                result.append(.arabic(Substring(scalars[start..<i])))
            } else {
                while i < scalars.endIndex, !(isWordPart(scalars[i]) && scalars[i] != "\u{200C}" && scalars[i] != "\u{200D}") {
                    i = scalars.index(after: i)
                }
                result.append(.other(Substring(scalars[start..<i])))
            }
        }
        return result
    }
}
