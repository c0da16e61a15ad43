// swift-tools-version:6.2
// FireWatch: a fire-safety sensor daemon (MQTT in, alarms and dispatch out).
// Module layering follows docs: lower modules never import higher ones (ARCHITECTURE.md).
import PackageDescription

let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "FireWatch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "firewatchd", targets: ["firewatchd"]),
        .executable(name: "firewatch", targets: ["firewatch"]),
        .executable(name: "firewatch-bench", targets: ["firewatch-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-collections.git", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        // Already in the graph (swift-nio-ssl, async-http-client); named for PBKDF2 and HMAC of our own.
        .package(url: "https://github.com/apple/swift-crypto.git", from: "4.5.2"),
        // Hummingbird's own HTTP part types (NIOHTTPTypes), for a handler in its connection pipeline.
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        // Already in the graph (resolved with Hummingbird's packages); the webhook client of the outbox:
        // HTTP/1.1 with TLS by URL, timeouts and connection reuse, none of which is ours to hand-write.
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        // Already in the graph (Hummingbird); named for the GB/T 26875.3 centre server's TCP side.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.80.0"),
    ],
    targets: [
        // C: libmosquitto through pkg-config (Debian libmosquitto-dev).
        .systemLibrary(
            name: "CMosquitto",
            pkgConfig: "libmosquitto",
            providers: [.apt(["libmosquitto-dev"])]
        ),

        // Pure domain.
        .target(name: "FireWatchCore", swiftSettings: strict),
        .target(
            name: "FireWatchDecoders",
            dependencies: ["FireWatchCore", .product(name: "Yams", package: "Yams")],
            swiftSettings: strict
        ),
        .target(
            name: "FireWatchHazards",
            dependencies: ["FireWatchCore", .product(name: "HeapModule", package: "swift-collections")],
            swiftSettings: strict
        ),
        .target(name: "FireWatchDispatch", dependencies: ["FireWatchCore"], swiftSettings: strict),
        // The decision core: journal entry, tick or action in; typed effects out. Pure.
        .target(
            name: "FireWatchPipeline",
            dependencies: ["FireWatchCore", "FireWatchDecoders", "FireWatchHazards", "FireWatchDispatch"],
            swiftSettings: strict
        ),

        // Assessment reports (督导考核): figures from the raw records, JSON, CSV and HTML. Pure.
        .target(name: "FireWatchReports", dependencies: ["FireWatchCore", "FireWatchHazards"], swiftSettings: strict),

        // I/O.
        .target(
            name: "FireWatchStore",
            dependencies: [
                "FireWatchCore", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "DequeModule", package: "swift-collections"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "FireWatchGB26875Server",
            dependencies: [
                "FireWatchCore", "FireWatchDecoders", .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strict),
        .target(name: "FireWatchMQTT", dependencies: ["CMosquitto", "FireWatchCore"], swiftSettings: strict),
        .target(
            name: "FireWatchServer",
            dependencies: [
                "FireWatchCore", "FireWatchStore", "FireWatchReports",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strict
        ),
        // The outbox's delivery to HTTP targets: formats, signatures, retries.
        .target(
            name: "FireWatchNotify",
            dependencies: [
                "FireWatchCore", "FireWatchStore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            swiftSettings: strict
        ),
        .target(
            name: "FireWatchDaemon",
            dependencies: [
                "FireWatchGB26875Server", "FireWatchNotify", "FireWatchReports",
                "FireWatchCore", "FireWatchDecoders", "FireWatchHazards", "FireWatchDispatch", "FireWatchPipeline",
                "FireWatchStore", "FireWatchMQTT", "FireWatchServer",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strict
        ),

        // The CLI's API client (tail's SSE parsing, filters, formats): testable apart from the executable.
        .target(name: "FireWatchClient", dependencies: ["FireWatchCore"], swiftSettings: strict),

        // Executables: thin @mains.
        .executableTarget(
            name: "firewatchd",
            dependencies: [
                "FireWatchDaemon",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "firewatch",
            dependencies: [
                "FireWatchGB26875Server",
                "FireWatchCore", "FireWatchDecoders", "FireWatchPipeline", "FireWatchStore", "FireWatchMQTT", "FireWatchDaemon",
                "FireWatchClient", "FireWatchReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "CryptoExtras", package: "swift-crypto"),
            ],
            swiftSettings: strict
        ),

        // Benchmarks and the load generator (make bench); shares the test kit's broker and process helpers.
        .executableTarget(
            name: "firewatch-bench",
            dependencies: [
                "FireWatchGB26875Server",
                "CMosquitto", "FireWatchDecoders", "FireWatchMQTT", "FireWatchTestKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strict
        ),

        // Tests: one target per module plus integration tests over a real broker.
        .target(name: "FireWatchTestKit", dependencies: ["FireWatchCore"], path: "Tests/FireWatchTestKit"),
        .testTarget(name: "FireWatchCoreTests", dependencies: ["FireWatchCore"]),
        .testTarget(name: "FireWatchDecodersTests", dependencies: ["FireWatchDecoders", "FireWatchTestKit"]),
        .testTarget(name: "FireWatchHazardsTests", dependencies: ["FireWatchHazards", "FireWatchTestKit"]),
        .testTarget(name: "FireWatchDispatchTests", dependencies: ["FireWatchDispatch", "FireWatchTestKit"]),
        .testTarget(name: "FireWatchPipelineTests", dependencies: ["FireWatchPipeline", "FireWatchDecoders", "FireWatchTestKit"]),
        .testTarget(name: "FireWatchStoreTests", dependencies: ["FireWatchStore", "FireWatchTestKit"]),
        .testTarget(name: "FireWatchMQTTTests", dependencies: ["FireWatchMQTT", "FireWatchTestKit"]),
        .testTarget(name: "FireWatchDaemonTests", dependencies: ["FireWatchDaemon", "FireWatchPipeline", "FireWatchTestKit"]),
        .testTarget(
            name: "FireWatchServerTests",
            dependencies: [
                "FireWatchServer", "FireWatchStore", "FireWatchTestKit",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        .testTarget(name: "FireWatchClientTests", dependencies: ["FireWatchClient"]),
        .testTarget(name: "FireWatchReportsTests", dependencies: ["FireWatchReports", "FireWatchTestKit"]),
        .testTarget(
            name: "IntegrationTests",
            dependencies: ["FireWatchCore", "FireWatchDecoders", "FireWatchMQTT", "FireWatchTestKit"],
            exclude: ["browser"]
        ),
    ]
)
