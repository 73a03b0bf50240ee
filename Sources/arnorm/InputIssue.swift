import Foundation

/// The first problem of one kind in a chunk, and how many there were.
struct InputIssue: Sendable {
    enum Kind: Sendable { case invalidUTF8, badRecord }
    var kind: Kind
    /// Byte offset of the first case in the chunk.
    var offset: Int
    /// Line breaks (`\n`) in the chunk before the first case: its line within the chunk.
    var lineInChunk: Int
    /// What is wrong with the first case ("not valid JSON", "3 columns, the header has 4").
    var message: String
    /// How many cases (sequences replaced, lines or records skipped or copied).
    var count: Int

    /// Adds a case: the first one is kept.
    static func record(_ issue: inout InputIssue?, kind: Kind, chunk: UnsafeRawBufferPointer, offset: Int,
                       message: @autoclosure () -> String, count: Int = 1) {
        if issue == nil {
            issue = InputIssue(kind: kind, offset: offset, lineInChunk: countNewlines(chunk, upTo: offset),
                               message: message(), count: count)
        } else {
            issue!.count += count
        }
    }
}
