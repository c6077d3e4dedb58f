import DocketCore
import GRDB

// GRDB's errors stop here: the interface throws Docket's own (see ReviewStore), so every read and write of the
// SQLite backend goes through one of these.
extension SQLiteReviewStore {
    /// Runs `body` in a read transaction (a snapshot), GRDB's errors translated.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try translatingErrors { try pool.read(body) }
    }

    /// Runs `body`, turning GRDB's errors (`DatabaseError`, and `RowDecodingError` for a value Docket did not write)
    /// into the ``DocketError`` each amounts to, naming this database.
    func translatingErrors<T>(_ body: () throws -> T) throws -> T {
        if let damaged = damageMark.refusal(path: path) { throw damaged }
        do {
            return try body()
        } catch let error as DatabaseError {
            if error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
                damageMark.set("SQLite error \(error.extendedResultCode.rawValue): \(error.message ?? "damaged")")
            }
            // On a newer file, SQL this binary writes may meet tables or columns it changed: that is the
            // newer schema, not a bug (damage is still reported as damage).
            if let newerSchema, error.resultCode == .SQLITE_ERROR { throw newerSchema.refusal(path: path) }
            throw Self.failure(error, path: path)
        } catch let error as RowDecodingError {
            throw error.docketError.prefixed("the database '\(path)'")
        }
    }

    /// The ``DocketError`` for a SQLite error on the database at `path`.
    static func failure(_ error: DatabaseError, path: String) -> DocketError {
        error.docketError.prefixed("the database '\(path)'")
    }
}
