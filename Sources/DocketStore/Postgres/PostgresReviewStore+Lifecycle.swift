import DocketCore
import Foundation

/// The ``ReviewStore`` conformance, and the calls about the database as a whole (checks, housekeeping).
extension PostgresReviewStore: ReviewStore {
    /// Adds a queue, or updates it (``saveQueue(_:yaml:actor:now:)`` at the current time).
    @discardableResult
    public func saveQueue(_ definition: QueueDefinition, yaml: String, actor: String) throws -> Bool {
        try saveQueue(definition, yaml: yaml, actor: actor, now: Timestamp.now())
    }

    /// "ok" when the server answers and the schema is this binary's; PostgreSQL checks its own pages
    /// (checksums, `amcheck`) and reports damage as errors on the queries that meet it.
    public func integrityCheck(full: Bool) throws -> String {
        try run(retryOnLostConnection: true) { c in
            let version = try PostgresMigrator.version(c)
            return version == PostgresSchema.latestVersion
                ? "ok" : "schema version \(version), this docket writes \(PostgresSchema.latestVersion)"
        }
    }

    /// Throws ``DocketError/newerSchema(_:)`` when a newer Docket upgraded the database since it was opened.
    public func checkWritable() throws {
        try run(retryOnLostConnection: true) { c in try PostgresMigrator.requireCurrent(c) }
    }

    /// Nothing to prepare: the server does its own housekeeping (autovacuum, checkpoints).
    public func beginInteractiveSession() throws {}

    /// Nothing to do while the reviewer reads: the server does its own housekeeping.
    public func runIdleMaintenance() throws {}

    /// The error for a part of the interface this backend does not have yet (named in the message).
    func notYetOnPostgres(_ what: String) -> DocketError {
        DocketError.unavailable("\(what) is not available on PostgreSQL in this build of docket; use a SQLite database for it")
    }
}
