import DocketCore
@testable import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// A claim waits for an item's row only while its transaction holds no row at all (schema version 9).
///
/// A claim's walk locks rows it does not return: the item it found and then saw full on a fresh look (another
/// claim's lease committed in between), or a row a decision changed while the walk's statement ran (PostgreSQL keeps
/// the lock of a row that no longer matches on its second look). Before version 9, when everything further down was
/// locked, the walk went back to the top and waited there, holding those rows. Two claims doing that at once, each
/// holding the row the other waited for, deadlocked: CI saw 64 reviewers near the end of an overlap-3 queue fail
/// with "deadlock detected". Version 9 as first written (never released) let go of the first kind only, and CI
/// met the deadlock again. Here the interleavings are forced with connections that hold rows open, so they happen
/// every time.
@Suite(.enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.disabledReason)))
struct PostgresClaimLockOrderTests {
    @Test("a claim that found its item full gives up its rows instead of waiting; run again, it waits holding nothing")
    func aClaimNeverWaitsHoldingARow() throws {
        let (database, store) = try makeQueue([("top", "9", 0), ("next", "8", 0)])

        // Another claim holds the top item and is about to commit zed's lease on it; a third holds the next item.
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

        // One call of the claim: it finds both items locked, so it waits for the top one.
        let ann = try database.connect()
        let annPID = try #require(ann.execute("SELECT pg_backend_pid()").int64(0, 0))
        let call = claimOnAThread(ann)
        let watcher = try database.connect()
        try waitUntil { try isBlocked(watcher, pid: annPID, by: topHolder) }

        // Zed's lease commits: ann gets the top item's row and finds it full; the next item is still locked.
        try topHolder.execute("COMMIT")
        try waitUntil { try call.isDone || isBlocked(watcher, pid: annPID, by: nextHolder) }
        #expect(call.isDone, "ann's claim waits for the next item while it holds the top one's row")
        // Whoever holds the next item may now lock the top one without waiting for her: before version 9 she held
        // it, and a claim in that place deadlocked with hers.
        #expect(throws: Never.self, "ann's claim still holds the top item's row") {
            try probeLock(database, "top")
        }
        try nextHolder.execute("ROLLBACK")
        let refusal = #expect(throws: PostgresError.self) { try call.wait() }
        #expect(refusal?.sqlState == "40001", "a conflict to run again, not an empty queue: \(String(describing: refusal))")
        #expect(try watcher.execute("SELECT count(*) FROM leases WHERE reviewer = 'ann'").int64(0, 0) == 0)

        // Through the store, as `docket next` claims: run again, the claim sees zed's lease, skips the full top
        // item and waits for the next one, holding nothing, then leases it once its holder lets go.
        try nextHolder.execute("BEGIN")
        try nextHolder.execute("SELECT 1 FROM items WHERE external_id = 'next' FOR UPDATE")
        let claim = Outcome<Item?>()
        let storeClaim = Thread { claim.set(Result { try store.claimNext(queue: "q", reviewer: "ann", now: 1000) }) }
        storeClaim.start()
        try waitUntil {
            try watcher.execute("""
                SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query LIKE '%docket_claim_as%'
                AND $1::int = ANY (pg_blocking_pids(pid))
                """, [try #require(nextHolder.execute("SELECT pg_backend_pid()").int64(0, 0))]).int64(0, 0) == 1
        }
        #expect(throws: Never.self, "the waiting claim holds the top item's row") { try probeLock(database, "top") }
        try nextHolder.execute("COMMIT")
        #expect(try claim.wait()?.externalID == "next")
    }

    @Test("a claim whose transaction already holds a row answers 40001 rather than wait for another")
    func aClaimHoldingAnyRowNeverWaits() throws {
        // 'done' is full (decided as far as the overlap goes) and still open to the walk's index.
        let (database, _) = try makeQueue([("top", "9", 0), ("done", "5", 1)])
        let topHolder = try database.connect()
        try topHolder.execute("BEGIN")
        try topHolder.execute("SELECT 1 FROM items WHERE external_id = 'top' FOR UPDATE")

        // Ann's transaction holds the full item's row, as a walk does after it passed over a row that a decision
        // filled while the walk's statement ran (PostgreSQL keeps such a row locked), and her claim then finds the
        // only open item locked. Waiting for it there is what closed the cycle CI saw: whoever holds 'top' may be
        // about to wait for 'done'.
        let ann = try database.connect()
        try ann.execute("SET lock_timeout = '20s'")
        try ann.execute("BEGIN")
        try ann.execute("SELECT 1 FROM items WHERE external_id = 'done' FOR UPDATE")
        let started = Date()
        let refusal = #expect(throws: PostgresError.self) {
            try ann.execute("SELECT docket_claim('q', 'ann', 1000, false)")
        }
        #expect(refusal?.sqlState == "40001", "a conflict to run again, not a wait nor an empty queue: \(String(describing: refusal))")
        #expect(Date().timeIntervalSince(started) < 10, "the claim waited for the top item while holding a row")
        try ann.execute("ROLLBACK")
        let annPID = try #require(ann.execute("SELECT pg_backend_pid()").int64(0, 0))

        // On its own, holding nothing, the claim waits for the top item and takes it once its holder lets go.
        let call = claimOnAThread(ann)
        let watcher = try database.connect()
        try waitUntil { try isBlocked(watcher, pid: annPID, by: topHolder) }
        try topHolder.execute("COMMIT")
        #expect(try call.wait() == "top")
    }

