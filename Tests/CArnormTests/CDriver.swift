import Foundation
import TestSupport

/// Compiles `C/arnorm_driver.c` with `cc` against `arnorm.h` and the built `libarnorm-c.so`
/// (once per test run) and runs it.
enum CDriver {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The package root, from this file's path.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let headerDirectory = packageRoot.appendingPathComponent("Sources/ArnormCHeaders/include")
    static let libraryName = "libarnorm-c.so"

    /// The build products directory holding `libarnorm-c.so`: `ARNORM_LIB_DIR` if set, else the
    /// directory of the running test executable (whatever `--scratch-path` or configuration
    /// built it), else the package's `.build/debug` and `.build/release`.
    static func libraryDirectory() throws -> URL {
        var candidates: [URL] = []
        if let dir = ProcessInfo.processInfo.environment["ARNORM_LIB_DIR"] {
            candidates.append(URL(fileURLWithPath: dir))
        }
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        candidates.append(exe.deletingLastPathComponent())
        // macOS-style bundles: PackageTests.xctest/Contents/MacOS/PackageTests.
        candidates.append(exe.deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent())
        for configuration in ["debug", "release"] {
            candidates.append(packageRoot.appendingPathComponent(".build/\(configuration)"))
        }
        for dir in candidates where FileManager.default.fileExists(atPath: dir.appendingPathComponent(libraryName).path) {
            return dir
        }
        throw Failure(description: "\(libraryName) not found in \(candidates.map(\.path)); "
            + "build it with `swift build --product arnorm-c` (swift test builds it too)")
    }

    /// The compiled driver, or why it could not be built.
    static let executable: Result<URL, Failure> = Result { try compile() }.mapError {
        $0 as? Failure ?? Failure(description: "\($0)")
    }

    /// The sanitizer `libarnorm-c.so` was built with (`swift build --sanitize=…`), read from the
    /// runtime entry points its code calls; nil for a plain build.
    static func sanitizer(ofLibraryIn libDir: URL) -> String? {
        guard let image = FileManager.default.contents(atPath: libDir.appendingPathComponent(libraryName).path)
        else { return nil }
        for (name, symbol) in [("address", "__asan_init"), ("thread", "__tsan_init")]
        where image.range(of: Data(symbol.utf8)) != nil {
            return name
        }
        return nil
    }

    /// The compiler and flags for the driver. A sanitized library needs a driver built with the same
    /// sanitizer by the toolchain's clang (its runtime is the one the library's checks call into);
    /// a ThreadSanitizer driver also links the toolchain's libdispatch, whose blocks the runtime
    /// intercepts.
    static func compiler(forLibraryIn libDir: URL) -> [String] {
        guard let sanitizer = sanitizer(ofLibraryIn: libDir) else { return ["cc"] }
        var flags = ["clang", "-fsanitize=\(sanitizer)", "-g", "-fno-omit-frame-pointer"]
        if sanitizer == "thread" {
            if let runtime = swiftRuntimeDirectory() {
                flags += ["-L", runtime, "-ldispatch", "-lBlocksRuntime", "-Wl,-rpath," + runtime]
            }
        }
        return flags
    }

    /// The toolchain's Swift runtime directory (`…/usr/lib/swift/linux`), next to `swift` on PATH.
    static func swiftRuntimeDirectory() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for dir in path.split(separator: ":") {
            let swift = URL(fileURLWithPath: String(dir)).appendingPathComponent("swift")
            guard FileManager.default.isExecutableFile(atPath: swift.path) else { continue }
            let runtime = swift.resolvingSymlinksInPath().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("lib/swift/linux")
            if FileManager.default.fileExists(atPath: runtime.appendingPathComponent("libdispatch.so").path) {
                return runtime.path
            }
        }
        return nil
    }

    static func compile() throws -> URL {
        let libDir = try libraryDirectory()
        let work = FileManager.default.temporaryDirectory
            .appendingPathComponent("arnorm-ctest-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let output = work.appendingPathComponent("arnorm_driver")
        let source = packageRoot.appendingPathComponent("Tests/CArnormTests/C/arnorm_driver.c")
        let result = try run("/usr/bin/env", compiler(forLibraryIn: libDir) + [
            "-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic",
            "-I", headerDirectory.path, source.path,
            "-L", libDir.path, "-larnorm-c", "-Wl,-rpath," + libDir.path, "-pthread",
            "-o", output.path,
        ])
        guard result.status == 0 else {
            throw Failure(description: "\(compiler(forLibraryIn: libDir)[0]) failed (\(result.status)):\n\(result.stderr)")
        }
        return output
    }

    struct Output {
        var status: Int32
        var stdout: Data
        var stderr: String
        var text: String { String(decoding: stdout, as: UTF8.self) }
    }

    /// Runs a program with `input` on standard input (from a file, and standard error to a file,
    /// so large inputs cannot deadlock on pipes).
    static func run(_ program: String, _ arguments: [String], input: Data = Data()) throws -> Output {
        let inputFile = FileManager.default.temporaryDirectory.appendingPathComponent("arnorm-ctest-in-\(UUID().uuidString)")
        try input.write(to: inputFile)
        defer { try? FileManager.default.removeItem(at: inputFile) }
        let errorFile = inputFile.appendingPathExtension("err")
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.standardInput = try FileHandle(forReadingFrom: inputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errData = (try? readFileBytes(errorFile.path)) ?? []
        return Output(status: process.terminationStatus, stdout: outData, stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs the driver.
    static func driver(_ arguments: String..., input: Data = Data()) throws -> Output {
        let exe = try executable.get()
        return try run(exe.path, arguments, input: input)
    }

    static func driver(_ arguments: String..., text: String) throws -> Output {
        let exe = try executable.get()
        return try run(exe.path, arguments, input: Data(text.utf8))
    }
}
