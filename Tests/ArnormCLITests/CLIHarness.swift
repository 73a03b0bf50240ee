import Foundation
import TestSupport
import Testing

/// Runs the built `arnorm` binary on temporary files.
enum CLI {
    /// The `arnorm` executable next to the test bundle in the build products directory
    /// (works with `.build` and any `--scratch-path`); `ARNORM_BIN` overrides.
    static let binary: String = {
        if let path = ProcessInfo.processInfo.environment["ARNORM_BIN"] { return path }
        var starts = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0])]
        starts += Bundle.allBundles.map(\.bundleURL)
        for start in starts {
            var dir = start.standardizedFileURL
            for _ in 0..<6 {
                let candidate = dir.appendingPathComponent("arnorm").path
                var isDir: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDir), !isDir.boolValue,
                   FileManager.default.isExecutableFile(atPath: candidate) {
                    return candidate
                }
                dir = dir.deletingLastPathComponent()
            }
        }
        return "arnorm-not-found-build-it-first"
    }()

    struct Result {
        var status: Int32
        var stdoutBytes: [UInt8]
        var stderr: String
        var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
    }

    /// Runs `arnorm arguments…` in `directory`, feeding `stdin`.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL, stdin: [UInt8]? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let outURL = directory.appendingPathComponent(".stdout-\(UUID().uuidString)")
        let errURL = directory.appendingPathComponent(".stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        var inputPipe: Pipe?
        if let stdin {
            let pipe = Pipe()
            process.standardInput = pipe
            inputPipe = pipe
            _ = stdin
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        try process.run()
        if let inputPipe, let stdin {
            let writer = inputPipe.fileHandleForWriting
            let thread = Thread {
                writer.write(Data(stdin))
                try? writer.close()
            }
            thread.start()
        }
        process.waitUntilExit()
        try out.close()
        try err.close()
        let stdoutBytes = try readFileBytes(outURL.path)
        let stderr = String(decoding: try readFileBytes(errURL.path), as: UTF8.self)
        return Result(status: process.terminationStatus, stdoutBytes: stdoutBytes, stderr: stderr)
    }
}

/// A temporary directory, removed when the test ends.
final class TempDir {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("arnorm-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        // Make everything removable again (tests take permissions away).
        if let e = FileManager.default.enumerator(atPath: url.path) {
            for case let p as String in e { chmod(url.appendingPathComponent(p).path, 0o755) }
        }
        try? FileManager.default.removeItem(at: url)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes a file (creating directories), returns its path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let target = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: target)
        return target.path
    }

    func read(_ name: String) throws -> String { String(decoding: try readFileBytes(url.appendingPathComponent(name).path), as: UTF8.self) }
    func bytes(_ name: String) throws -> [UInt8] { try readFileBytes(url.appendingPathComponent(name).path) }

    /// Every entry under the directory, sorted, hidden ones included.
    func listing(_ sub: String = "") throws -> [String] {
        let base = sub.isEmpty ? url : url.appendingPathComponent(sub)
        return (FileManager.default.subpaths(atPath: base.path) ?? []).filter { !$0.contains(".stdout-") && !$0.contains(".stderr-") }.sorted()
    }
}

/// Sample lines with known normalizations (preset standard).
enum Sample {
    static let obfuscated = "خـ.ـسائر   فـ.ـادحة"
    static let obfuscatedStandard = "خسائر فادحة"
    static let vowelled = "مَرْحَبًا بِكُمْ ١٢٣"
    static let vowelledStandard = "مرحبا بكم 123"
    static let vowelledClean = "مَرْحَبًا بِكُمْ ١٢٣"
}
