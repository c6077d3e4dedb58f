import DocketCore
@testable import DocketStore
import DocketIO
import Foundation
import GRDB
import Testing

/// Schema v5: each decision in force in `decision_heads` carries its decision's label, tags, seconds and time, so the
/// agreement report reads the heads alone. Every writer keeps them (import, decide, correct, skip, escalate, undo), a
/// file from before v5 gets them filled in, and the report says the same before and after.
struct DecisionHeadsMigrationTests {
    static let yaml = """
        id: q
        title: Heads
        guidelines: Label it.
        overlap: 3
        labels:
          - {id: bad, key: "1"}
          - {id: fine, key: "2"}
        tags:
          - {id: race, key: a}
          - {id: slur, key: b}
        """

    /// Heads whose new columns differ from their decision's (0 when every writer kept them).
    static let mismatchedHeads = """
        SELECT count(*) FROM decision_heads h JOIN decisions d ON d.id = h.decision_id
        WHERE h.kind IS NOT d.kind OR h.label IS NOT d.label OR h.tags IS NOT d.tags OR h.seconds IS NOT d.seconds
            OR h.decided_at IS NOT d.decided_at
        """

    /// Fills `path` through the store's own writers with every kind of decision the heads must follow.
    func populate(_ store: ReviewStore, folder: URL) throws {
        try store.saveQueue(try QueueFile.parse(Self.yaml, file: "q.yml"), yaml: Self.yaml, actor: "admin")
        let lines = [
            #"{"id":"i1","text":"one","decisions":[{"reviewer":"ann","label":"bad","tags":["race"],"at":"2024-05-01T12:00:00Z"},{"reviewer":"bob","label":"fine","at":1714564800}]}"#,
            #"{"id":"i2","text":"two"}"#, #"{"id":"i3","text":"three"}"#, #"{"id":"i4","text":"four"}"#, #"{"id":"i5","text":"five"}"#,
        ]
        let file = folder.appendingPathComponent("items.jsonl").path
        try lines.joined(separator: "\n").write(toFile: file, atomically: true, encoding: .utf8)
        _ = try store.importItems(into: "q", from: [try JSONLImportSource(path: file)], options: ImportOptions(actor: "admin"))

        func decide(_ item: String, _ reviewer: String, _ kind: DecisionKind = .label, label: String? = nil, tags: [String] = [],
                    reason: String? = nil, seconds: Double? = nil, correct: Bool = false, at now: Double) throws {
            try store.decide(DecisionRequest(queue: "q", item: .external(item), reviewer: reviewer, kind: kind, label: label, tags: tags,
                                             reason: reason, seconds: seconds, correct: correct), now: now)
        }
        // A label with two tags and seconds; a label corrected by its reviewer (the head follows the correction).
        try decide("i2", "cat", label: "bad", tags: ["race", "slur"], seconds: 4.5, at: 1_800_000_000)
        try decide("i2", "dan", label: "fine", seconds: 2, at: 1_800_000_010)
        try decide("i2", "dan", label: "bad", seconds: 7, correct: true, at: 1_800_000_020)
        // Undo withdraws a label; ann decides again, bob does not.
        try decide("i3", "ann", label: "fine", seconds: 1, at: 1_800_000_030)
        _ = try store.undoLast(queue: "q", reviewer: "ann", origin: "cli", now: 1_800_000_040)
        try decide("i3", "ann", label: "bad", seconds: 3, at: 1_800_000_050)
        try decide("i3", "bob", label: "fine", at: 1_800_000_060)
        _ = try store.undoLast(queue: "q", reviewer: "bob", origin: "cli", now: 1_800_000_070)
        // A skip and an escalation (no label).
        try decide("i4", "cat", .skip, reason: "unsure", seconds: 9, at: 1_800_000_080)
        try decide("i4", "ann", .escalate, reason: "threat", at: 1_800_000_090)
        // Two labels overruled by a lead.
        try decide("i5", "ann", label: "bad", at: 1_800_000_100)
        try decide("i5", "bob", label: "bad", at: 1_800_000_110)
        try store.adjudicate(queue: "q", externalID: "i5", lead: "lee", label: "fine", tags: [], severity: nil, note: nil, now: 1_800_000_120)
    }

