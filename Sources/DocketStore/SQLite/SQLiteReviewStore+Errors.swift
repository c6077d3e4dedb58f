import DocketCore
import GRDB

// GRDB's errors stop here: the interface throws Docket's own (see ReviewStore), so every read and write of the
// SQLite backend goes through one of these.
extension SQLiteReviewStore {
    /// Runs `body` in a read transaction (a snapshot), GRDB's errors translated.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try translatingErrors { try pool.read(body) }
    }

    /// Runs `body`, turning a GRDB `DatabaseError` into the ``DocketError`` it amounts to, naming this database.
    func translatingErrors<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw Self.failure(error, path: path)
        }
    }

    /// The ``DocketError`` for a SQLite error on the database at `path`.
    static func failure(_ error: DatabaseError, path: String) -> DocketError {
        error.docketError.prefixed("the database '\(path)'")
    }
}
