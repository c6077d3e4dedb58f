import DocketCore
@testable import DocketStore
import Foundation
import Testing

/// The per-queue counts the review screen's header reads (SQLite: Migrations+QueueCounts.swift; PostgreSQL:
/// PostgresSchema+ReviewCounts.swift, in shards) against a recount of the items after every kind of change: they
/// must never drift, whichever path changes an item.
struct QueueCountsTests {
    /// Recounted: "state:items" for queue q's items by state (gold left out), then "reviewer=decisions on open items".
    static let recountSQL = (
        states: "SELECT state || ':' || count(*) FROM items WHERE queue_id = 'q' AND is_gold = 0 GROUP BY state ORDER BY state",
        heads: """
            SELECT h.reviewer || '=' || count(*) FROM decision_heads h JOIN items i ON i.id = h.item_id
            WHERE h.queue_id = 'q' AND i.state = 0 AND i.is_gold = 0 GROUP BY h.reviewer ORDER BY h.reviewer
            """)

    /// Kept counts and a recount, as "state:items" then "reviewer=decisions on open items" lists (gold items left out).
    private func compare(_ f: StoreFixture) throws -> (kept: [String], recounted: [String]) {
        if let database = f.postgresDatabase {
            let c = try database.connect()
            return (try PostgresQueueCountsTests.keptCounts(c), try c.execute(Self.recountSQL.states).column() + c.execute(Self.recountSQL.heads).column())
        }
        return try f.sqlite.pool.read { db in
            let kept = try String.fetchAll(db, sql: "SELECT state || ':' || items FROM queue_counts WHERE queue_id = 'q' AND items <> 0 ORDER BY state")
            let recounted = try String.fetchAll(db, sql: Self.recountSQL.states)
            // And each reviewer's decisions in force on open items.
            let keptHeads = try String.fetchAll(db, sql: """
                SELECT reviewer || '=' || items FROM reviewer_open_heads WHERE queue_id = 'q' AND items <> 0 ORDER BY reviewer
                """)
            let recountedHeads = try String.fetchAll(db, sql: Self.recountSQL.heads)
            return (kept + keptHeads, recounted + recountedHeads)
        }
    }

    @Test(arguments: StoreBackend.underTest)
    func theKeptCountsFollowImportDecisionsUndoAdjudicationEscalationAndOverlapChanges(backend: StoreBackend) throws {
        let f = try StoreFixture(backend, overlap: 2)
        func check(_ step: String, _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
            let (kept, recounted) = try compare(f)
            #expect(kept == recounted, "after \(step)", sourceLocation: sourceLocation)
            #expect(kept == expected, "after \(step)", sourceLocation: sourceLocation)
        }
        try f.importLines((1...6).map { #"{"id":"c\#($0)","text":"x"}"# } + [#"{"id":"g1","text":"known","gold":"bad"}"#,
            #"{"id":"c7","text":"pre-decided","decisions":[{"reviewer":"x","label":"bad"},{"reviewer":"y","label":"bad"}]}"#])
        try check("the import (c7 arrives complete, the gold item is not counted)", ["0:6", "1:1"])
        try f.store.decide(DecisionRequest(queue: "q", item: .external("g1"), reviewer: "ann", label: "bad"), now: 9)
        try check("a gold answer (counted nowhere)", ["0:6", "1:1"])
        try f.store.decide(DecisionRequest(queue: "q", item: .external("c1"), reviewer: "ann", label: "bad"), now: 10)
        try check("ann's label on c1 (open: overlap 2)", ["0:6", "1:1", "ann=1"])
        try f.store.decide(DecisionRequest(queue: "q", item: .external("c1"), reviewer: "ann", label: "fine", correct: true), now: 10.5)
        try check("ann's correction (a replaced head counts once)", ["0:6", "1:1", "ann=1"])
        try f.store.decide(DecisionRequest(queue: "q", item: .external("c1"), reviewer: "bob", label: "bad"), now: 11)
        try check("c1 reaching its overlap", ["0:5", "1:2"])
        _ = try f.store.undoLast(queue: "q", reviewer: "bob", origin: "test", now: 12)
        try check("an undo reopening c1", ["0:6", "1:1", "ann=1"])
        try f.store.decide(DecisionRequest(queue: "q", item: .external("c2"), reviewer: "ann", kind: .escalate, reason: "lead"), now: 13)
        try check("an escalation", ["0:5", "1:1", "2:1", "ann=1"])
        try f.store.decide(DecisionRequest(queue: "q", item: .external("c3"), reviewer: "bob", label: "bad"), now: 13.5)
        try check("bob's label on c3", ["0:5", "1:1", "2:1", "ann=1", "bob=1"])
        try f.store.adjudicate(queue: "q", externalID: "c3", lead: "lee", label: "fine", tags: [], severity: nil, note: nil, now: 14)
        try check("an adjudication closing c3", ["0:4", "1:2", "2:1", "ann=1"])
        _ = try f.store.undoLast(queue: "q", reviewer: "ann", origin: "test", now: 14.5)
        try check("an undo of the escalation (c2 open again, ann's head gone)", ["0:5", "1:2", "ann=1"])
        // Overlap 1: c1 (ann's label) is complete now.
        let yaml = "id: q\ntitle: Q\nguidelines: x\noverlap: 1\nlabels:\n  - {id: bad, key: \"1\"}\n  - {id: fine, key: \"2\"}\n"
        try f.store.saveQueue(try QueueFile.parse(yaml, file: "q.yml"), yaml: yaml, actor: "admin")
        try check("a lower overlap", ["0:4", "1:3"])
        // A re-import that turns c4 into a known-answer item takes it out of the counts.
        try f.importLines([#"{"id":"c4","text":"x","gold":"fine"}"#], name: "gold.jsonl")
        try check("c4 becoming gold", ["0:3", "1:3"])
        // Open: c2, c5, c6; ann's undo leased c2 back to her, which fills it for carl.
        let progress = try f.store.reviewProgress(queue: "q", reviewer: "carl", now: 20)
        #expect(progress == ReviewProgress(leftForYou: 2, done: 3, total: 6))
    }

    @Test func anExistingDatabaseGetsItsCountsWhenUpgraded() throws {
        let f = try StoreFixture(overlap: 2)
        try f.importLines((1...5).map { #"{"id":"u\#($0)","text":"x"}"# })
        try f.store.decide(DecisionRequest(queue: "q", item: .external("u1"), reviewer: "ann", label: "bad"), now: 10)
        // As a database written before the migration: no table, no record of the migration.
        try f.sqlite.pool.write { db in
            try db.execute(sql: """
                DROP TABLE queue_counts;
                DROP TRIGGER queue_counts_insert;
                DROP TRIGGER queue_counts_delete;
                DROP TRIGGER queue_counts_update;
                DROP TABLE reviewer_open_heads;
                DROP TRIGGER reviewer_open_heads_insert;
                DROP TRIGGER reviewer_open_heads_delete;
                DROP TRIGGER reviewer_open_heads_item;
                DELETE FROM grdb_migrations WHERE identifier = 'queue-counts';
                """)
        }
        let reopened = try SQLiteReviewStore(path: f.path)
        // ann's label leaves u1 open (overlap 2): four left for her, five for bob.
        #expect(try reopened.reviewProgress(queue: "q", reviewer: "ann", now: 20) == ReviewProgress(leftForYou: 4, done: 0, total: 5))
        #expect(try reopened.reviewProgress(queue: "q", reviewer: "bob", now: 20) == ReviewProgress(leftForYou: 5, done: 0, total: 5))
    }
}
