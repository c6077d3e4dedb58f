import DocketCore

extension PostgresReviewStore {
    /// Runs `body` with an ``ExportSource`` over one consistent snapshot of the database: one REPEATABLE READ,
    /// READ ONLY transaction, so both export passes see the same items and decisions while reviewers keep
    /// deciding, read through server-side cursors so memory stays flat in the queue's size.
    public func withExportSnapshot<T>(_ body: (ExportSource) throws -> T) throws -> T {
        // Never retried: `body` writes files as it reads.
        try readSnapshot(retry: false) { c in try body(PostgresExportSource(connection: c)) }
    }

    /// What identifies the data an export of `queue` was made from, for its manifest: the database's random
    /// id, and the queue's item and decision counts and last decision id (they change whenever anything that
    /// could change the export does).
    public func exportIdentity(queue: String) throws -> [(String, JSONValue)] {
        try readSnapshot(retry: true) { c in
            let id = try c.execute("SELECT value FROM docket_info WHERE key = 'database_id'").string(0, 0) ?? ""
            let items = try c.execute("SELECT count(*) FROM items WHERE queue_id = $1", [queue]).int64(0, 0) ?? 0
            let row = try c.execute("SELECT count(*), max(id) FROM decisions WHERE queue_id = $1", [queue])
            return [
                ("database_id", .string(id)),
                ("queue_items", .number(String(items))),
                ("queue_decisions", .number(String(row.int64(0, 0) ?? 0))),
                ("last_decision_id", row.int64(0, 1).map { .number(String($0)) } ?? .null),
            ]
        }
    }
}
