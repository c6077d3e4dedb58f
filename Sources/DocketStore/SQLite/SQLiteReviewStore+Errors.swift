import DocketCore
import GRDB

// GRDB's errors stop here: the interface throws Docket's own (see ReviewStore), so every read and write of the
// SQLite backend goes through one of these.
extension SQLiteReviewStore {
    /// Runs `body` in a read transaction (a snapshot), GRDB's errors translated.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try translatingErrors { try pool.read(body) }
    }

    /// Runs `body`, turning a GRDB `DatabaseError` into a ``StoreFailure`` that names this database.
    func translatingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw Self.failure(error, path: path)
        }
    }

    /// The ``StoreFailure`` for a SQLite error on the database at `path`.
    static func failure(_ error: DatabaseError, path: String) -> StoreFailure {
        let what = error.message ?? error.description
        switch error.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return StoreFailure(.damaged, "the database '\(path)' is damaged: \(what)")
        case .SQLITE_READONLY, .SQLITE_IOERR, .SQLITE_FULL, .SQLITE_CANTOPEN, .SQLITE_PERM:
            return StoreFailure(.io, "cannot read or write the database '\(path)': \(what)")
        default:
            return StoreFailure(.other, "the database '\(path)' reported an error: \(what)")
        }
    }
}