    /// The agreement report as `docket report agreement --format json` prints it, all decisions and recent ones only.
    func reports(_ store: SQLiteReviewStore) throws -> [String] {
        try [nil, 1_800_000_000.0].map { since in JSONWriter.string(try store.agreementReport(queue: "q", since: since).json) }
    }

    func headColumns(_ store: SQLiteReviewStore) throws -> [String] {
        try store.pool.read { db in try Row.fetchAll(db, sql: "PRAGMA table_info(decision_heads)").map { $0["name"] as String } }
    }

    @Test("a file from before v5 gets the heads' labels, tags, seconds and times from their decisions; the report is unchanged")
    func upgradeFillsHeads() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docket-heads-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("docket.sqlite").path
        let before: [String]
        do {
            let store = try SQLiteReviewStore(path: path)
            try populate(store, folder: folder)
            // The writers kept the heads: one per reviewer and item still in force (bob's undone label on i3 has none).
            #expect(try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM decision_heads") } == 9)
            #expect(try store.pool.read { db in try Int.fetchOne(db, sql: Self.mismatchedHeads) } == 0)
            let i2 = try store.pool.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT h.reviewer, h.label, h.tags, h.seconds FROM decision_heads h JOIN items i ON i.id = h.item_id
                    WHERE i.external_id = 'i2' ORDER BY h.reviewer
                    """)
            }
            #expect(i2.map { $0[0] as String } == ["cat", "dan"])
            #expect(i2.map { $0[1] as String } == ["bad", "bad"], "dan's head follows his correction")
            #expect(i2.map { $0[2] as String } == [#"["race","slur"]"#, "[]"])
            #expect(i2.map { $0[3] as Double } == [4.5, 7])
            before = try reports(store)
            // Back to the shape decision_heads had before v5 (v1 to v4), as a file written before v5 has it. The
            // later migration's triggers that name decision_heads (queue-counts) are set aside while it is swapped.
            try store.pool.writeWithoutTransaction { db in
                let laterTriggers = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'reviewer_open_heads_%'")
                try db.execute(sql: """
                    BEGIN;
                    DROP TRIGGER reviewer_open_heads_insert;
                    DROP TRIGGER reviewer_open_heads_delete;
                    DROP TRIGGER reviewer_open_heads_item;
                    CREATE TABLE heads_before_v5 (
                        item_id INTEGER NOT NULL, reviewer TEXT NOT NULL, queue_id TEXT NOT NULL, decision_id INTEGER NOT NULL,
                        kind TEXT NOT NULL, PRIMARY KEY (item_id, reviewer)
                    ) WITHOUT ROWID;
                    INSERT INTO heads_before_v5 SELECT item_id, reviewer, queue_id, decision_id, kind FROM decision_heads;
                    DROP TABLE decision_heads;
                    ALTER TABLE heads_before_v5 RENAME TO decision_heads;
                    CREATE INDEX decision_heads_reviewer ON decision_heads (queue_id, reviewer, decision_id);
                    DELETE FROM grdb_migrations WHERE identifier = 'v5';
                    COMMIT;
                    """)
                for trigger in laterTriggers { try db.execute(sql: trigger) }
            }
            #expect(try headColumns(store) == ["item_id", "reviewer", "queue_id", "decision_id", "kind"])
        }
        let store = try SQLiteReviewStore(path: path)
        let applied = try store.pool.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied.last == "v5")
        #expect(try headColumns(store).suffix(4) == ["label", "tags", "seconds", "decided_at"])
        #expect(try store.integrityCheck() == "ok")
        #expect(try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM decision_heads") } == 9)
        #expect(try store.pool.read { db in try Int.fetchOne(db, sql: Self.mismatchedHeads) } == 0)
        let after = try reports(store)
        #expect(after == before)
        // The figures are there, not an empty report: seven labels in force, five of them from 2027 on.
        #expect(try store.agreementReport(queue: "q").summary.ratings == 7)
        #expect(try store.agreementReport(queue: "q", since: 1_800_000_000).summary.ratings == 5)
    }
}
