import CBlockScan
import Testing
@testable import ArabicNormalizer

/// The block run's byte classes (`BlockRunTables`): never a byte the scalar loop would treat
/// otherwise, and the characters of running text all covered within the eight class bits.
@Suite("block run tables")
struct BlockRunTablesTests {
    /// The 16 bytes of one of the tables' 16-byte fields.
    static func bytes<T>(_ field: T) -> [UInt8] {
        withUnsafeBytes(of: field) { Array($0.prefix(16)) }
    }

    /// ASCII bytes (below 0x80) by class: plain, separator.
    static func asciiClasses(_ t: arn_run_tables) -> (plain: Set<UInt8>, separators: Set<UInt8>) {
        let lo = bytes(t.asciiLo), hi = bytes(t.asciiHi)
        let plainBits = bytes(t.asciiPlain)[0], separatorBits = bytes(t.asciiSeparator)[0]
        var plain = Set<UInt8>(), separators = Set<UInt8>()
        for b in UInt8(0)..<0x80 {
            let cls = lo[Int(b & 15)] & hi[Int(b >> 4)]
            if cls & plainBits != 0 { plain.insert(b) }
            if cls & separatorBits != 0 { separators.insert(b) }
        }
        return (plain, separators)
    }

    /// U+0600–U+06FF by low byte, by class: plain, separator.
    static func arabicClasses(_ t: arn_run_tables) -> (plain: Set<Int>, separators: Set<Int>) {
        let lo = bytes(t.arabicLo), hi = bytes(t.arabicHi)
        let plainBits = bytes(t.arabicPlain)[0], separatorBits = bytes(t.arabicSeparator)[0]
        var plain = Set<Int>(), separators = Set<Int>()
        for low in 0..<256 {
            let cls = lo[low & 15] & hi[low >> 4]
            if cls & plainBits != 0 { plain.insert(low) }
            if cls & separatorBits != 0 { separators.insert(low) }
        }
        return (plain, separators)
    }

    @Test(arguments: Preset.allCases)
    func classesOnlyWhatTheScalarLoopTreatsAlike(_ preset: Preset) {
        let table = ActionTable.table(for: Configuration(preset: preset))
        let t = table.runTables.pointee
        let ascii = Self.asciiClasses(t)
        for b in ascii.plain { #expect(table.plainASCII[Int(b)] && b != 0x0A, "ASCII \(b) classed plain") }
        for b in ascii.separators { #expect(table.separatorASCII[Int(b)], "ASCII \(b) classed as a separator") }
        #expect(ascii.plain.isDisjoint(with: ascii.separators))
        let arabic = Self.arabicClasses(t)
        for low in arabic.plain {
            let pair = (0xD8 + low >> 6) << 8 | (0x80 | low & 0x3F)
            #expect(ActionTable.PairKind.isPlain(table.plainPairs[pair]), "U+06\(String(low, radix: 16)) classed plain")
        }
        for low in arabic.separators {
            let pair = (0xD8 + low >> 6) << 8 | (0x80 | low & 0x3F)
            #expect(table.plainPairs[pair] == ActionTable.PairKind.separator, "U+06\(String(low, radix: 16)) classed as a separator")
        }
    }

    @Test func runningTextIsCoveredInTheStandardPreset() {
        let t = ActionTable.table(for: Configuration(preset: .standard)).runTables.pointee
        let ascii = Self.asciiClasses(t)
        let words = Set(Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8))
        #expect(words.isSubset(of: ascii.plain))
        // The punctuation of running text (de-obfuscation's separators in this preset).
        let punctuation = Set(Array(".,:;?!\"'()-/%".utf8))
        #expect(punctuation.subtracting(ascii.separators).isEmpty,
                "not classed: \(String(decoding: Array(punctuation.subtracting(ascii.separators)).sorted(), as: UTF8.self))")
        let arabic = Self.arabicClasses(t)
        // The letters ء–ي (U+0621–U+064A, less tatweel and the letters folded: أ إ آ ى),
        // and the Arabic comma, semicolon and question mark.
        let letters = Set((0x21...0x4A).filter { ![0x40, 0x22, 0x23, 0x25, 0x49].contains($0) })
        #expect(letters.subtracting(arabic.plain).isEmpty, "not classed: \(letters.subtracting(arabic.plain).sorted())")
        #expect(Set([0x0C, 0x1B, 0x1F]).isSubset(of: arabic.separators))
    }

    /// Kept marks: under `clean` the harakat, tanween, shadda, sukun and superscript
    /// alef are classed (and swapped when out of order; without NFC, never), the classes' combining classes rise with their code points (so that one
    /// comparison of low bytes checks canonical order), and no mark that composes with a letter
    /// (U+0653–U+0655) is among them; under `standard`, which deletes marks, there are none.
    @Test func keptMarksRiseWithTheirCodePointsAndNeverCompose() {
        let clean = ActionTable.table(for: Configuration(preset: .clean)).runTables.pointee
        let lo = Self.bytes(clean.keptLo), hi = Self.bytes(clean.keptHi)
        let members = (0..<256).filter { lo[$0 & 15] & hi[$0 >> 4] != 0 }
        #expect(clean.keptMarks == 2)    // (NFC on: out of order, two harakat are swapped)
        let withoutUnicode = Configuration(preset: .clean, disabling: [Step.unicode])
        #expect(ActionTable.table(for: withoutUnicode).runTables.pointee.keptMarks == 1)
        #expect(Set(0x4B...0x52).union([0x70]).isSubset(of: members), "classed: \(members)")
        #expect(!members.contains { (0x53...0x55).contains($0) })
        let classes = members.map { Unicode.Scalar(UInt32(0x600 + $0))!.properties.canonicalCombiningClass.rawValue }
        #expect(classes == classes.sorted() && !classes.contains(0))
        #expect(ActionTable.table(for: Configuration(preset: .standard)).runTables.pointee.keptMarks == 0)
    }
}
