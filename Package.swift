// swift-tools-version:6.0
import PackageDescription

// Targets follow ../shared/DESIGN.md §1: each imports only those below it.
let package = Package(
    name: "Zhiban",
    products: [
        .executable(name: "zhiban", targets: ["zhiban"]),
        .executable(name: "zhiban-bench", targets: ["zhiban-bench"]),
        // libFuzzer targets (Fuzz/README.md); a plain build is their corpus replayer.
        .executable(name: "zhiban-fuzz", targets: ["zhiban-fuzz"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        .package(url: "https://github.com/swiftcsv/SwiftCSV", from: "0.10.0"),
        // The benchmark's latency histograms only.
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        // The one sanitizer for text from outside, below everything that shows or stores text.
        .target(name: "SafeText"),
        .target(
            name: "DutyModel",
            dependencies: [
                "SafeText",
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Proto"]
        ),
        // GeoJSON (RFC 7946), the map's projection, grid references and distances (#20): pure, no I/O.
        .target(name: "Geo"),
        // CRC-32C with the CPU's instruction (SSE4.2 crc32) where present.
        .target(name: "CCRC32C"),
        .target(
            name: "Journal",
            dependencies: [
                "DutyModel", "CCRC32C", "SafeText",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        .target(
            name: "TerminalUI",
            dependencies: [
                "CNcursesw", "SafeText",
                .product(name: "TOMLKit", package: "TOMLKit"),
            ]
        ),
        // CAP 1.2 parse / validate / write, and the mapping of a CAP alert to the
        // duty room's warning events (DESIGN §1: above DutyModel, never storage).
        .target(name: "CAP", dependencies: ["DutyModel", "SafeText"]),
        .target(name: "Sync", dependencies: ["Journal", "DutyModel", "SafeText", .product(name: "Crypto", package: "swift-crypto")]),
        // The application core every front end uses (DESIGN §1): opening and
        // folding a station, every write, imports, inbox, exports, demo seeding,
        // forks and trust. Typed results; no UI, no ArgumentParser, no words for people.
        .target(
            name: "Station",
            dependencies: [
                "DutyModel", "Journal", "Sync", "CAP", "SafeText", "Geo",
                .product(name: "SwiftCSV", package: "SwiftCSV"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "Console", dependencies: ["TerminalUI", "DutyModel", "Station", "SafeText", "Geo", "CAP"]),
        .executableTarget(
            name: "zhiban",
            dependencies: [
                "Console", "TerminalUI", "DutyModel", "Journal", "Sync", "CAP", "Station", "SafeText", "Geo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The benchmark (DESIGN §7): ours beside raw I/O, SQLite (the system
        // libsqlite3, linked only here, as the yardstick) and sha256sum.
        .systemLibrary(name: "CSQLite", path: "Benchmarks/CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .executableTarget(
            name: "zhiban-bench",
            dependencies: [
                "Station", "Journal", "DutyModel", "Sync", "CSQLite", "Console", "TerminalUI",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Benchmarks/zhiban-bench"
        ),
        // The fuzz targets (#18): the readers of what comes from outside, each
        // fed any bytes; used by the libFuzzer executable and by the corpus replay test.
        .target(name: "FuzzTargets", dependencies: ["Journal", "DutyModel", "CAP", "Station", "Sync", "SafeText"], path: "Fuzz/FuzzTargets"),
        .executableTarget(name: "zhiban-fuzz", dependencies: ["FuzzTargets"], path: "Fuzz/zhiban-fuzz"),
        .target(
            name: "ConsoleTestSupport",
            dependencies: ["Console", "TerminalUI", "DutyModel", "Journal", "Station", "SafeText"],
            path: "Tests/Support/ConsoleTestSupport"
        ),
        .testTarget(name: "DutyModelTests", dependencies: ["DutyModel", "SafeText", "ConsoleTestSupport"]),
        .testTarget(name: "StationTests", dependencies: ["Station", "DutyModel", "Journal", "Sync", "CAP", "ConsoleTestSupport", "FuzzTargets"]),
        .testTarget(name: "JournalTests", dependencies: ["Journal", "DutyModel", "ConsoleTestSupport"]),
        .testTarget(name: "CAPTests", dependencies: ["CAP", "DutyModel"], resources: [.copy("Fixtures")]),
        .testTarget(name: "SyncTests", dependencies: ["Sync", "Journal", "DutyModel", "ConsoleTestSupport"]),
        .testTarget(name: "GeoTests", dependencies: ["Geo", "ConsoleTestSupport"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "SafeText", "ConsoleTestSupport"]),
        .testTarget(
            name: "ConsoleTests",
            dependencies: ["Console", "SafeText", "ConsoleTestSupport"],
            exclude: ["__Snapshots__"]
        ),
        // Drives the real binary in tmux; depends on the executable so `swift test` builds it.
        .testTarget(name: "EndToEndTests", dependencies: ["ConsoleTestSupport", "TerminalUI", "zhiban", "zhiban-bench"]),
    ],
    swiftLanguageModes: [.v6]
)
