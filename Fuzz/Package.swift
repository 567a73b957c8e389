// swift-tools-version: 6.1
import PackageDescription

// libFuzzer targets over LaborStat's public reading API. Not part of the main build: built by
// scripts/fuzz with `-sanitize=fuzzer,address` into ../.build-fuzz. Each target is one file that
// defines LLVMFuzzerTestOneInput and hands its main to FuzzDriver (libFuzzer's driver).
let targets = ["fuzz-csv", "fuzz-encoding", "fuzz-cells", "fuzz-xlsx", "fuzz-where"]
let package = Package(
    name: "LaborStatFuzz",
    dependencies: [.package(name: "LaborStat", path: "..")],
    targets: [.target(name: "FuzzDriver")] + targets.map {
        .executableTarget(name: $0, dependencies: ["FuzzDriver", .product(name: "LaborStat", package: "LaborStat")],
                          swiftSettings: [.unsafeFlags(["-parse-as-library"])])
    }
)
