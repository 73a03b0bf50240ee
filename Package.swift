// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "ArabicNormalizer",
    products: [
        .library(
            name: "ArabicNormalizer",
            targets: ["ArabicNormalizer", "ArabicTransliteration", "ArabicNumerals"]),
        .executable(name: "arnorm", targets: ["arnorm"]),
        // The C ABI (include/arnorm.h). Not "arnorm": SwiftPM drops one of two products with the same name.
        .library(name: "arnorm-c", type: .dynamic, targets: ["CArnorm"]),
        // The SQLite extension: SQL functions and the FTS5 tokenizer "arnorm" (docs/search-engines.md).
        .library(name: "arnorm-sqlite", type: .dynamic, targets: ["CArnormSQLite"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // Plain-C shim over ICU: the only place that includes <unicode/*.h>.
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icuuc"), .linkedLibrary("icui18n"), .linkedLibrary("icudata")]),
        // SIMD for the engine's fast run (Swift's SIMD compares are not vectorized on this
        // toolchain): an inline SSE2 block scan, and the block run (AVX2 or SSSE3, chosen at run
        // time). What they take comes from the engine's tables.
        .target(name: "CBlockScan"),
        // The span steps' candidate scan (SSE2 on x86-64): which bytes may start a tag, an
        // entity, a URL, a mention, a hashtag or an emoji.
        .target(name: "CSpanScan"),
        // The single-pass normalization engine, its steps and presets.
        .target(
            name: "ArabicNormalizer",
            dependencies: ["CICU", "CBlockScan", "CSpanScan"],
            resources: [
                .embedInCode("Resources/html-entities.tsv"),
                .embedInCode("Resources/tlds.tsv"),
            ]),
        // Transliteration: lossless Buckwalter family, scholarly romanization, names.
        // Data files are compiled into the module (no resource bundle to ship beside a binary or .so).
        .target(
            name: "ArabicTransliteration",
            dependencies: ["ArabicNormalizer", "CICU"],
            resources: [
                .embedInCode("Resources/lossless.tsv"),
                .embedInCode("Resources/names-foreign-letters.tsv"),
                .embedInCode("Resources/names-latin.tsv"),
                .embedInCode("Resources/names-latin-arabic.tsv"),
                .embedInCode("Resources/names-latin-origins.tsv"),
                .embedInCode("Resources/names-letters.tsv"),
                .embedInCode("Resources/names-lexicon.tsv"),
                .embedInCode("Resources/names-particles.tsv"),
                .embedInCode("Resources/names-pinyin-arabic.tsv"),
                .embedInCode("Resources/romanization.tsv"),
            ]),
        // Numerals: digit systems, number words to digits and back.
        .target(
            name: "ArabicNumerals",
            dependencies: ["ArabicNormalizer", "CICU"],
            resources: [
                .embedInCode("Resources/number-spelling.tsv"),
                .embedInCode("Resources/number-words.tsv"),
                .embedInCode("Resources/number-words-dialect.tsv"),
            ]),
        // Early writeback for the CLI's durable file output (sync_file_range on Linux).
        .target(name: "CWriteback"),
        // Extended attributes (ACLs, labels) copied onto a rewritten file.
        .target(name: "CExtendedAttributes"),
        // The command-line tool.
        .executableTarget(
            name: "arnorm",
            dependencies: [
                "ArabicNormalizer", "ArabicTransliteration", "ArabicNumerals", "CWriteback", "CExtendedAttributes",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // The C ABI: arnorm.h (a C target with only the header) and its Swift implementation.
        .target(name: "ArnormCHeaders"),
        .target(
            name: "CArnorm",
            dependencies: ["ArnormCHeaders", "ArabicNormalizer", "ArabicTransliteration", "ArabicNumerals"]),
        // The SQLite extension's glue (sqlite3ext.h, from libsqlite3-dev) over the C ABI and CICU.
        .target(name: "CArnormSQLite", dependencies: ["ArnormCHeaders", "CArnorm", "CICU"]),
        // Helpers the test targets share (reading captured output without Foundation's leak).
        .target(name: "TestSupport", dependencies: ["SanitizerDefaults"], path: "Tests/TestSupport"),
        // LeakSanitizer suppressions for leaks inside the toolchain's libraries (XCTest, Foundation).
        .target(name: "SanitizerDefaults", path: "Tests/SanitizerDefaults"),
        .testTarget(
            name: "CArnormTests",
            dependencies: ["CArnorm", "ArabicNormalizer", "ArabicTransliteration", "TestSupport"],
            exclude: ["C"]),
        .testTarget(
            name: "ArabicNormalizerTests",
            dependencies: ["ArabicNormalizer", "TestSupport"],
            exclude: ["Vectors", "Expected"]),
        .testTarget(
            name: "ArabicTransliterationTests",
            dependencies: ["ArabicTransliteration", "TestSupport"],
            exclude: ["Vectors"]),
        .testTarget(
            name: "ArabicNumeralsTests",
            dependencies: ["ArabicNumerals", "TestSupport"],
            exclude: ["Vectors"]),
        .testTarget(
            name: "ArnormCLITests",
            dependencies: ["arnorm", "TestSupport"]),
        // Fuzz findings, nothing-lost tests against the built arnorm, the packaged binary (issue 8).
        .testTarget(
            name: "ReliabilityTests",
            dependencies: ["ArabicNormalizer", "ArabicTransliteration", "ArabicNumerals", "arnorm", "TestSupport"]),
    ]
)
