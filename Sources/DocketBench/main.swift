import DocketCore
import DocketStore
import Foundation

// DocketBench: the figures the issues ask for, measured on synthetic data through Docket's real code
// paths and real SQLite files. `swift run -c release DocketBench [--json] [--quick] [--only NAME]`.
// See Docs/benchmarks.md for what each figure means.

/// One named benchmark: a function that returns its figures by name (see Docs/benchmarks.md).
struct Benchmark {
    var name: String
    /// One line for `--help`.
    var summary: String
    /// Figure name -> the target the issue sets, shown next to the figure.
    var targets: [String: Target] = [:]
    /// The backends it measures (`--backend`); the SQLite benchmarks below read files and pages SQLite has alone.
    var backends: Set<BenchBackend> = [.sqlite]
    var run: (BenchContext) throws -> [String: Double]
}

/// A goal for one figure.
enum Target {
    case atLeast(Double)
    case below(Double)

    func isMet(by value: Double) -> Bool {
        switch self {
        case .atLeast(let goal): return value >= goal
        case .below(let goal): return value < goal
        }
    }

    var text: String {
        switch self {
        case .atLeast(let goal): return ">= \(formatted(goal))"
        case .below(let goal): return "< \(formatted(goal))"
        }
    }
}

// The benchmarks, in the order they run. To add one, add a line here; its function returns figures
// whose names say their unit. The context gives --quick (`context.quick`), a scratch directory
// (`context.path(name)`) and review databases of synthetic items built once per run
// (`try context.database(items: n).database`, a path; queue `SyntheticItems.queueID`). For example:
//   Benchmark(name: "agreement", summary: "...", run: { _ in try runAgreementBench() }),
//   Benchmark(name: "export", summary: "...", run: { try runExportBench(quick: $0.quick) }),
let benchmarks: [Benchmark] = [
    Benchmark(name: "import", summary: "import items/s, re-import, bytes per item, peak memory at two sizes",
              targets: ["import_items_per_s": .atLeast(200_000), "import_items_per_s_1m": .atLeast(200_000)],
              run: runImportBench),
    Benchmark(name: "claim", summary: "claim and claim+decide latency at 10k and 1M items",
              targets: ["claim_p99_us_10k": .below(1_000), "claim_p99_us_1m": .below(1_000), "claim_p99_us": .below(1_000),
                        "claim_p99_us_1m_leased_top": .below(1_000), "claim_p99_us_1m_reviewer_ahead": .below(1_000)],
              run: runClaimBench),
    Benchmark(name: "review", summary: "review screen: label key to next item drawn (p50, p99), peak memory",
              targets: ["review_key_to_next_p99_ms": .below(5), "review_peak_rss_mb": .below(40)],
              backends: [.sqlite, .postgres],
              run: { context in
                  // On PostgreSQL a new database each run (the import is the store's COPY path, about a minute at 1M).
                  try runReviewBench(items: context.quick ? 10_000 : 1_000_000, decisions: context.quick ? 200 : 2_000,
                                     directory: context.backend == .sqlite ? context.dataPath("review") : nil,
                                     database: context.backend == .postgres ? try context.backend.newDatabase("review", in: context) : nil)
              }),
    Benchmark(name: "image", summary: "review screen: first draw of a 1024x1024 JPEG image item (p50, p99), reveal, decode floor",
              targets: ["review_image_first_draw_p99_ms": .below(50)],
              run: { context in try runImageBench(quick: context.quick, directory: context.path("image")) }),
    Benchmark(name: "agreement", summary: "Krippendorff's alpha over 1M ratings at every level of measurement",
              targets: ["alpha_nominal_s": .below(0.05)],
              run: { _ in runAgreementBench() }),
    Benchmark(name: "export", summary: "export of decided items to JSON Lines with grouped splits: items/s, peak memory",
              targets: ["export_jsonl_items_per_s": .atLeast(500_000)],
              backends: [.sqlite, .postgres],
              run: { context in
                  if context.backend == .postgres {
                      // The same 1M decided items in a new PostgreSQL database, exported through one snapshot.
                      return try runExportBench(items: context.quick ? 20_000 : 1_000_000,
                                                database: try context.backend.newDatabase("export", in: context))
                  }
                  // A tenth of the queue first (its own database), so that the peak memory's growth with the
                  // queue shows: export_peak_rss_mb_100k beside export_peak_rss_mb (1M).
                  var tenth: [String: Double] = [:]
                  if !context.quick {
                      tenth = try runExportBench(items: 100_000, folder: context.dataPath("export"))
                  }
                  var figures = try runExportBench(items: context.quick ? 20_000 : 1_000_000, folder: context.dataPath("export"))
                  if let peak = tenth["export_peak_rss_mb"] { figures["export_peak_rss_mb_100k"] = peak }
                  for size in context.extraExportSizes {
                      let more = try runExportBench(items: size, folder: context.dataPath("export"))
                      figures["export_peak_rss_mb_\(size)"] = more["export_peak_rss_mb"]
                      figures["export_jsonl_items_per_s_\(size)"] = more["export_jsonl_items_per_s"]
                  }
                  return figures
              }),
    Benchmark(name: "split", summary: "the export's grouped split alone: 3M items through its external sort and temporary files",
              run: { context in try runSplitBench(items: context.quick ? 20_000 : 3_000_000) }),
    Benchmark(name: "floor", summary: "SQLite's own insert, read and write-transaction costs on the import's items",
              run: { context in
                  try runFloorBench(source: try context.database(items: context.quick ? 2_000 : 100_000).database,
                                    target: context.path("floor.sqlite"))
              }),
    Benchmark(name: "hash", summary: "SHA-256 MB per CPU second: Docket's beside swift-crypto's, same bytes",
              run: { try runHashBench(quick: $0.quick) }),
    Benchmark(name: "report", summary: "docket report agreement --format json end to end on 1M decisions, peak memory",
              targets: ["report_1m_s": .below(2)], backends: [.sqlite, .postgres], run: runReportBench),
    Benchmark(name: "records", summary: "per-record import work per entry for 10 to 10,000 scores, spans, turns; queue labels",
              run: { try runRecordSizeBench(quick: $0.quick) }),
    Benchmark(name: "clients", summary: "claim + decide with 1, 8, 32 and 64 reviewer connections at once: decisions/s, claim p99",
              targets: ["claim_p99_us_64_clients": .below(5_000)], backends: [.sqlite, .postgres], run: runClientsBench),
    Benchmark(name: "copy-floor", summary: "PostgreSQL: import items/s beside COPY of the same rows into the same table",
              targets: ["import_vs_copy_floor": .atLeast(0.5)], backends: [.postgres], run: runPostgresImportBench),
    Benchmark(name: "import-decisions", summary: "import of records carrying 5 decisions each beside the same records without them",
              backends: [.sqlite, .postgres], run: runDecisionImportBench),
    Benchmark(name: "store", summary: "import, claim and claim+decide through the store interface, on any --backend",
              backends: [.sqlite, .postgres], run: runStoreBench),
]

