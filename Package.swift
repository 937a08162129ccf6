// swift-tools-version:6.0
import PackageDescription

/// The six domain plugins: each an ordinary library that depends only on the engine.
let pluginTargets: [(name: String, path: String)] = [
    ("ChannelShiftAssessors", "Plugins/ChannelShift"),
    ("DigitalEngagementAssessors", "Plugins/DigitalEngagement"),
    ("MobileAssessors", "Plugins/Mobile"),
    ("ContentAssessors", "Plugins/Content"),
    ("DigitalInclusionAssessors", "Plugins/DigitalInclusion"),
    ("OpenDataAssessors", "Plugins/OpenData"),
]

let package = Package(
    name: "assess",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "assess", targets: ["assess"]),
        .library(name: "AssessCore", targets: ["AssessCore"]),
        .library(name: "AssessKit", targets: ["AssessKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // SQLite for the results store (`--store`); needs Debian's libsqlite3-dev.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // Zip archives: packs distributed as one file, and XLSX questionnaires for `assess import`.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // libyaml from Debian's libyaml-dev, found through pkg-config.
        .systemLibrary(
            name: "CYAML",
            path: "Sources/CYAML",
            pkgConfig: "yaml-0.1",
            providers: [.apt(["libyaml-dev"]), .brew(["libyaml"])]
        ),
        // The engine: YAML reading, model, assessors, scoring, reporters. Knows nothing of the terminal.
        .target(name: "AssessCore", dependencies: ["CYAML"], path: "Sources/AssessCore"),
    ] + pluginTargets.map { plugin in
        .target(name: plugin.name, dependencies: ["AssessCore"], path: plugin.path)
    } + [
        // The default registry (engine + six plugins) and the built-in framework, embedded.
        .target(
            name: "AssessKit",
            dependencies: ["AssessCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
                + pluginTargets.map { .target(name: $0.name) },
            path: "Sources/AssessKit"
        ),
        // The executive report: view model, SVG charts and Mustache templates (the defaults embedded from templates/).
        .target(
            name: "AssessReport",
            dependencies: ["AssessCore", .product(name: "Mustache", package: "swift-mustache")],
            path: "Sources/AssessReport"
        ),
        // The results store: every assessment kept in SQLite by organisation, period and framework version.
        .target(
            name: "AssessStore",
            dependencies: ["AssessCore", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Sources/AssessStore"
        ),
        .executableTarget(
            name: "assess",
            dependencies: ["AssessKit", "AssessCore", "AssessReport", "AssessStore", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Sources/assess"
        ),
        // Loader speed against a bare libyaml parse of the same bytes: `swift run -c release assess-benchmark`.
        .executableTarget(
            name: "assess-benchmark",
            dependencies: ["AssessCore", "AssessKit", "AssessStore", "CYAML"],
            path: "Benchmarks/LoaderBenchmark"
        ),
        // Fuzzing (docs/fuzzing.md): every reader of third-party input as a target, run by the test suite's seeded
        // mutation session and by `assess-fuzz` (libFuzzer with `scripts/fuzz`, or `assess-fuzz mutate`).
        .target(name: "AssessFuzzing", dependencies: ["AssessCore", "AssessKit", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                path: "Fuzz/AssessFuzzing"),
        .systemLibrary(name: "CLibFuzzer", path: "Fuzz/CLibFuzzer"),
        .executableTarget(name: "assess-fuzz", dependencies: ["AssessFuzzing", "CLibFuzzer"], path: "Fuzz/Driver"),
        // ZIPFoundation here builds pack archives (and hostile ones) at test time.
        .target(name: "TestSupport", dependencies: ["AssessCore", "AssessKit", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                path: "Tests/TestSupport"),
        .testTarget(
            name: "AssessCoreTests",
            dependencies: ["AssessCore", "AssessKit", "AssessReport", "AssessFuzzing", "AssessStore", "TestSupport",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")],  // XLSX files built in the import tests
            path: "Tests/AssessCoreTests",
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "AssessCLITests",
            dependencies: ["TestSupport", "assess"],
            path: "Tests/AssessCLITests",
            exclude: ["Golden", "Plugins"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
