import Foundation
import TestSupport
import Testing

/// The repository root (this file is Tests/ReliabilityTests/Harness.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Runs the built `arnorm` binary (found next to the test bundle; `ARNORM_BIN` overrides).
enum Arnorm {
    static let binary: String = {
        if let path = ProcessInfo.processInfo.environment["ARNORM_BIN"] { return path }
        let starts = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0])] + Bundle.allBundles.map(\.bundleURL)
        for start in starts {
            var dir = start.standardizedFileURL
            for _ in 0..<6 {
                let candidate = dir.appendingPathComponent("arnorm").path
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                   FileManager.default.isExecutableFile(atPath: candidate) {
                    return candidate
                }
                dir = dir.deletingLastPathComponent()
            }
        }
        return "arnorm-not-found"
    }()

    struct Result {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
        /// True if the run was killed because it took longer than the limit (a hang).
        var timedOut = false
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// Starts `executable arguments…` in `directory` with stdin from /dev/null (or `stdin`),
    /// stdout and stderr into files.
    static func start(_ arguments: [String], in directory: URL, executable: String = binary,
                      environment: [String: String]? = nil) throws -> (Process, URL, URL) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if let environment { process.environment = environment }
        let id = UUID().uuidString
        let outURL = FileManager.default.temporaryDirectory.appendingPathComponent("reliability-out-\(id)")
        let errURL = FileManager.default.temporaryDirectory.appendingPathComponent("reliability-err-\(id)")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, outURL, errURL)
    }

    /// Runs to the end (killed after `limit` seconds: a hang is a failure, not a wait forever).
    @discardableResult
    static func run(_ arguments: [String], in directory: URL, executable: String = binary,
                    environment: [String: String]? = nil, limit: TimeInterval = 120) throws -> Result {
        let (process, outURL, errURL) = try start(arguments, in: directory, executable: executable, environment: environment)
        defer {
            try? FileManager.default.removeItem(at: outURL)
            try? FileManager.default.removeItem(at: errURL)
        }
        let deadline = Date().addingTimeInterval(limit)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline { kill(process.processIdentifier, SIGKILL); timedOut = true; break }
            usleep(5_000)
        }
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: try readFileBytes(outURL.path),
                      stderr: String(decoding: try readFileBytes(errURL.path), as: UTF8.self), timedOut: timedOut)
    }
}

/// A temporary directory removed at the end (permissions restored first).
final class Scratch {
    let url: URL
    init(_ label: String = "reliability") throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit {
        if let e = FileManager.default.enumerator(atPath: url.path) {
            for case let p as String in e { chmod(url.appendingPathComponent(p).path, 0o755) }
        }
        try? FileManager.default.removeItem(at: url)
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let target = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: target)
        return target.path
    }
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String { try write(name, Array(text.utf8)) }
    func bytes(_ name: String) throws -> [UInt8] { try readFileBytes(url.appendingPathComponent(name).path) }
    /// Every entry below `sub`, sorted, hidden ones included.
    func listing(_ sub: String = "") -> [String] {
        (FileManager.default.subpaths(atPath: sub.isEmpty ? url.path : path(sub)) ?? []).sorted()
    }
}

/// True when the `arnorm` binary was found.
let arnormBuilt = FileManager.default.isExecutableFile(atPath: Arnorm.binary)

/// Temporary files of `arnorm`'s atomic writes: `.NAME.arnorm-tmp-PID`.
func isArnormTemporary(_ path: String) -> Bool {
    (path as NSString).lastPathComponent.hasPrefix(".") && path.contains(".arnorm-tmp-")
}