/// The command line, parsed by hand (this executable has no argument-parser dependency).
@MainActor
struct BenchOptions {
    var json = false
    var quick = false
    var only: Set<String> = []
    var exportSizes: [Int] = []
    var backend = BenchBackend.sqlite
    var postgresURL = ProcessInfo.processInfo.environment[BenchBackend.serverVariable].flatMap { $0.isEmpty ? nil : $0 }

    static let usage = """
        usage: DocketBench [--json] [--quick] [--only NAME[,NAME...]] [--backend sqlite|postgres] [--postgres-url URL]
          --json    print one JSON object of every figure (progress goes to standard error)
          --quick   small sizes and single runs: a smoke test of a few seconds
          --only    run only the named benchmarks (repeatable)
          --backend sqlite (the default) or postgres: the store the benchmarks measure; PostgreSQL's
                    figures are named pg_...
          --postgres-url URL
                    the PostgreSQL server --backend postgres creates its databases on (default:
                    $DOCKET_BENCH_POSTGRES_URL); its password is never printed
          --export-items N[,N...]
                    also export queues of these sizes (each built once under DOCKET_BENCH_DATA):
                    export_peak_rss_mb_N and export_jsonl_items_per_s_N, to see memory against queue size
          --generate N FILE
                    write N synthetic import records (the import benchmark's input) to FILE and stop:
                    for profiling `docket import` itself
        benchmarks:
        """

