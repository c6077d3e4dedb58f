import DocketCore
import Foundation

extension StoreLocation {
    /// Opens the database here with the backend its location names, bringing its schema up to date.
    /// Without `create`, a SQLite file that does not exist is `DocketError.notFound` (it is not made by accident).
    /// Throws `DocketError.unavailable` for a backend this build does not have.
    public func open(create: Bool = false) throws -> any ReviewStore {
        switch self {
        case .sqlite(let path):
            if !create && !FileManager.default.fileExists(atPath: path) {
                throw DocketError.notFound("no database at '\(path)': run 'docket init --db \(path)' (or 'docket demo') first")
            }
            return try SQLiteReviewStore(path: path)
        case .postgres:
            // The PostgreSQL backend plugs in here: `return try PostgresReviewStore(location: self, create: create)`.
            throw DocketError.unavailable("cannot open \(self): this build of docket has no PostgreSQL backend yet; use a SQLite file path")
        }
    }
}
