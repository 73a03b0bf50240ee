import Foundation
import TestSupport
import Testing

/// The repository root (this file is Tests/ReliabilityTests/Harness.swift).
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Runs the built `arnorm` binary (found next to the test bundle; `ARNORM_BIN` overrides).
enum Arnorm {
    static let binary = builtArnormBinary

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
typealias Scratch = TemporaryDirectory

/// True when the `arnorm` binary was found.
let arnormBuilt = FileManager.default.isExecutableFile(atPath: Arnorm.binary)

/// Temporary files of `arnorm`'s atomic writes: `.NAME.arnorm-tmp-PID`.
func isArnormTemporary(_ path: String) -> Bool {
    (path as NSString).lastPathComponent.hasPrefix(".") && path.contains(".arnorm-tmp-")
}