    static func parse(_ arguments: [String]) throws -> BenchOptions {
        var options = BenchOptions()
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--json": options.json = true
            case "--quick": options.quick = true
            case "--backend":
                guard let name = rest.popFirst(), let backend = BenchBackend(rawValue: name) else {
                    throw BenchError("--backend needs sqlite or postgres")
                }
                options.backend = backend
            case "--postgres-url":
                guard let url = rest.popFirst(), StoreLocation(url).isPostgres else {
                    throw BenchError("--postgres-url needs a postgresql:// URL")
                }
                options.postgresURL = url
            case "--only":
                guard let names = rest.popFirst() else { throw BenchError("--only needs a benchmark name") }
                options.only.formUnion(names.split(separator: ",").map(String.init))
            case "--export-items":
                let sizes = rest.popFirst()?.split(separator: ",").map { Int($0) } ?? []
                guard !sizes.isEmpty, sizes.allSatisfy({ ($0 ?? 0) > 0 }) else {
                    throw BenchError("--export-items needs item counts, e.g. 3000000")
                }
                options.exportSizes += sizes.compactMap { $0 }
            case "--generate":
                guard let count = rest.popFirst().flatMap({ Int($0) }), count > 0, let file = rest.popFirst() else {
                    throw BenchError("--generate needs a count and a file")
                }
                var generator = SyntheticItems()
                let bytes = try generator.write(count: count, to: file)
                print("wrote \(count) records (\(bytes) bytes) to \(file)")
                exit(0)
            case "-h", "--help":
                print(usage)
                for benchmark in benchmarks { print("  \(benchmark.name.padding(toLength: 10, withPad: " ", startingAt: 0))\(benchmark.summary)") }
                exit(0)
            default:
                if argument.hasPrefix("--only=") {
                    options.only.formUnion(argument.dropFirst(7).split(separator: ",").map(String.init))
                } else {
                    throw BenchError("unknown argument '\(argument)'")
                }
            }
        }
        let unknown = options.only.subtracting(benchmarks.map(\.name))
        if !unknown.isEmpty {
            throw BenchError("no benchmark named \(unknown.sorted().joined(separator: ", ")) (benchmarks: \(benchmarks.map(\.name).joined(separator: ", ")))")
        }
        let elsewhere = benchmarks.filter { options.only.contains($0.name) && !$0.backends.contains(options.backend) }.map(\.name)
        if !elsewhere.isEmpty {
            throw BenchError("\(elsewhere.joined(separator: ", ")) does not run on \(options.backend.rawValue)")
        }
        return options
    }
}

/// A figure as people read it: whole numbers for large values, three significant digits otherwise.
func formatted(_ value: Double) -> String {
    if value.isNaN || value.isInfinite { return "n/a" }
    if abs(value) >= 100 { return String(Int(value.rounded())) }
    return String(format: "%.3g", value)
}

@MainActor
func runBenchmarks() -> Int32 {
    let options: BenchOptions
    do {
        options = try BenchOptions.parse(Array(CommandLine.arguments.dropFirst()))
    } catch {
        let message = StoreLocation.withoutPasswords("\(error)")
        FileHandle.standardError.write(Data("DocketBench: \(message)\n\(BenchOptions.usage) \(benchmarks.map(\.name).joined(separator: ", "))\n".utf8))
        return 64
    }
    let context: BenchContext
    do {
        context = try BenchContext(quick: options.quick, extraExportSizes: options.exportSizes, backend: options.backend,
                                   postgresURL: options.postgresURL)
    } catch {
        FileHandle.standardError.write(Data("DocketBench: \(error)\n".utf8))
        return 1
    }
    defer { context.cleanUp() }
    var all: [(String, Double)] = []
    var failed = false
    for benchmark in benchmarks where (options.only.isEmpty || options.only.contains(benchmark.name))
        && benchmark.backends.contains(options.backend) {
        context.log("running \(benchmark.name)\(options.quick ? " (quick)" : "")")
        let figures: [String: Double]
        do {
            figures = try benchmark.run(context)
        } catch {
            FileHandle.standardError.write(Data("DocketBench: \(benchmark.name) failed: \(StoreLocation.withoutPasswords("\(error)"))\n".utf8))
            failed = true
            continue
        }
        // Each figure under its backend's name (pg_... on PostgreSQL), targets too.
        let sorted = figures.map { (options.backend.figure($0.key), $0.value) }.sorted { $0.0 < $1.0 }
        let targets = Dictionary(uniqueKeysWithValues: benchmark.targets.map { (options.backend.figure($0.key), $0.value) })
        all.append(contentsOf: sorted)
        if !options.json {
            print(benchmark.name)
            for (name, value) in sorted {
                var line = "  " + name.padding(toLength: 38, withPad: " ", startingAt: 0) + formatted(value).leftPadded(12)
                if let target = targets[name] {
                    line += "   target \(target.text): \(target.isMet(by: value) ? "met" : "NOT MET")"
                }
                print(line)
            }
        }
    }
    if options.json {
        var members: [(String, JSONValue)] = all.map { ($0.0, .number(jsonNumber($0.1))) }
        members.append(("quick", .bool(options.quick)))
        print(JSONWriter.string(.object(members)))
    }
    return failed ? 1 : 0
}

/// JSON has no NaN: a figure that could not be measured is written as -1.
func jsonNumber(_ value: Double) -> String {
    guard value.isFinite else { return "-1" }
    if value == value.rounded() && abs(value) < 1e15 { return String(Int(value)) }
    return String(format: "%.4f", value)
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}

exit(runBenchmarks())
