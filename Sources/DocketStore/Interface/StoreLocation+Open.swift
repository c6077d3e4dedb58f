import DocketCore
import Foundation

extension StoreLocation {
    /// Whether this build has the PostgreSQL backend (``PostgresReviewStore``, the whole ``ReviewStore`` interface):
    /// the conformance suite runs on it, and requires it in CI, while this is true.
    public static let hasPostgresBackend = true

    /// Opens the database here with the backend its location names, bringing its schema up to date.
    /// Without `create`, a SQLite file that does not exist is `DocketError.notFound` (it is not made by accident).
    public func open(create: Bool = false) throws -> any ReviewStore {
        switch self {
        case .sqlite(let path):
            if !create && !FileManager.default.fileExists(atPath: path) {
                throw DocketError.notFound("no database at '\(path)': create it with 'docket init --db \(path)' (the demo's database is another file: add '--db docket-demo.sqlite')")
            }
            return try SQLiteReviewStore(path: path)
        case .postgres(let url):
            return try PostgresReviewStore(url: url, create: create)
        }
    }

    /// Opens the database here for a command that only reads it (`status`, `queues`, `report`, `audit`,
    /// `export`): for writing when it can (an older SQLite file is then upgraded, as by any command), else, for
    /// a SQLite file or folder this user cannot write (a copy on read-only storage), for reading only.
    public func openForReading() throws -> any ReviewStore {
        switch self {
        case .sqlite(let path):
            do {
                return try open()
            } catch DocketError.io(_) {
                return try SQLiteReviewStore(readingAt: path)
            }
        case .postgres:
            return try open()
        }
    }
}
