import CICU

/// The properties of every code point below U+20000, built once on first use; the rest are read on demand.
enum PropertyTable {
    static var tableSize: Int { 0x20000 }

    /// (Filled by ranges of equal values, `cicu_fill_properties`, instead of one ICU lookup per
    /// code point and property, which took most of a process's start-up. The per-code-point
    /// reading stays for code points above the table, and as the test's reference.)
    nonisolated(unsafe) static let table: UnsafeMutablePointer<CharacterProperties> = {
        let table = UnsafeMutablePointer<CharacterProperties>.allocate(capacity: tableSize)
        let flags = UnsafeMutablePointer<UInt32>.allocate(capacity: tableSize)
        let combining = UnsafeMutablePointer<UInt8>.allocate(capacity: tableSize)
        let category = UnsafeMutablePointer<UInt8>.allocate(capacity: tableSize)
        let digit = UnsafeMutablePointer<Int8>.allocate(capacity: tableSize)
        defer { flags.deallocate(); combining.deallocate(); category.deallocate(); digit.deallocate() }
        if cicu_fill_properties(UInt32(tableSize), flags, combining, category, digit) == 0 {
            for c in 0..<tableSize {
                (table + c).initialize(to: CharacterProperties(flags: flags[c], combiningClass: combining[c],
                                                               category: category[c], digitValue: digit[c]))
            }
        } else {
            for c in 0..<UInt32(tableSize) { (table + Int(c)).initialize(to: CharacterProperties(c)) }
        }
        return table
    }()

    @inline(__always)
    static func properties(_ c: UInt32) -> CharacterProperties {
        c < UInt32(tableSize) ? table[Int(c)] : CharacterProperties(c)
    }
}
