// swift-tools-version:5.4
// (5.4 on purpose: from 5.5 on SwiftPM renames an executable's entry point and links `main` to it,
// which collides with the `main` libFuzzer brings.)
// libFuzzer targets for the toolkit. Not part of the main package: they need
// `-sanitize=fuzzer,address -parse-as-library`, which `run.sh` passes.
//   Fuzz/run.sh normalize 60      one target for 60 s
//   Fuzz/run.sh all 30            every target for 30 s each
import Foundation
import PackageDescription

let library = Target.Dependency.product(name: "ArabicNormalizer", package: "ArabicNormalizer")

let package = Package(
    name: "ArabicNormalizerFuzz",
    dependencies: [
        .package(name: "ArabicNormalizer", path: ".."),
        .package(name: "swift-argument-parser", url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Shared helpers: reading a configuration and choices from the fuzzer's bytes.
        .target(name: "FuzzSupport", dependencies: [library]),
        // Bytes API under random presets, step sets and options: no crash, valid UTF-8 out,
        // stats and offsets consistent, line by line equals whole text.
        .executableTarget(name: "FuzzNormalize", dependencies: [library, "FuzzSupport"]),
        // Fast path against the ICU reference path, byte for byte, plus idempotence.
        .executableTarget(name: "FuzzDifferential", dependencies: [library, "FuzzSupport"]),
        // Every transliteration scheme forward; round trip for the lossless ones.
        .executableTarget(name: "FuzzTranslit", dependencies: [library, "FuzzSupport"]),
        // Number words to digits, digits to words, digit conversion.
        .executableTarget(name: "FuzzNumerals", dependencies: [library, "FuzzSupport"]),
    ]
)

// The JSONL and CSV readers are internal to the `arnorm` executable target, so this target compiles
// the CLI's sources itself: run.sh links them (the @main file copied without @main) with Sources/FuzzReaders into
// out/readers-src before building. Declared only once that folder exists.
if FileManager.default.fileExists(atPath: URL(fileURLWithPath: #file).deletingLastPathComponent().appendingPathComponent("out/readers-src").path) {
    package.targets.append(.executableTarget(
        name: "FuzzReaders",
        dependencies: [library, .product(name: "ArgumentParser", package: "swift-argument-parser")],
        path: "out/readers-src"))
}
