@testable import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// A claim never waits for an item while it still holds another it could not use (schema version 9).
///
/// A claim locks the item it found, then looks again with a fresh view; when another claim's lease committed in
/// between, the item has no room left and the claim walks on. Before version 9 it kept that row locked until it
/// committed, and when everything further down was locked it went back to the top and waited there. Two claims
/// doing that at once, each holding the row the other waited for, deadlocked: CI saw 64 reviewers near the end of
/// an overlap-3 queue fail with "deadlock detected". Here the interleaving is forced with two connections that
/// hold rows open, so it happens every time.
@Suite(.enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.disabledReason)))
struct PostgresClaimLockOrderTests {
    @Test("a claim waiting for one item holds no lock on an item it found full")
    func aWaitingClaimHoldsNothing() throws {
        let database = try PostgresTestServer.shared().makeDatabase()
        let setup = try database.connect()
        try PostgresMigrator.migrate(setup)
        try setup.execute("INSERT INTO queues VALUES ('q', 'Q', 'id: q', 1, 0, 300, 0)")
        try setup.execute("""
            INSERT INTO items (queue_id, external_id, kind, content, meta, content_hash, created_at, ingested_at, record_hash, priority)
            VALUES ('q', 'top', 'text', 'x', '{}', 'h', 0, 0, 0, '9'), ('q', 'next', 'text', 'x', '{}', 'h', 0, 0, 0, '8')
            """)

        // Another claim holds the top item and is about to commit its lease there; a third holds the next item.
        let topHolder = try database.connect()
        try topHolder.execute("BEGIN")
        try topHolder.execute("SELECT 1 FROM items WHERE external_id = 'top' FOR UPDATE")
        try topHolder.execute("""
            INSERT INTO leases (item_id, reviewer, queue_id, claimed_at, expires_at)
            SELECT id, 'zed', 'q', 1000, 1300 FROM items WHERE external_id = 'top'
            """)
        let nextHolder = try database.connect()
        try nextHolder.execute("BEGIN")
        try nextHolder.execute("SELECT 1 FROM items WHERE external_id = 'next' FOR UPDATE")

        // Ann's claim finds both locked, so it waits for the top one.
        let ann = try database.connect()
        let annPID = try #require(ann.execute("SELECT pg_backend_pid()").int64(0, 0))
        let claimed = ClaimOutcome()
        nonisolated(unsafe) let annConnection = ann  // used by that thread alone from here on
        let thread = Thread {
            claimed.set(Result { try annConnection.execute("SELECT external_id FROM items WHERE id = docket_claim('q', 'ann', 1000, false)").string(0, 0) })
        }
        thread.start()
        let watcher = try database.connect()
        try waitUntil(watcher, pid: annPID, isBlockedBy: topHolder)

        // Zed's lease commits: ann gets the top item's row, finds it full, and walks on to wait for the next item.
        try topHolder.execute("COMMIT")
        try waitUntil(watcher, pid: annPID, isBlockedBy: nextHolder)

        // While she waits, the top item she could not use is free: whoever holds the next item may lock it without
        // waiting for her (before version 9, she held it: a claim doing this deadlocked with her).
        let probe = try database.connect()
        try probe.execute("BEGIN")
        #expect(throws: Never.self, "ann still holds the top item's row while she waits") {
            try probe.execute("SELECT 1 FROM items WHERE external_id = 'top' FOR UPDATE NOWAIT")
        }
        try probe.execute("ROLLBACK")

        try nextHolder.execute("COMMIT")
        let outcome = try claimed.wait()
        #expect(outcome == "next", "the next item had room once its holder committed without a lease")
        #expect(try watcher.execute("SELECT count(*) FROM leases WHERE reviewer = 'ann'").int64(0, 0) == 1)
    }

    /// Waits (up to 60 s) until the backend `pid` waits for a lock that `holder`'s session holds.
    private func waitUntil(_ watcher: PostgresConnection, pid: Int64, isBlockedBy holder: PostgresConnection) throws {
        let holderPID = try #require(holder.execute("SELECT pg_backend_pid()").int64(0, 0))
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let blocked = try watcher.execute("SELECT $2::int = ANY (pg_blocking_pids($1::int))", [pid, holderPID]).bool(0, 0)
            if blocked == true { return }
            usleep(10_000)
        }
        Issue.record("backend \(pid) never waited for backend \(holderPID)")
    }
}

/// The result of a claim made on another thread, handed over once.
private final class ClaimOutcome: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<String?, Error> = .success(nil)

    func set(_ result: Result<String?, Error>) {
        self.result = result
        done.signal()
    }

    func wait() throws -> String? {
        done.wait()
        return try result.get()
    }
}
