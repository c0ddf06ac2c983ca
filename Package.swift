// swift-tools-version:6.2
import PackageDescription

let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("NonisolatedNonsendingByDefault"),
]

let package = Package(
    name: "proforma",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "proforma", targets: ["proforma"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/GraphQLSwift/GraphQL.git", from: "4.3.0"),
        .package(url: "https://github.com/GraphQLSwift/Graphiti.git", from: "3.1.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
    ],
    targets: [
        // JSON read and written fast: request bodies and the documents the store keeps. No dependencies.
        .target(
            name: "ProformaJSON",
            swiftSettings: swiftSettings
        ),
        // Pure domain: money, the calculator, search syntax, validation. No I/O.
        .target(
            name: "ProformaCore",
            swiftSettings: swiftSettings
        ),
        // Use cases and the ports they need (store, clock, tokens).
        .target(
            name: "ProformaServices",
            dependencies: [
                "ProformaCore",
                "ProformaJSON",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: swiftSettings
        ),
        // One SQL layer (SQLKit) over SQLite and PostgreSQL.
        .target(
            name: "ProformaStore",
            dependencies: [
                "ProformaCore",
                "ProformaJSON",
                "ProformaServices",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        // Email adapters: invoice templates (mustache), MIME, the file and SMTP mailers (SwiftNIO).
        .target(
            name: "ProformaMail",
            dependencies: [
                "ProformaCore",
                "ProformaServices",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // HTTP adapters: Admin GraphQL, the checkout pages, health.
        .target(
            name: "ProformaAPI",
            dependencies: [
                "ProformaCore",
                "ProformaJSON",
                "ProformaServices",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "GraphQL", package: "GraphQL"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // The staff web admin: server-rendered pages over the same services as the API.
        .target(
            name: "ProformaWeb",
            dependencies: [
                "ProformaCore",
                "ProformaServices",
                "ProformaAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // Composition root: configuration, buildApplication, CLI commands, importers.
        .target(
            name: "ProformaApp",
            dependencies: [
                "ProformaCore",
                "ProformaServices",
                "ProformaStore",
                "ProformaAPI",
                "ProformaMail",
                "ProformaWeb",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "proforma",
            dependencies: ["ProformaApp", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            swiftSettings: swiftSettings
        ),
        // Benchmarks, run by hand in release builds: `bench/run`, or `swift run -c release proforma-bench`.
        .executableTarget(
            name: "proforma-bench",
            dependencies: [
                "ProformaApp", "ProformaAPI", "ProformaStore", "ProformaServices", "ProformaCore",
                .product(name: "GraphQL", package: "GraphQL"),
                .product(name: "Graphiti", package: "Graphiti"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            path: "bench/ProformaBench",
            swiftSettings: swiftSettings
        ),
        // Shared by the test targets: throwaway databases on both engines, fixed clocks, fixtures.
        .target(
            name: "ProformaTestSupport",
            dependencies: [
                "ProformaCore", "ProformaServices", "ProformaStore", "ProformaMail", "ProformaAPI",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            path: "Tests/ProformaTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ProformaJSONTests",
            dependencies: ["ProformaJSON"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ProformaCoreTests",
            dependencies: ["ProformaCore"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ProformaStoreTests",
            dependencies: [
                "ProformaStore", "ProformaServices", "ProformaCore", "ProformaTestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ProformaAPITests",
            dependencies: [
                "ProformaApp", "ProformaAPI", "ProformaStore", "ProformaServices", "ProformaCore", "ProformaTestSupport",
                "ProformaMail",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ProformaMailTests",
            dependencies: ["ProformaMail", "ProformaServices", "ProformaCore", "ProformaTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ProformaAppTests",
            dependencies: [
                "ProformaApp", "ProformaAPI", "ProformaStore", "ProformaServices", "ProformaCore", "ProformaTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
