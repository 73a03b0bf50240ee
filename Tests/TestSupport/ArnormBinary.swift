import Foundation

/// The `arnorm` executable the tests run: `ARNORM_BIN` if set, else the one SwiftPM built next to
/// the test bundle (found by walking up from the bundle, so `.build` and any `--scratch-path` work);
/// a path that does not exist when it was not built.
public let builtArnormBinary: String = {
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
    return "arnorm-not-found-build-it-first"
}()
