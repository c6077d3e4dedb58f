@testable import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// The claim as the server runs it (`docket_claim`, schema version 2), called from many connections at once:
/// priority order, the overlap, live leases, resume, and never an item the reviewer already decided.
@Suite(.enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.disabledReason)))
struct PostgresClaimFunctionTests {
    /// A migrated database with queue `q` (overlap, lease) and `items` open items, priority descending by number.
    private func makeQueue(overlap: Int, items: Int, leaseSeconds: Int = 300) throws -> PostgresTestDatabase {
        let database = try PostgresTestServer.shared().makeDatabase()
        let connection = try database.connect()
        try PostgresMigrator.migrate(connection)
        try connection.execute("INSERT INTO queues VALUES ('q', 'Q', 'id: q', $1, 0, $2, 0)", [overlap, leaseSeconds])
        try connection.execute("""
            INSERT INTO items (queue_id, external_id, kind, content, meta, content_hash, created_at, ingested_at, record_hash, priority)
            SELECT 'q', 'item-' || lpad(g::text, 5, '0'), 'text', 'x', '{}', 'h', 0, 0, 0, lpad((100000 - g)::text, 6, '0')
            FROM generate_series(1, $1) g
            """, [items])
        return database
    }

    private func claim(_ connection: PostgresConnection, _ reviewer: String, now: Double = 1000) throws -> String? {
        let id = try connection.executePrepared("claim", "SELECT docket_claim('q', $1, $2, false)", [reviewer, now]).int64(0, 0)
        guard let id else { return nil }
        return try connection.execute("SELECT external_id FROM items WHERE id = $1", [id]).string(0, 0)
    }

    @Test("highest priority first, resume of a live lease, overlap capped by live leases, expired leases come back")
    func rules() throws {
        let database = try makeQueue(overlap: 1, items: 3, leaseSeconds: 60)
        let connection = try database.connect()
        #expect(try claim(connection, "ann") == "item-00001")
        #expect(try claim(connection, "ann") == "item-00001", "a live lease comes back (resume)")
        #expect(try claim(connection, "bob") == "item-00002", "overlap 1: ann's live lease fills item 1")
        // ann decided item 1: she never gets it again; bob's lease expired at 1060, so carl gets item 2.
        try connection.execute("""
            INSERT INTO decision_heads (item_id, reviewer, queue_id, decision_id, kind, label, decided_at)
            SELECT id, 'ann', 'q', 1, 'label', 'bad', 1000 FROM items WHERE external_id = 'item-00001';
            UPDATE items SET label_count = 1, state = 1 WHERE external_id = 'item-00001';
            DELETE FROM leases WHERE reviewer = 'ann';
            """)
        #expect(try claim(connection, "ann", now: 1001) == "item-00003")
        #expect(try claim(connection, "carl", now: 1060.5) == "item-00002", "bob's lease expired at 1060: item 2 is free again")
        #expect(try claim(connection, "dora", now: 1060.5) == nil, "item 3 is ann's (live until 1061), item 2 carl's, item 1 complete")
    }

    @Test("16 connections claiming and deciding at once: every item gets exactly its overlap, nobody twice", arguments: [1, 3])
    func concurrentClaims(overlap: Int) throws {
        let items = 60
        let database = try makeQueue(overlap: overlap, items: items)
        let reviewers = 16
        let failures = NSLock()
        nonisolated(unsafe) var errors: [String] = []
        DispatchQueue.concurrentPerform(iterations: reviewers) { index in
            let reviewer = "reviewer-\(index)"
            do {
                let connection = try database.connect()
                // A claim the server refused as meeting another (40001) is run again, as the store does.
                while let id = try connection.retryingConflicts(attempts: 8, {
                    try connection.executePrepared("claim", "SELECT docket_claim('q', $1, 1000, false)", [reviewer]).int64(0, 0)
                }) {
                    // A decision as the store will record it: lock the item, write the head, count, free the lease.
                    try connection.transaction { c in
                        try c.execute("SELECT 1 FROM items WHERE id = $1 FOR UPDATE", [id])
                        try c.execute("""
                            INSERT INTO decision_heads (item_id, reviewer, queue_id, decision_id, kind, label, decided_at)
                            VALUES ($1, $2, 'q', 0, 'label', 'bad', 1000)
                            """, [id, reviewer])
                        try c.execute("DELETE FROM leases WHERE item_id = $1 AND reviewer = $2", [id, reviewer])
                        try c.execute("""
                            UPDATE items SET label_count = (SELECT count(*) FROM decision_heads WHERE item_id = $1),
                                state = CASE WHEN (SELECT count(*) FROM decision_heads WHERE item_id = $1) >= $2 THEN 1 ELSE 0 END
                            WHERE id = $1
                            """, [id, overlap])
                    }
                }
            } catch {
                failures.withLock { errors.append("\(reviewer): \(error)") }
            }
        }
        #expect(errors.isEmpty, "\(errors)")
        let check = try database.connect()
        // A second head for the same item and reviewer would have failed on the primary key, so "nobody twice"
        // holds by construction; the overlap is what the claim must get right.
        let counts = try check.execute("""
            SELECT i.external_id, count(h.reviewer) FROM items i LEFT JOIN decision_heads h ON h.item_id = i.id
            GROUP BY i.external_id HAVING count(h.reviewer) <> $1
            """, [overlap])
        #expect(counts.rowCount == 0, "items without exactly \(overlap) decisions: \(counts.column())")
        #expect(try check.execute("SELECT count(*) FROM decision_heads").int64(0, 0) == Int64(items * overlap))
        #expect(try check.execute("SELECT count(*) FROM leases").int64(0, 0) == 0)
    }

    @Test("the claim walks the claim index, never the whole table")
    func usesTheIndex() throws {
        let database = try makeQueue(overlap: 1, items: 20_000)
        let connection = try database.connect()
        try connection.execute("ANALYZE items")
        let plan = try connection.execute("""
            EXPLAIN SELECT i.id FROM items i
             WHERE i.queue_id = 'q' AND i.state = 0 AND i.is_gold = 0
               AND NOT EXISTS (SELECT 1 FROM decision_heads h WHERE h.item_id = i.id AND h.reviewer = 'ann')
               AND docket_item_has_room(i.id, 'ann', 1000, 1)
             ORDER BY i.priority DESC, i.id LIMIT 1 FOR UPDATE OF i SKIP LOCKED
            """).column().joined(separator: "\n")
        #expect(plan.contains("items_claim"), "\(plan)")
        #expect(!plan.contains("Seq Scan on items"), "\(plan)")
    }
}
