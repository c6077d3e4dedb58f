import DocketCore
import GRDB

/// The schema version of a database file against the one this binary knows: the number of migrations
/// applied, kept in `PRAGMA user_version` and checked with GRDB's list of applied migrations. A file written
/// by a newer Docket (a higher version, or a migration this binary has never heard of) is never migrated or
/// written: its newer parts would be damaged by code that does not know them.
struct SchemaVersion: Sendable {
    /// The version this binary writes: its number of migrations.
    static let known = Migrations.migrator.migrations.count

    /// The version recorded in the file (`user_version`; 0 for files from before it was recorded).
    var found: Int
    /// Migrations the file has applied that this binary does not know, in no particular order.
    var unknownMigrations: [String]

    /// Whether a newer Docket wrote the file.
    var isNewer: Bool { found > Self.known || !unknownMigrations.isEmpty }

    /// Reads the file's version (no writing).
    static func read(_ db: Database) throws -> SchemaVersion {
        let found = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
        var unknown: [String] = []
        if try db.tableExists("grdb_migrations") {
            let known = Set(Migrations.migrator.migrations)
            unknown = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations").filter { !known.contains($0) }.sorted()
        }
        return SchemaVersion(found: found, unknownMigrations: unknown)
    }

    /// The refusal every write meets on a newer file (exit 6), naming both versions.
    func refusal(path: String) -> DocketError {
        var version = "schema version \(found)"
        if !unknownMigrations.isEmpty {
            version += " with migrations this docket does not know (\(unknownMigrations.joined(separator: ", ")))"
        }
        return .newerSchema(
            "the database '\(path)' was written by a newer Docket (\(version)); this docket knows schema versions up to \(Self.known): nothing was written. Use the newer docket, or read it with commands that only read (status, queues, report, audit)")
    }
}
