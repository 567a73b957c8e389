// swift-tools-version: 6.1
import PackageDescription

// Load benchmark: a separate package (the library has no benchmark dependencies). Built and run by
// `scripts/bench-load`.
let package = Package(
    name: "LoadBenchmark",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "LaborStat", path: "../..")],
    targets: [
        .executableTarget(
            name: "load-bench",
            dependencies: [.product(name: "LaborStat", package: "LaborStat")],
            path: "Sources"
        ),
    ]
)
