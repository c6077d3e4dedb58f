// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Docket",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "docket", targets: ["docket"]),
        .executable(name: "DocketBench", targets: ["DocketBench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // SHA-256 for content hashes and export checksums: BoringSSL's assembly (Docs/benchmarks.md, sha256 figures).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // Property-based tests of the importer and the content sanitiser (issue: hostile input).
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // Heap for the k-way merge of the export's external sort (DocketCore/Spill/SortedRecords.swift).
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        // Pure domain logic: no SQL, no terminal, no files, no threads (CorePurityTests checks the sources).
        .target(
            name: "DocketCore",
            dependencies: [.product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "HeapModule", package: "swift-collections")]
        ),
        // Work on threads and files that the pure core leaves to others: reading import files, writing export
        // files, the split's temporary files, the import's read-ahead and the report's second thread.
        .target(
            name: "DocketIO",
            dependencies: ["DocketCore"]
        ),
        // The only module that speaks SQL.
        .target(
            name: "DocketStore",
            dependencies: [
                "DocketCore", "DocketIO",
                .product(name: "GRDB", package: "GRDB.swift"),
                // The SQLite C API, for the import's inner loop (Import/RawStatement.swift).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
                // The PostgreSQL backend (Postgres/): libpq, PostgreSQL's own C client.
                "CLibPQ",
            ]
        ),
        .systemLibrary(
            name: "CLibPQ",
            path: "Sources/CLibPQ",
            providers: [.apt(["libpq-dev"])]
        ),
        .systemLibrary(
            name: "CNCurses",
            path: "Sources/CNCurses",
            providers: [.apt(["libncursesw5-dev"])]
        ),
        // Image decoding (PNG, JPEG, GIF's first frame, WebP when its loader is installed) and drawing in
        // terminal cells: Debian's gdk-pixbuf and libchafa, for the review screen's images (issue 18).
        .systemLibrary(
            name: "CGdkPixbuf",
            path: "Sources/CGdkPixbuf",
            pkgConfig: "gdk-pixbuf-2.0",
            providers: [.apt(["libgdk-pixbuf-2.0-dev"])]
        ),
        .systemLibrary(
            name: "CChafa",
            path: "Sources/CChafa",
            pkgConfig: "chafa",
            providers: [.apt(["libchafa-dev"])]
        ),
        // Images for review: hostile-file checks, bounded decoding, masking, and cells for the screen model.
        .target(
            name: "DocketImages",
            dependencies: ["DocketCore", "CGdkPixbuf", "CChafa"]
        ),
        // Screens as plain models (cells and styles) plus the thin ncurses layer that draws them.
        .target(
            name: "DocketTUI",
            dependencies: ["DocketCore", "DocketStore", "DocketImages", "CNCurses", .product(name: "Yams", package: "Yams")],
            // The shipped themes (Themes/*.yml), compiled in: `--theme light` works wherever docket is installed.
            plugins: ["EmbedShippedFiles"]
        ),
        .executableTarget(
            name: "docket",
            dependencies: [
                "DocketCore", "DocketIO", "DocketStore", "DocketTUI", "DocketImages",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The example queues (Queues/*.yml) and the demo data (Demo/), compiled in by the plugin.
            exclude: ["Demo"],
            plugins: ["EmbedShippedFiles"]
        ),
        // Compiles the files Docket ships into the binary (Plugins/EmbedShippedFiles), so an install is one file.
        .plugin(name: "EmbedShippedFiles", capability: .buildTool(), dependencies: ["EmbedFilesTool"]),
        .executableTarget(name: "EmbedFilesTool"),
        .executableTarget(
            name: "DocketBench",
            dependencies: [
                "DocketCore", "DocketIO", "DocketStore", "DocketTUI", "DocketImages", "CGdkPixbuf",
                .product(name: "Crypto", package: "swift-crypto"),
                // SQLite's own floors under Docket's figures, through the bare C API (FloorBench.swift).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                // --backend postgres without a server starts a private cluster, as the tests do (.ci/postgres-cluster).
                "PostgresTestSupport",
            ]
        ),
        .testTarget(
            name: "DocketCoreTests",
            // DocketIO: the core's parsers and export are tested on real files, read and written as docket does.
            dependencies: ["DocketCore", "DocketIO", "TestScratch", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        // The tests' files: one folder per test process, removed when it exits.
        .target(name: "TestScratch", path: "Tests/TestScratch"),
        // Starts (or finds) the private PostgreSQL cluster the PostgreSQL tests use (.ci/postgres-cluster).
        .target(
            name: "PostgresTestSupport",
            dependencies: ["DocketStore"],
            path: "Tests/PostgresTestSupport"
        ),
        .testTarget(
            name: "DocketIOTests",
            dependencies: ["DocketCore", "DocketIO"]
        ),
        .testTarget(
            name: "DocketStoreTests",
            dependencies: [
                "DocketCore", "DocketIO", "DocketStore", "PostgresTestSupport", "TestScratch", .product(name: "PropertyBased", package: "swift-property-based"),
                // Tests read the raw tables (audit, decisions) to check what the API does not show.
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "DocketImagesTests",
            dependencies: ["DocketCore", "DocketImages"]
        ),
        .testTarget(
            name: "DocketTUITests",
            dependencies: ["DocketCore", "DocketIO", "DocketTUI", "DocketImages", "TestScratch", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        // Drives the real `docket` binary: CLI scripts, several processes, tmux.
        .testTarget(
            name: "DocketEndToEndTests",
            dependencies: ["docket", "DocketCore", "DocketStore", "DocketImages", "PostgresTestSupport", "TestScratch", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
