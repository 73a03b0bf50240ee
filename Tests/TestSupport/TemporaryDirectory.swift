import Foundation

/// A temporary directory for one test, removed when the object goes (permissions given back
/// first: tests take them away).
public final class TemporaryDirectory {
    public let url: URL

    public init(_ label: String = "arnorm-test") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        if let e = FileManager.default.enumerator(atPath: url.path) {
            for case let p as String in e { chmod(url.appendingPathComponent(p).path, 0o755) }
        }
        try? FileManager.default.removeItem(at: url)
    }

    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes a file (creating directories); returns its path.
    @discardableResult
    public func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

    @discardableResult
    public func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let target = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: target)
        return target.path
    }

    public func bytes(_ name: String) throws -> [UInt8] { try readFileBytes(path(name)) }
    public func read(_ name: String) throws -> String { String(decoding: try bytes(name), as: UTF8.self) }

    /// Every entry below `sub`, sorted, hidden ones included (not the harness's captured output).
    public func listing(_ sub: String = "") -> [String] {
        (FileManager.default.subpaths(atPath: sub.isEmpty ? url.path : path(sub)) ?? [])
            .filter { !$0.contains(".stdout-") && !$0.contains(".stderr-") }.sorted()
    }
}
