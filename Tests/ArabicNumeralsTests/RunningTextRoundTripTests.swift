import Foundation
import Testing
@testable import ArabicNumerals

/// Running text: a text with integers, decimals, percentages, negatives, ranges, years, phone-like
/// digit strings and times, turned to words and back, gives the original numbers (generated texts,
/// both genders, every case).
@Suite struct RunningTextRoundTripTests {
    struct Generator {
        var x: UInt64
        mutating func next() -> UInt64 { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x }
        mutating func below(_ n: UInt64) -> UInt64 { next() % n }

        mutating func integer() -> String {
            switch below(5) {
            case 0: return String(below(10))
            case 1: return String(below(100))
            case 2: return String(below(10_000))
            case 3: return String(below(10_000_000))
            default: return String(below(1_000_000_000_000_000))
            }
        }

        mutating func decimal() -> String {
            let places = Int(below(5)) + 1
            var frac = (0..<places).map { _ in String(below(10)) }.joined()
            if frac.hasSuffix("0") { frac.removeLast(); frac += String(below(9) + 1) }
            return "\(below(1000)).\(frac)"
        }

        /// A piece of text and what words → digits must give back for it.
        mutating func piece() -> (text: String, back: String) {
            switch below(11) {
            case 0: let n = integer(); return ("بلغ العدد \(n) هذا العام", "بلغ العدد \(n) هذا العام")
            case 1: let d = decimal(); return ("بنسبة \(d) تقريبا", "بنسبة \(d) تقريبا")
            case 2: let n = integer(); return ("ارتفع \(n)% أمس", "ارتفع \(n) بالمئة أمس")
            case 3:
                let n = String(below(1000) + 1)
                return ("درجة الحرارة -\(n) اليوم", "درجة الحرارة -\(n) اليوم")
            case 4:
                let a = below(500), b = a + below(500) + 1
                return ("من \(a) إلى \(b) شخصا", "من \(a) إلى \(b) شخصا")
            case 5: let y = 1900 + below(200); return ("في عام \(y) ميلادي", "في عام \(y) ميلادي")
            case 6:
                let phone = "09\(below(100_000_000) + 10_000_000)"
                return ("اتصل على \(phone) الآن", "اتصل على \(phone) الآن")
            case 7:
                let m = below(60)
                let t = "\(below(24)):\(m < 10 ? "0" : "")\(m)"
                return ("الساعة \(t) مساء", "الساعة \(t) مساء")
            case 8:
                let p = "05\(below(10)) \(below(900) + 100) \(below(9000) + 1000)"
                return ("رقم \(p) للطوارئ", "رقم \(p) للطوارئ")
            case 9:
                let a = integer(), b = integer()
                // Spelled, or kept in digits when the words would read as one number: either way the same.
                return ("بين \(a) و\(b) كتابا", "بين \(a) و\(b) كتابا")
            default:
                let d = decimal()
                return ("انخفض -\(d)% في الربع", "انخفض -\(d) بالمئة في الربع")
            }
        }
    }

    @Test(arguments: NumberGender.allCases, NumberCase.allCases)
    func generatedTexts(gender: NumberGender, grammaticalCase: NumberCase) {
        let speller = NumberSpeller(gender: gender, case: grammaticalCase)
        let parser = NumberWordsParser()
        var g = Generator(x: 0x5DEE_CE66_D1CE_4E5B ^ UInt64(gender == .feminine ? 1 : 2) << UInt64(grammaticalCase.column))
        var failures: [String] = []
        for _ in 0..<400 {
            var text: [String] = [], back: [String] = []
            for _ in 0..<(Int(g.below(4)) + 1) {
                let p = g.piece()
                text.append(p.text)
                back.append(p.back)
            }
            let original = text.joined(separator: "، ")
            let words = speller.replacingDigits(in: original)
            let result = parser.replacingNumberWords(in: words)
            let expected = back.joined(separator: "، ")
            if result != expected { failures.append("\(original)\n  → \(words)\n  → \(result)\n  ≠ \(expected)") }
        }
        #expect(failures.isEmpty, "\(failures.count) failures, first: \(failures.first ?? "")")
    }
}
