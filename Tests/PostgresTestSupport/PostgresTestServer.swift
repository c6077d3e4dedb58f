import DocketStore
import Foundation

/// The PostgreSQL server Docket's tests run against: the one `.ci/run` started (named by
/// `DOCKET_TEST_POSTGRES_URL`, a superuser URL, and `DOCKET_TEST_POSTGRES_DIR`, its folder), or else a
/// private cluster this test process starts itself with `.ci/postgres-cluster` and stops when it exits.
/// Tests never touch a server they (or `.ci/run`) did not start.
public final class PostgresTestServer: @unchecked Sendable {
    /// A superuser URL to the `postgres` maintenance database.
    public let adminURL: String
    /// The cluster's folder (data, log, socket), for restarts.
    public let folder: String

    /// For a cluster started with TLS (``startPrivate(tls:)``): its loopback port and the file of the throwaway
    /// authority that signed its certificate (what a client names as `sslrootcert`). Nil otherwise.
    public let tls: (port: Int, rootCertificate: String)?

    /// Whether releasing this value stops the server (a cluster of one test's own, see ``startPrivate(tls:)``).
    private let stopsWhenReleased: Bool

    private init(adminURL: String, folder: String, tls: (port: Int, rootCertificate: String)? = nil, stopsWhenReleased: Bool = false) {
        self.adminURL = adminURL
        self.folder = folder
        self.tls = tls
        self.stopsWhenReleased = stopsWhenReleased
    }

    deinit {
        if stopsWhenReleased { _ = try? Self.runScript(["stop", folder]) }
    }

    /// A cluster for one test alone (the fault tests restart it, which the shared one must not suffer),
    /// stopped and removed when the returned value goes away. With `tls`, it also listens on a loopback port
    /// that accepts only TLS connections (`.ci/postgres-cluster start --tls`; see ``tls``).
    public static func startPrivate(tls: Bool = false) throws -> PostgresTestServer {
        let values = try startCluster(tls ? ["start", "--tls"] : ["start"])
        var endpoint: (port: Int, rootCertificate: String)?
        if tls {
            guard let port = values["DOCKET_TEST_POSTGRES_TLS_PORT"].flatMap(Int.init), let root = values["DOCKET_TEST_POSTGRES_TLS_CA"] else {
                throw PostgresError(.unavailable, "postgres-cluster start --tls printed no TLS port: \(values)")
            }
            endpoint = (port, root)
        }
        return PostgresTestServer(adminURL: values["DOCKET_TEST_POSTGRES_URL"]!, folder: values["DOCKET_TEST_POSTGRES_DIR"]!,
                                  tls: endpoint, stopsWhenReleased: true)
    }

    /// Starts PgBouncer in front of this cluster with `poolMode` (`session` or `transaction`), on a unix socket
    /// in the cluster's folder, and returns its URL as the superuser (``url(database:user:password:)``'s form).
    /// Each user logs in to it with their own password; it is stopped with the cluster.
    ///
    /// With `tls` (a cluster from ``startPrivate(tls:)`` with TLS), PgBouncer listens on a loopback port instead,
    /// requires TLS from clients and reaches the server over verified TLS; the URL then names no user and asks
    /// for `sslmode=verify-full` with the cluster's authority (`postgresql://localhost:PORT/postgres?sslmode=...`).
    public func startPgBouncer(poolMode: String, tls: Bool = false) throws -> String {
        let output = try Self.runScript(["pgbouncer", folder, poolMode] + (tls ? ["--tls"] : []))
        guard let url = Self.values(in: output)[tls ? "DOCKET_TEST_PGBOUNCER_TLS_URL" : "DOCKET_TEST_PGBOUNCER_URL"] else {
            throw PostgresError(.unavailable, "postgres-cluster pgbouncer printed no URL: \(output)")
        }
        return url
    }

    /// Whether PostgreSQL tests should run: always in CI (`CI=true`, where a missing server must fail the run,
    /// never skip it), else when a server was handed over or PostgreSQL is installed here.
    public static var shouldRun: Bool {
        let environment = ProcessInfo.processInfo.environment
        if environment["CI"] == "true" || environment["DOCKET_TEST_POSTGRES_URL"] != nil { return true }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        return versions.contains { FileManager.default.isExecutableFile(atPath: "/usr/lib/postgresql/\($0)/bin/initdb") }
    }

