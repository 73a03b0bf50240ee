import Foundation
import TestSupport
import Testing

/// Runs the built `arnorm` binary on temporary files.
enum CLI {
    /// The built `arnorm` (`ARNORM_BIN` overrides).
    static let binary = builtArnormBinary

    struct Result {
        var status: Int32
        var stdoutBytes: [UInt8]
        var stderr: String
        var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
    }

    /// Runs a bash `script` in `directory` (for redirections and pipes: `/dev/full`, `| head`),
    /// with `$ARNORM` set to the binary; returns its exit status.
    static func shell(_ script: String, in directory: URL) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script]
        process.environment = ProcessInfo.processInfo.environment.merging(["ARNORM": binary]) { $1 }
        process.currentDirectoryURL = directory
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
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
typealias TempDir = TemporaryDirectory

/// Sample lines with known normalizations (preset standard).
enum Sample {
    static let obfuscated = "خـ.ـسائر   فـ.ـادحة"
    static let obfuscatedStandard = "خسائر فادحة"
    static let vowelled = "مَرْحَبًا بِكُمْ ١٢٣"
    static let vowelledStandard = "مرحبا بكم 123"
    static let vowelledClean = "مَرْحَبًا بِكُمْ ١٢٣"
}
