// swift-tools-version:6.0
import PackageDescription

// `make fuzz` sets OPSBOOK_FUZZ=1 (with its own build folder): the library is compiled with
// libFuzzer's coverage instrumentation and opsbook-fuzz links libFuzzer, which owns `main`.
let fuzzing = Context.environment["OPSBOOK_FUZZ"] == "1"
let fuzzFlags: [SwiftSetting] = fuzzing ? [.unsafeFlags(["-sanitize=fuzzer"]), .define("FUZZING")] : []

let package = Package(
    name: "Opsbook",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "opsbook", targets: ["opsbook"]),
        .library(name: "OpsbookKit", targets: ["OpsbookKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // cmark-gfm from Debian (libcmark-gfm-dev, libcmark-gfm-extensions-dev).
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // Turns templates/ into Swift source so the binary carries the default theme.
        .executableTarget(name: "embed-theme"),
        .plugin(name: "EmbedTheme", capability: .buildTool(), dependencies: ["embed-theme"]),
        .target(
            name: "OpsbookKit",
            dependencies: [
                "CCmarkGFM",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            swiftSettings: fuzzFlags,
            plugins: ["EmbedTheme"]
        ),
        .executableTarget(
            name: "opsbook",
            dependencies: [
                "OpsbookKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // mimalloc (Debian's libmimalloc-dev) takes over malloc for the whole process: a build
            // allocates millions of short-lived strings and arrays on two cores, and glibc's
            // malloc and free were a tenth of its time (README, "Benchmark").
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        // Writes the demo year of tickets and inspection records (make demo-data); deterministic.
        .executableTarget(name: "demo-data", dependencies: ["OpsbookKit"]),
        // `make bench`: the corpus generator and the cmark-gfm floor.
        .executableTarget(name: "bench-corpus", dependencies: ["OpsbookKit"]),
        .executableTarget(name: "bench-cmark", dependencies: ["CCmarkGFM"]),
        // `make fuzz`: libFuzzer over every parser of user files (FuzzTargets); otherwise a replayer.
        .executableTarget(name: "opsbook-fuzz", dependencies: ["OpsbookKit"], swiftSettings: fuzzFlags,
                          linkerSettings: fuzzing ? [.unsafeFlags(["-sanitize=fuzzer", "-use-ld=lld"])] : []),
        .testTarget(
            name: "OpsbookKitTests",
            dependencies: ["OpsbookKit", "opsbook", "CCmarkGFM", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
    ]
)
