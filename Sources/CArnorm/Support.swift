// Memory, strings and option lists shared by the C entry points.
//
// Everything the library hands to C is allocated with malloc and released by `arnorm_free`
// (plain `free`), so a caller in any language frees it the same way.

import ArnormCHeaders
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `char **` as Swift sees it.
public typealias CStringOut = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>

enum Status {
    static let ok = Int32(ARNORM_OK)
    static let argument = Int32(ARNORM_ERR_ARGUMENT)
    static let memory = Int32(ARNORM_ERR_MEMORY)
    static let unsupported = Int32(ARNORM_ERR_UNSUPPORTED)
    static let noValue = Int32(ARNORM_ERR_NO_VALUE)
    static let space = Int32(ARNORM_ERR_SPACE)
    static let range = Int32(ARNORM_ERR_RANGE)
}

/// A malloc'd, NUL-terminated copy of `bytes` (never NULL unless malloc fails).
func mallocCopy(_ bytes: UnsafeRawBufferPointer) -> UnsafeMutablePointer<CChar>? {
    guard let p = malloc(bytes.count + 1) else { return nil }
    if let base = bytes.baseAddress, bytes.count > 0 { memcpy(p, base, bytes.count) }
    p.storeBytes(of: 0, toByteOffset: bytes.count, as: UInt8.self)
    return p.assumingMemoryBound(to: CChar.self)
}

/// A malloc'd C string for a Swift string.
func mallocCopy(_ string: String) -> UnsafeMutablePointer<CChar>? {
    var s = string
    return s.withUTF8 { mallocCopy(UnsafeRawBufferPointer($0)) }
}

/// Stores `bytes` in `*out` / `*outLen`; the status to return.
func deliver(_ bytes: UnsafeRawBufferPointer, _ out: CStringOut, _ outLen: UnsafeMutablePointer<Int>?) -> Int32 {
    guard let copy = mallocCopy(bytes) else {
        out.pointee = nil
        return Status.memory
    }
    out.pointee = copy
    outLen?.pointee = bytes.count
    return Status.ok
}

func deliver(_ string: String, _ out: CStringOut, _ outLen: UnsafeMutablePointer<Int>?) -> Int32 {
    var s = string
    return s.withUTF8 { deliver(UnsafeRawBufferPointer($0), out, outLen) }
}

/// Stores a message in `*error` when the caller asked for one.
func report(_ message: String, _ error: CStringOut?) {
    error?.pointee = mallocCopy(message)
}

/// The input buffer: NULL is allowed only with length 0.
func inputBuffer(_ utf8: UnsafePointer<CChar>?, _ len: Int) -> UnsafeRawBufferPointer? {
    if len == 0 { return UnsafeRawBufferPointer(start: nil, count: 0) }
    guard let utf8, len > 0 else { return nil }
    return UnsafeRawBufferPointer(start: utf8, count: len)
}

/// The input as a String (ill-formed sequences become U+FFFD).
func inputString(_ utf8: UnsafePointer<CChar>?, _ len: Int) -> String? {
    guard let buffer = inputBuffer(utf8, len) else { return nil }
    return String(decoding: buffer, as: UTF8.self)
}

/// A C string argument that may be NULL.
func optionalString(_ p: UnsafePointer<CChar>?) -> String? {
    p.map { String(decoding: UnsafeRawBufferPointer(start: $0, count: strlen($0)), as: UTF8.self) }
}

/// The items of a list separated by commas or white space; NULL and "" give none.
func listItems(_ p: UnsafePointer<CChar>?) -> [String] {
    guard let text = optionalString(p) else { return [] }
    return text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
}

/// Option names compare without case, dashes and underscores (`keep-shadda` = `keep_shadda`).
func squeezed(_ name: some StringProtocol) -> String {
    String(name.lowercased().filter { $0 != "-" && $0 != "_" })
}

/// An option list parsed into flags and `key=value` pairs, checked against what is allowed.
struct OptionList {
    var flags: Set<String> = []
    var values: [String: String] = [:]

    /// Parses `p`; throws a message naming the first option not in `flags`/`keys`.
    init(_ p: UnsafePointer<CChar>?, flags allowedFlags: [String], keys allowedKeys: [String]) throws(OptionError) {
        let flagNames = Dictionary(uniqueKeysWithValues: allowedFlags.map { (squeezed($0), $0) })
        let keyNames = Dictionary(uniqueKeysWithValues: allowedKeys.map { (squeezed($0), $0) })
        for item in listItems(p) {
            if let eq = item.firstIndex(of: "=") {
                guard let key = keyNames[squeezed(item[..<eq])] else {
                    throw OptionError(message: "unknown option '\(item)'" + Self.known(allowedFlags, allowedKeys))
                }
                values[key] = String(item[item.index(after: eq)...])
            } else {
                guard let flag = flagNames[squeezed(item)] else {
                    throw OptionError(message: "unknown option '\(item)'" + Self.known(allowedFlags, allowedKeys))
                }
                flags.insert(flag)
            }
        }
    }

    static func known(_ flags: [String], _ keys: [String]) -> String {
        let all = flags + keys.map { $0 + "=…" }
        return all.isEmpty ? " (none are taken here)" : " (known: \(all.joined(separator: ", ")))"
    }
}

struct OptionError: Error {
    var message: String
}

/// A static C string (never freed), for the name lists.
func staticCString(_ s: String) -> UnsafePointer<CChar> {
    UnsafePointer(mallocCopy(s)!)
}

/// The version of the toolkit this library was built from (kept in step with `arnorm --version`).
nonisolated(unsafe) let versionCString = staticCString("0.1.0")

/// The toolkit version (static storage).
/// C: `arnorm_version` in arnorm.h.
@_cdecl("arnorm_version")
public func arnorm_version() -> UnsafePointer<CChar> {
    versionCString
}

/// Frees a buffer, offset array or message the library returned (NULL allowed).
/// C: `arnorm_free` in arnorm.h.
@_cdecl("arnorm_free")
public func arnorm_free(_ p: UnsafeMutableRawPointer?) {
    free(p)
}
