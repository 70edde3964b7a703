// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "gaoxin",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "gaoxin", targets: ["gaoxin"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/yaslab/CSV.swift.git", from: "2.5.2"),
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.4.0", traits: []),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Already in the graph through Vapor; named for the SMTP client (`Reminders/SMTPClient.swift`).
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.29.0"),
    ],
    targets: [
        // Pure rules and computations: no I/O, no Vapor, no Fluent.
        .target(name: "GaoxinDomain", swiftSettings: swift5),
        // The spreadsheet formats (xlsx over ZIPFoundation, CSV in UTF-8 or GB18030): no Vapor.
        .target(
            name: "GaoxinSheets",
            dependencies: [
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: swift5
        ),
        // Debian's OpenBLAS + LAPACKE (apt: libopenblas-dev liblapacke-dev), for the complexity maths.
        .systemLibrary(name: "CLinearAlgebra", path: "Sources/CLinearAlgebra"),
        // Economic complexity as the Growth Lab's ecomplexity 0.5.3 computes it, and its CLI core: no Vapor.
        .target(name: "GaoxinComplexity", dependencies: ["CLinearAlgebra"], swiftSettings: swift5),
        .target(
            name: "GaoxinApp",
            dependencies: [
                "GaoxinDomain",
                "GaoxinSheets",
                "GaoxinComplexity",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "OpenAPIKit30", package: "OpenAPIKit"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swift5
        ),
        .executableTarget(name: "gaoxin", dependencies: ["GaoxinApp"], swiftSettings: swift5),
        .testTarget(name: "GaoxinDomainTests", dependencies: ["GaoxinDomain"], swiftSettings: swift5),
        .testTarget(name: "GaoxinSheetsTests", dependencies: ["GaoxinSheets"], swiftSettings: swift5),
        .testTarget(name: "GaoxinComplexityTests", dependencies: ["GaoxinComplexity"], swiftSettings: swift5),
        .testTarget(
            name: "GaoxinAppTests",
            dependencies: [
                "GaoxinApp",
                .product(name: "XCTVapor", package: "vapor"),
            ],
            swiftSettings: swift5
        ),
    ]
)

var swift5: [SwiftSetting] { [.swiftLanguageMode(.v5)] }
