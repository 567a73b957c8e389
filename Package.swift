// swift-tools-version: 6.1
import PackageDescription

// Layout: one system module over OpenBLAS/LAPACKE (CBLAS) behind one door (_LaborStatBLAS);
// library modules split by concern; an umbrella (LaborStat); a thin CLI (laborstat).
let package = Package(
    name: "LaborStat",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "LaborStat", targets: ["LaborStat"]),
        .executable(name: "laborstat", targets: ["laborstat"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .target(name: "_LaborStatBLAS", dependencies: ["CBLAS"]),
        .systemLibrary(name: "CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(name: "CRSVG", pkgConfig: "librsvg-2.0", providers: [.apt(["librsvg2-dev", "libcairo2-dev"])]),
        .target(name: "LaborStatTable"),
        .target(
            name: "LaborStatIngest",
            dependencies: ["LaborStatTable", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .target(name: "LaborStatStats", dependencies: ["LaborStatTable", "_LaborStatBLAS"]),
        .target(name: "LaborStatRegions", dependencies: ["LaborStatTable", "LaborStatStats"], resources: [.copy("Resources")]),
        .target(name: "LaborStatCharts"),
        .target(
            name: "LaborStatExport",
            dependencies: ["LaborStatTable", "LaborStatIngest", "CXLSXWriter", "CRSVG",
                           .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // Reports: the spec (TOML), the document every writer renders, and the writers (HTML page,
        // workbook, Markdown). Running a spec's items is the CLI's job (`laborstat report`).
        .target(
            name: "LaborStatReport",
            dependencies: ["LaborStatTable", "LaborStatExport", "LaborStatRegions",
                           .product(name: "TOMLKit", package: "TOMLKit"), .product(name: "Ink", package: "Ink")]
        ),
        .target(
            name: "LaborStat",
            dependencies: [
                "LaborStatTable", "LaborStatIngest", "LaborStatStats", "LaborStatRegions",
                "LaborStatCharts", "LaborStatExport", "LaborStatReport",
            ]
        ),
        .executableTarget(
            name: "laborstat",
            dependencies: ["LaborStat", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(name: "_LaborStatTestSupport", dependencies: ["LaborStatTable"], path: "Tests/_LaborStatTestSupport"),
        .testTarget(name: "LaborStatTableTests", dependencies: ["LaborStatTable", "_LaborStatTestSupport"], exclude: ["References"]),
        .testTarget(
            name: "LaborStatIngestTests",
            dependencies: ["LaborStatIngest", "LaborStatExport", "_LaborStatTestSupport"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "LaborStatStatsTests",
            dependencies: ["LaborStatStats", "LaborStatIngest", "_LaborStatBLAS", "_LaborStatTestSupport"],
            resources: [.copy("References")]
        ),
        .testTarget(
            name: "LaborStatRegionsTests",
            dependencies: ["LaborStatRegions", "_LaborStatTestSupport"],
            resources: [.copy("References")]
        ),
        .testTarget(
            name: "LaborStatChartsTests",
            dependencies: ["LaborStatCharts", "_LaborStatTestSupport"],
            exclude: ["References"],
            resources: [.copy("Snapshots")]
        ),
        .testTarget(name: "LaborStatExportTests", dependencies: ["LaborStatExport", "LaborStatIngest", "_LaborStatTestSupport"]),
        .testTarget(name: "LaborStatReportTests", dependencies: ["LaborStatReport", "LaborStatExport", "LaborStatIngest", "_LaborStatTestSupport"]),
        .testTarget(name: "laborstatCLITests", dependencies: ["_LaborStatTestSupport"]),
    ]
)
