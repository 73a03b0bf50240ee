// swift-tools-version:6.1
// The performance harness, kept out of the library's package so its users never build
// ordo-one/benchmark. Run from this folder:
//   swift package --scratch-path ../.build-bench benchmark          (the suites, with thresholds)
//   ./quick.sh                                                     (the quick throughput probe)
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name: whatever the checkout is called.
let main = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent.lowercased()

let package = Package(
    name: "ArabicNormalizerBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        // Only the malloc interposer: the allocation counts are what we watch.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // The baselines measured in the same run: a hand-written C table pass doing the
        // comparable pipeline, and a plain copy loop.
        .target(name: "CBaseline", cSettings: [.unsafeFlags(["-O3"])]),
        // Shared helpers: corpus loading, the C pass wrapped for Swift.
        .target(
            name: "BenchSupport",
            dependencies: ["CBaseline", .product(name: "ArabicNormalizer", package: main)]),
        // The seconds-long probe the lead uses while optimizing (Benchmarks/quick.sh).
        .executableTarget(
            name: "QuickBench",
            dependencies: ["BenchSupport", "CBaseline", .product(name: "ArabicNormalizer", package: main)]),
        .executableTarget(
            name: "Normalization",
            dependencies: [
                "BenchSupport", "CBaseline",
                .product(name: "ArabicNormalizer", package: main),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Normalization",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "Transliteration",
            dependencies: [
                "BenchSupport",
                .product(name: "ArabicNormalizer", package: main),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Transliteration",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
        .executableTarget(
            name: "Numerals",
            dependencies: [
                "BenchSupport",
                .product(name: "ArabicNormalizer", package: main),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Numerals",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]),
    ]
)
