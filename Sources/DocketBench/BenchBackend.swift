import DocketStore
import Foundation

/// Which store backend the benchmarks measure (`--backend`, SQLite by default). Figures measured on PostgreSQL
/// carry the `pg_` prefix, so one JSON object can hold both backends' figures side by side.
enum BenchBackend: String, CaseIterable, Sendable {
    case sqlite
    case postgres

    /// The environment variable naming the PostgreSQL server the benchmarks may create databases on (a superuser URL),
    /// when `--postgres-url` is not given.
    static let serverVariable = "DOCKET_BENCH_POSTGRES_URL"

    /// What this backend's figure names start with.
    var figurePrefix: String { self == .postgres ? "pg_" : "" }

    /// `name` as this backend's figure (`claim_p99_us` becomes `pg_claim_p99_us` on PostgreSQL).
    func figure(_ name: String) -> String {
        name.hasPrefix(figurePrefix) ? name : figurePrefix + name
    }

    /// Opens a new store of this backend named `name`: a SQLite file in the run's scratch directory, or a new
    /// database on the PostgreSQL server of the run.
    func openStore(_ name: String, in context: BenchContext) throws -> any ReviewStore {
        try newDatabase(name, in: context).open(create: true)
    }

    /// A new, empty database of this backend named after `name`: a path in the run's scratch directory, or a
    /// database created on the run's PostgreSQL server (dropped when the run ends). Open it as often as needed:
    /// each `open()` of a PostgreSQL location is a connection of its own.
    func newDatabase(_ name: String, in context: BenchContext) throws -> StoreLocation {
        switch self {
        case .sqlite:
            return .sqlite(path: context.path(name + ".sqlite"))
        case .postgres:
            let server = try context.postgresServer()
            let database = "docket_bench_\(name.filter { $0.isLetter || $0.isNumber })_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
            try PostgresConnection(server).execute("CREATE DATABASE \(database)")
            context.createdDatabases.append(database)
            return .postgres(url: Self.url(server, database: database))
        }
    }

    /// `server` (a postgresql:// URL) with its database replaced by `database`; the query (`?sslmode=...`) is kept.
    static func url(_ server: String, database: String) -> String {
        guard let scheme = server.range(of: "://") else { return server }
        let afterScheme = server[scheme.upperBound...]
        let query = afterScheme.firstIndex(of: "?")
        let authorityEnd = afterScheme[..<(query ?? afterScheme.endIndex)].firstIndex(of: "/") ?? query ?? afterScheme.endIndex
        return String(server[..<authorityEnd]) + "/" + database + (query.map { String(server[$0...]) } ?? "")
    }

    /// `url` logging in as `user` with `password` (letters and digits only: nothing to percent-encode) instead
    /// of the user it names.
    static func url(_ url: String, user: String, password: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let afterScheme = url[scheme.upperBound...]
        let authorityEnd = afterScheme.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? afterScheme.endIndex
        let host = afterScheme[..<authorityEnd].split(separator: "@", omittingEmptySubsequences: false).last ?? ""
        return String(url[..<scheme.upperBound]) + user + ":" + password + "@" + host + String(url[authorityEnd...])
    }
}
