import DocketCore
@testable import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// PostgreSQL's kept counts of a queue's items by state (PostgresSchema+ReviewCounts.swift), beyond what
/// QueueCountsTests checks on both backends: reviewers deciding at once do not queue on one counter row, and a
/// database made before the counts were kept gets them when upgraded.
@Suite(.enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.disabledReason)))
struct PostgresQueueCountsTests {
    /// Queue q's kept counts, summed over the shards: "state:items", then "reviewer=decisions on open items".
    static func keptCounts(_ c: PostgresConnection) throws -> [String] {
        try c.execute("""
            SELECT state || ':' || sum(items) FROM queue_state_counts WHERE queue_id = 'q'
            GROUP BY state HAVING sum(items) <> 0 ORDER BY state
            """).column() + c.execute("""
            SELECT reviewer || '=' || sum(items) FROM reviewer_open_counts WHERE queue_id = 'q'
            GROUP BY reviewer HAVING sum(items) <> 0 ORDER BY reviewer
            """).column()
    }

    /// The kept counts and a recount of queue q (QueueCountsTests' lists).
    private func counts(_ c: PostgresConnection) throws -> (kept: [String], recounted: [String]) {
        (try Self.keptCounts(c), try c.execute(QueueCountsTests.recountSQL.states).column() + c.execute(QueueCountsTests.recountSQL.heads).column())
    }

    /// Queue q with `count` open items c1... on `c`, at the latest schema.
    private func queueWithItems(_ c: PostgresConnection, count: Int) throws {
        try c.execute("""
            INSERT INTO queues VALUES ('q', 'Q', 'id: q', 1, 0, 300, 0);
            INSERT INTO items (queue_id, external_id, kind, content, meta, content_hash, created_at, ingested_at, record_hash, priority)
                SELECT 'q', 'c' || g, 'text', 'x', '{}', 'h', 0, 0, 0, lpad(g::text, 6, '0') FROM generate_series(1, \(count)) g;
            """)
    }

    @Test("two connections completing items at once do not wait for each other's counts")
    func concurrentChangesDoNotShareARow() throws {
        let database = try PostgresTestServer.shared().makeDatabase()
        let setup = try database.connect()
        try PostgresMigrator.migrate(setup)
        try queueWithItems(setup, count: 4)
        // Two connections whose server processes count into different shards (as two reviewers' connections do
        // but for one time in 64, when they share one and the second waits for the first's commit).
        var connections: [(PostgresConnection, Int64)] = []
        while connections.count < 2 {
            let c = try database.connect()
            let shard = try c.execute("SELECT pg_backend_pid() % 64").int64(0, 0) ?? -1
            if !connections.contains(where: { $0.1 == shard }) { connections.append((c, shard)) }
        }
        let (first, second) = (connections[0].0, connections[1].0)
        try first.execute("BEGIN")
        try first.execute("UPDATE items SET state = 1, label_count = 1 WHERE external_id = 'c1'")
        // The first transaction is still open and holds its rows: the second must not wait for them.
        try second.execute("SET lock_timeout = '2s'")
        try second.execute("UPDATE items SET state = 1, label_count = 1 WHERE external_id = 'c2'")
        try first.execute("COMMIT")
        let after = try counts(setup)
        #expect(after.kept == after.recounted)
        #expect(after.kept == ["0:2", "1:2"])
    }

    @Test("a database made before the counts were kept gets them when upgraded")
    func upgradeCountsExistingItems() throws {
        let database = try PostgresTestServer.shared().makeDatabase()
        let c = try database.connect()
        // A database made by a Docket that knew only the versions before the counts.
        let before = PostgresSchema.migrations.firstIndex(of: PostgresSchema.versionReviewCounts) ?? 0
        try c.execute("CREATE TABLE docket_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL DEFAULT current_user)")
        for (index, migration) in PostgresSchema.migrations.prefix(before).enumerated() {
            try c.execute(migration)
            try c.execute("INSERT INTO docket_schema (version) VALUES ($1)", [index + 1])
        }
        try queueWithItems(c, count: 5)
        try c.execute("""
            UPDATE items SET state = 1 WHERE external_id IN ('c1', 'c2'); UPDATE items SET is_gold = 1 WHERE external_id = 'c5';
            INSERT INTO decision_heads (item_id, reviewer, queue_id, decision_id, kind, label)
                SELECT id, 'ann', 'q', id, 'label', 'bad' FROM items WHERE external_id IN ('c1', 'c3', 'c5');
            """)
        try PostgresMigrator.migrate(c)
        let upgraded = try counts(c)
        // ann's decision on c3 is on an open item; c1 is complete and c5 gold.
        #expect(upgraded.kept == ["0:2", "1:2", "ann=1"])
        #expect(upgraded.kept == upgraded.recounted)
    }

    @Test("a reviewer reads the kept counts of their own queues through their role, and cannot write them")
    func reviewersReadTheirCountsOnly() throws {
        let team = try PostgresRoleTeam()
        let alice = try PostgresReviewStore(url: team.url(team.alice), create: false)
        let item = try #require(try alice.claimNext(queue: "qa", reviewer: team.alice))
        try alice.decide(DecisionRequest(queue: "qa", item: .external(item.externalID), reviewer: team.alice, label: "bad"))
        #expect(try alice.reviewProgress(queue: "qa", reviewer: team.alice, now: Timestamp.now()) == ReviewProgress(leftForYou: 2, done: 1, total: 3))
        let raw = try team.connect(team.alice)
        #expect(try raw.execute("SELECT DISTINCT queue_id FROM queue_state_counts").column() == ["qa"], "bob's queue qb is not hers")
        for attack in ["INSERT INTO queue_state_counts VALUES ('qa', 0, 99, 1000)", "UPDATE queue_state_counts SET items = 0",
                       "DELETE FROM reviewer_open_counts", "INSERT INTO reviewer_open_counts VALUES ('qa', 'x', 99, 5)"] {
            #expect(throws: PostgresError.self, "\(attack)") { try raw.execute(attack) }
        }
        #expect(try alice.reviewProgress(queue: "qa", reviewer: team.alice, now: Timestamp.now()) == ReviewProgress(leftForYou: 2, done: 1, total: 3))
    }
}
