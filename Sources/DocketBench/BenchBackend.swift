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

    /// Opens a new store of this backend named `name`: a SQLite file in the run's scratch directory, or a database
    /// on the PostgreSQL server of the run.
    func openStore(_ name: String, in context: BenchContext) throws -> any ReviewStore {
        switch self {
        case .sqlite:
            return try StoreLocation.sqlite(path: context.path(name + ".sqlite")).open(create: true)
        case .postgres:
            guard let server = context.postgresURL else {
                throw BenchError("--backend postgres needs a server: --postgres-url URL or $\(Self.serverVariable)")
            }
            // Where the PostgreSQL backend plugs in: a fresh database `name` on `server` for this run.
            return try StoreLocation(server).open(create: true)
        }
    }
}
