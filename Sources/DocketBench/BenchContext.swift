import DocketCore
import DocketStore
import Foundation
import PostgresTestSupport

/// What every benchmark gets: the run's settings, a scratch directory that is removed at exit,
/// and review databases of synthetic items built once and shared between benchmarks.
final class BenchContext {
    /// `--quick`: small sizes, one run each, for a smoke test in CI (a few seconds).
    let quick: Bool
    /// `--export-items`: further queue sizes for the export benchmark (its memory's growth with the queue).
    let extraExportSizes: [Int]
    /// A fresh temporary directory for this run.
    let directory: String
    /// `--backend`: the store the benchmarks measure.
    let backend: BenchBackend
    /// `--postgres-url` or `$DOCKET_BENCH_POSTGRES_URL`: the server `--backend postgres` creates its databases on.
    let postgresURL: String?
    /// Databases this run created on the PostgreSQL server (dropped by ``cleanUp()``).
    var createdDatabases: [String] = []
    /// Login roles this run created on the PostgreSQL server (dropped by ``cleanUp()``, after the databases).
    var createdRoles: [String] = []
    /// The private cluster this run started, when no server was given (stopped by ``cleanUp()``).
    private var privateCluster: PostgresTestServer?
    private var databases: [Int: ImportRun] = [:]
    private var fileCounter = 0

    init(quick: Bool, extraExportSizes: [Int] = [], backend: BenchBackend = .sqlite, postgresURL: String? = nil) throws {
        self.quick = quick
        self.extraExportSizes = extraExportSizes
        self.backend = backend
        self.postgresURL = postgresURL
        var template = Array((NSTemporaryDirectory() + "/docket-bench-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw BenchError("cannot create a temporary directory") }
        directory = String(cString: made)
    }

    /// Removes the scratch directory, unless DOCKET_BENCH_KEEP is set (to inspect the databases).
    func cleanUp() {
        if ProcessInfo.processInfo.environment["DOCKET_BENCH_KEEP"] != nil {
            log("kept \(directory)")
            return
        }
        if !createdDatabases.isEmpty, let server = try? postgresServer(), let admin = try? PostgresConnection(server) {
            for database in createdDatabases { _ = try? admin.execute("DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
            for role in createdRoles { _ = try? admin.execute("DROP ROLE IF EXISTS \(role)") }
        }
        privateCluster = nil  // stops it
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The superuser URL of the PostgreSQL server `--backend postgres` measures: `--postgres-url` or
    /// `$DOCKET_BENCH_POSTGRES_URL`, else a private cluster started now with `.ci/postgres-cluster` (a temporary
    /// folder, a unix socket, stopped when the run ends).
    func postgresServer() throws -> String {
        if let postgresURL { return postgresURL }
        if let privateCluster { return privateCluster.adminURL }
        log("starting a private PostgreSQL cluster (.ci/postgres-cluster start)")
        let cluster = try PostgresTestServer.startPrivate()
        privateCluster = cluster
        return cluster.adminURL
    }

    /// A new path inside the scratch directory.
    func path(_ name: String) -> String {
        fileCounter += 1
        return "\(directory)/\(fileCounter)-\(name)"
    }

    /// A folder for a benchmark's large database: under `$DOCKET_BENCH_DATA` when set, so that later
    /// runs reuse it instead of importing a million items again; else a new path in the scratch directory.
    func dataPath(_ name: String) -> String {
        if let root = ProcessInfo.processInfo.environment["DOCKET_BENCH_DATA"], !root.isEmpty {
            return "\(root)/\(name)-\(quick ? "quick" : "full")"
        }
        return path(name)
    }

    /// Progress for the person running the benchmark (standard error, so --json stays clean).
    func log(_ message: String) {
        FileHandle.standardError.write(Data(("  " + message + "\n").utf8))
    }

    /// A review database holding `count` synthetic items in queue ``SyntheticItems/queueID``, built by
    /// a measured import the first time it is asked for. Benchmarks may add decisions and leases to it
    /// (a few thousand at most, so that later benchmarks still see a queue of `count` items).
    func database(items count: Int) throws -> ImportRun {
        if let run = databases[count] { return run }
        let run = try ImportRun.measure(items: count, in: self)
        databases[count] = run
        return run
    }

    /// Opens a store on the bench queue's database at `path` (creating it and the queue when new).
    static func openStore(_ path: String) throws -> ReviewStore {
        let store = try SQLiteReviewStore(path: path)
        if try store.queueIDs().contains(SyntheticItems.queueID) == false {
            let definition = try QueueFile.parse(SyntheticItems.queueYAML, file: "bench queue")
            try store.saveQueue(definition, yaml: SyntheticItems.queueYAML, actor: "bench")
        }
        return store
    }
}

/// "10k", "1m": a count as the short suffix used in figure names.
func sizeLabel(_ count: Int) -> String {
    if count >= 1_000_000 && count % 1_000_000 == 0 { return "\(count / 1_000_000)m" }
    if count >= 1_000 && count % 1_000 == 0 { return "\(count / 1_000)k" }
    return String(count)
}