    /// A database with queue `q` (overlap 1) holding the open items given as (external id, priority, label count).
    private func makeQueue(_ items: [(id: String, priority: String, labels: Int)]) throws -> (PostgresTestDatabase, PostgresReviewStore) {
        let database = try PostgresTestServer.shared().makeDatabase()
        let store = try PostgresReviewStore(url: database.url, create: true)
        let yaml = "id: q\ntitle: Q\noverlap: 1\nlease_seconds: 300\nlabels:\n  - id: bad\n    key: b\n  - id: fine\n    key: f\n"
        try store.saveQueue(try QueueFile.parse(yaml, file: "q.yml"), yaml: yaml, actor: "admin")
        let setup = try database.connect()
        for item in items {
            try setup.execute("""
                INSERT INTO items (queue_id, external_id, kind, content, meta, content_hash, created_at, ingested_at, record_hash, priority, label_count)
                VALUES ('q', $1, 'text', 'x', '{}', 'h', 0, 0, 0, $2, $3)
                """, [item.id, item.priority, item.labels])
        }
        return (database, store)
    }

    /// Starts ann's claim (one call of `docket_claim`) on a thread of its own, which uses `connection` alone from
    /// now on; the outcome is the external id of the item she got.
    private func claimOnAThread(_ connection: PostgresConnection) -> Outcome<String?> {
        nonisolated(unsafe) let connection = connection
        let call = Outcome<String?>()
        Thread {
            call.set(Result { try connection.execute("SELECT external_id FROM items WHERE id = docket_claim('q', 'ann', 1000, false)").string(0, 0) })
        }.start()
        return call
    }

    /// Whether backend `pid` waits for a lock that `holder`'s session holds.
    private func isBlocked(_ watcher: PostgresConnection, pid: Int64, by holder: PostgresConnection) throws -> Bool {
        let holderPID = try #require(holder.execute("SELECT pg_backend_pid()").int64(0, 0))
        return try watcher.execute("SELECT $2::int = ANY (pg_blocking_pids($1::int))", [pid, holderPID]).bool(0, 0) == true
    }

    /// Locks item `externalID` on a connection of its own without waiting (throwing if someone holds it), then lets go.
    private func probeLock(_ database: PostgresTestDatabase, _ externalID: String) throws {
        let probe = try database.connect()
        try probe.execute("BEGIN")
        defer { try? probe.execute("ROLLBACK") }
        try probe.execute("SELECT 1 FROM items WHERE external_id = $1 FOR UPDATE NOWAIT", [externalID])
    }

    /// Polls `condition` every 10 ms for up to 60 s; records an issue if it never holds.
    private func waitUntil(_ condition: () throws -> Bool) throws {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if try condition() { return }
            usleep(10_000)
        }
        Issue.record("the sessions never reached the expected state")
    }
}

/// The result of work done on another thread, handed over once.
private final class Outcome<Value>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var result: Result<Value, Error>?

    var isDone: Bool { lock.withLock { result != nil } }

    func set(_ result: Result<Value, Error>) {
        lock.withLock { self.result = result }
        done.signal()
    }

    func wait() throws -> Value {
        done.wait()
        done.signal()
        return try lock.withLock { result! }.get()
    }
}