    /// Whether the PgBouncer tests should run: always in CI (`.ci/run` installs PgBouncer, so a missing one fails
    /// there), else when PostgreSQL tests run and PgBouncer is installed here.
    public static var shouldRunPgBouncer: Bool {
        guard shouldRun else { return false }
        if ProcessInfo.processInfo.environment["CI"] == "true" { return true }
        return ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"].contains { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Why PostgreSQL tests are disabled here (shown by the test runner).
    public static let disabledReason = "PostgreSQL is not installed (apt-get install postgresql libpq-dev); with CI=true these tests fail instead"

    /// The server for this test run, started on first use. Throws (failing the test) when none can be had.
    public static func shared() throws -> PostgresTestServer {
        try lock.withLock {
            if let server { return server }
            let started = try start()
            server = started
            return started
        }
    }

    /// A new, empty database on the server, dropped when the returned value goes away.
    public func makeDatabase() throws -> PostgresTestDatabase {
        let name = "docket_t_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
        try PostgresConnection(adminURL).execute("CREATE DATABASE \(name)")
        return PostgresTestDatabase(server: self, name: name)
    }

    /// A URL to `database` as `user` (the superuser `docket` by default), with `password` when given.
    public func url(database: String, user: String = "docket", password: String? = nil) -> String {
        var url = adminURL.replacingOccurrences(of: "/postgres", with: "/" + database, options: .backwards)
        if user != "docket" || password != nil {
            let credentials = user + (password.map { ":" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? $0) } ?? "")
            url = url.replacingOccurrences(of: "://docket@", with: "://\(credentials)@")
        }
        return url
    }

    /// `pg_ctl restart -m fast`: every connection is cut, the server comes back (the fault tests).
    public func restart() throws {
        try Self.runScript(["restart", folder])
    }

    /// `pg_ctl stop -m fast`, keeping the folder: the server is down (every connection cut, new ones refused)
    /// until ``startAgain()``. For a private cluster only: the shared one serves other tests.
    public func halt() throws {
        try Self.runScript(["halt", folder])
    }

    /// Starts a server stopped by ``halt()`` again, with the settings it had, and waits until it accepts connections.
    public func startAgain() throws {
        try Self.runScript(["resume", folder])
    }

    // MARK: starting and stopping

    private static let lock = NSLock()
    nonisolated(unsafe) private static var server: PostgresTestServer?
    nonisolated(unsafe) private static var ownedFolder: String?

    private static func start() throws -> PostgresTestServer {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["DOCKET_TEST_POSTGRES_URL"] {
            return PostgresTestServer(adminURL: url, folder: environment["DOCKET_TEST_POSTGRES_DIR"] ?? "")
        }
        let values = try startCluster(["start"])
        let (url, folder) = (values["DOCKET_TEST_POSTGRES_URL"]!, values["DOCKET_TEST_POSTGRES_DIR"]!)
        ownedFolder = folder
        // Stop the private cluster when the test process ends, however the tests went.
        atexit { if let folder = PostgresTestServer.ownedFolder { _ = try? PostgresTestServer.runScript(["stop", folder]) } }
        return PostgresTestServer(adminURL: url, folder: folder)
    }

    /// Starts a cluster with `.ci/postgres-cluster` and `arguments` and returns the `NAME=value` lines it
    /// printed, which hold at least its superuser URL and folder.
    private static func startCluster(_ arguments: [String]) throws -> [String: String] {
        let output = try runScript(arguments)
        let values = Self.values(in: output)
        guard values["DOCKET_TEST_POSTGRES_URL"] != nil, values["DOCKET_TEST_POSTGRES_DIR"] != nil else {
            throw PostgresError(.unavailable, "postgres-cluster start printed no URL: \(output)")
        }
        return values
    }

    /// The `NAME=value` lines of the script's output.
    private static func values(in output: String) -> [String: String] {
        var values: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { values[parts[0]] = parts[1] }
        }
        return values
    }

    /// The repository's `.ci/postgres-cluster`, found from this file's place in the tree.
    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".ci/postgres-cluster").path
    }

    /// Runs the script to its end (``SpawnedProgram``: the server it starts lives on).
    @discardableResult
    static func runScript(_ arguments: [String]) throws -> String {
        let result = SpawnedProgram.run(script, arguments)
        guard result.status == 0 else {
            throw PostgresError(.unavailable, "\(script) \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)")
        }
        return result.stdout
    }
}
