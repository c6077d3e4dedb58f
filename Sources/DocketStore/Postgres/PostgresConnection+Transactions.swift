import CLibPQ
import Foundation

/// How a transaction sees other transactions' changes.
public enum PostgresIsolation: String, Sendable {
    /// Each statement sees what was committed before it began (claims, decisions: row locks do the rest).
    case readCommitted = "READ COMMITTED"
    /// Every statement sees one snapshot taken at the first one (exports and reports).
    case repeatableRead = "REPEATABLE READ"
    /// As if the transactions ran one after another; the server may refuse one, which is then retried.
    case serializable = "SERIALIZABLE"
}

extension PostgresConnection {
    /// Runs `body` in one transaction, committed when it returns and rolled back when it throws.
    ///
    /// A serialization failure or deadlock rolls everything back, so the whole body runs again
    /// (``retryingConflicts(attempts:_:)``). A broken connection is not retried here: whether a COMMIT in
    /// flight took effect cannot be known, and the caller decides.
    public func transaction<T>(_ isolation: PostgresIsolation = .readCommitted, readOnly: Bool = false, attempts: Int = 8,
                               _ body: (PostgresConnection) throws -> T) throws -> T {
        try retryingConflicts(attempts: attempts) {
            do {
                try execute("BEGIN ISOLATION LEVEL \(isolation.rawValue)\(readOnly ? " READ ONLY" : "")")
                inManagedTransaction = true
                waitForDurableCommit = false
                defer { inManagedTransaction = false }
                let value = try body(self)
                // One round trip: the commit, then (outside the audit chain's lock) the wait for the disk.
                try execute(waitForDurableCommit ? "COMMIT; SELECT docket_wait_durable()" : "COMMIT")
                return value
            } catch {
                rollbackQuietly()
                throw error
            }
        }
    }

    /// Runs `body`, which must be one whole transaction (a statement on its own, or a BEGIN to COMMIT), and runs it
    /// again when the server refused it as conflicting with another (a serialization failure or deadlock, SQLSTATE
    /// 40001, 40P01, which roll it back whole): up to `attempts` times, after a short random pause that grows with
    /// each attempt. The last refusal is thrown.
    public func retryingConflicts<T>(attempts: Int = 8, _ body: () throws -> T) throws -> T {
        var attempt = 1
        while true {
            do {
                return try body()
            } catch let error as PostgresError where error.kind == .retry && attempt < attempts {
                attempt += 1
                usleep(UInt32.random(in: 500...(2_000 * UInt32(attempt))))
            }
        }
    }

    /// For a statement that appends to the audit log (``PostgresReviewStore`` code, or a server function that calls
    /// `docket_audit_append`): inside ``transaction(_:readOnly:attempts:_:)``, returns a select-list item to add to
    /// that statement, which lets the COMMIT leave the audit chain's lock without waiting for the disk, and makes
    /// `transaction` wait for the disk right after (same round trip). Outside it, returns "" (the commit waits
    /// for the disk while holding the lock: correct, only slower).
    func auditCommitWithoutDiskWait() -> String {
        guard inManagedTransaction else { return "" }
        waitForDurableCommit = true
        return ", set_config('synchronous_commit', 'off', true)"
    }

    /// Ends a failed transaction; a broken connection has nothing to roll back.
    func rollbackQuietly() {
        if isAlive && inTransaction { _ = try? execute("ROLLBACK") }
    }

    /// Reads the rows of `sql` through a server-side cursor, `batch` rows per round trip, calling `row` for
    /// each with the batch's result and the row's index in it: memory stays flat whatever the table's size.
    /// Must run inside a transaction (the cursor lives until its end).
    public func forEachRow(_ sql: String, _ parameters: [(any PostgresEncodable)?] = [], batch: Int = 2_000,
                           _ row: (PostgresResult, Int) throws -> Void) throws {
        precondition(inTransaction, "forEachRow needs a transaction: a cursor lives until its end")
        let cursor = "docket_cursor_\(UInt32.random(in: 0...UInt32.max))"
        try execute("DECLARE \(cursor) NO SCROLL CURSOR FOR \(sql)", parameters)
        while true {
            let rows = try execute("FETCH \(batch) FROM \(cursor)")
            for index in 0..<rows.rowCount { try row(rows, index) }
            if rows.rowCount < batch { break }
        }
        try execute("CLOSE \(cursor)")
    }
}
