import DocketCore
@testable import DocketStore
import Foundation
import GRDB
import Testing

/// Opening files: a new one gets the schema, an existing one keeps its data, a foreign one is refused.
struct MigrationTests {
    func temporaryPath() throws -> (URL, String) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docket-mig-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (folder, folder.appendingPathComponent("docket.sqlite").path)
    }

    @Test("a missing file is created owner-only with every table, and reopening keeps what was stored")
    func createAndReopen() throws {
        let (folder, path) = try temporaryPath()
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let store = try SQLiteReviewStore(path: path)
            #expect(try store.integrityCheck() == "ok")
            let tables = try store.pool.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")
            }
            for table in ["items", "scores", "explanations", "decisions", "decision_heads", "leases", "reviewers", "audit", "queues"] {
                #expect(tables.contains(table), "no table or view \(table)")
            }
            let mode = try store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
            #expect(mode == "wal")
        }
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)

        let fixtureYAML = "id: q\ntitle: Q\nguidelines: g\nlabels:\n  - id: bad\n    key: \"1\"\n    description: b\n"
        let first = try SQLiteReviewStore(path: path)
        try first.saveQueue(try QueueFile.parse(fixtureYAML, file: "q.yml"), yaml: fixtureYAML, actor: "admin")
        let id = try first.databaseID()
        #expect(!id.isEmpty)

        // A second open of the same file (a later run, a newer docket): migrations are already applied.
        let second = try SQLiteReviewStore(path: path)
        #expect(try second.databaseID() == id)
        #expect(try second.queueIDs() == ["q"])
        let applied = try second.pool.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied == Migrations.migrator.migrations)
        #expect(applied.starts(with: ["v1", "v2", "v3", "v4"]))
    }

    @Test("an empty (zero-byte) file becomes a database")
    func emptyFile() throws {
        let (folder, path) = try temporaryPath()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        let store = try SQLiteReviewStore(path: path)
        #expect(try store.queueIDs().isEmpty)
        #expect(try store.integrityCheck() == "ok")
    }

    @Test("a file that is not a database is refused with its path, and left as it was")
    func foreignFile() throws {
        let (folder, path) = try temporaryPath()
        defer { try? FileManager.default.removeItem(at: folder) }
        let junk = Data(String(repeating: "not a database\n", count: 400).utf8)
        _ = FileManager.default.createFile(atPath: path, contents: junk)
        #expect {
            _ = try SQLiteReviewStore(path: path)
        } throws: { error in
            "\(error)".contains(path)
        }
        #expect(FileManager.default.contents(atPath: path) == junk)
    }

    @Test("a file made by the first release (schema v1) opens, upgrades, keeps its items and hands them out")
    func firstReleaseFileUpgrades() throws {
        let (folder, path) = try temporaryPath()
        defer { try? FileManager.default.removeItem(at: folder) }
        let yaml = "id: q\ntitle: Q\nguidelines: g\nlabels:\n  - id: bad\n    key: \"1\"\n    description: b\n"
        do {
            // The file as the first release left it: only migration v1, two items written with its columns.
            let old = try DatabaseQueue(path: path)
            try Migrations.migrator.migrate(old, upTo: "v1")
            try old.write { db in
                try db.execute(sql: "INSERT INTO queues VALUES ('q', 'Q', ?, 1, 0, 900, 0)", arguments: [yaml])
                for (external, priority) in [("low", "0001"), ("high", "0009")] {
                    try db.execute(sql: """
                        INSERT INTO items (queue_id, external_id, kind, content, meta, content_hash, created_at, ingested_at,
                            record_hash, priority) VALUES ('q', ?, 'text', 'some text', '{}', 'h', 0, 0, 1, ?)
                        """, arguments: [external, priority])
                }
            }
        }
        let store = try SQLiteReviewStore(path: path)
        let applied = try store.pool.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied == Migrations.migrator.migrations)
        #expect(try store.integrityCheck() == "ok")
        let claimIndex = try store.pool.read { db in
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'items_claim'")
        }
        #expect(claimIndex?.contains("label_count") == true)
        // The claim uses the rebuilt index and still goes by priority.
        #expect(try store.claimNext(queue: "q", reviewer: "ann")?.externalID == "high")
        #expect(try store.claimNext(queue: "q", reviewer: "bob")?.externalID == "low")
    }

    @Test("a v3 file's score and explanation rows move into their items at v4, and read back the same")
    func scoresMoveIntoItems() throws {
        let (folder, path) = try temporaryPath()
        defer { try? FileManager.default.removeItem(at: folder) }
        let yaml = "id: q\ntitle: Q\nguidelines: g\nlabels:\n  - id: bad\n    key: \"1\"\n    description: b\n"
        do {
            let old = try DatabaseQueue(path: path)
            try Migrations.migrator.migrate(old, upTo: "v3")
            try old.write { db in
                try db.execute(sql: "INSERT INTO queues VALUES ('q', 'Q', ?, 1, 0, 900, 0)", arguments: [yaml])
                for external in ["scored", "bare"] {
                    try db.execute(sql: """
                        INSERT INTO items (queue_id, external_id, kind, content, meta, content_hash, created_at, ingested_at,
                            record_hash, priority) VALUES ('q', ?, 'text', 'you are a "clown"', '{}', 'h', 0, 0, 1, '1')
                        """, arguments: [external])
                }
                // Inserted out of order, with a quote in a model name, a missing threshold and a tiny score.
                try db.execute(sql: """
                    INSERT INTO scores VALUES (1, 'tox@2', 'insult', 0.25, 0.5), (1, 'a "quoted" model', 'spam', 0.000001, NULL),
                        (1, 'tox@2', 'hate', 0.875, 0.5);
                    INSERT INTO explanations VALUES (1, 'tox@2', 'top tokens', '[{"start":10,"end":17,"label":"insult","weight":0.9}]'),
                        (1, 'rules', 'matched a word list', '[]');
                    """)
            }
        }
        let store = try SQLiteReviewStore(path: path)
        let scored = try store.item(queue: "q", externalID: "scored")
        #expect(scored.scores == [
            ModelScore(model: "a \"quoted\" model", category: "spam", score: 0.000001),
            ModelScore(model: "tox@2", category: "hate", score: 0.875, threshold: 0.5),
            ModelScore(model: "tox@2", category: "insult", score: 0.25, threshold: 0.5),
        ])
        #expect(scored.explanations == [
            Explanation(model: "rules", text: "matched a word list"),
            Explanation(model: "tox@2", text: "top tokens", spans: [Span(start: 10, end: 17, label: "insult", weight: 0.9)]),
        ])
        let bare = try store.item(queue: "q", externalID: "bare")
        #expect(bare.scores.isEmpty && bare.explanations.isEmpty)
        // The old tables' names still answer ad-hoc SQL, as views over the items.
        let rows = try store.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT item_id, model, category, score, threshold FROM scores ORDER BY model, category")
        }
        #expect(rows.map { $0[1] as String } == ["a \"quoted\" model", "tox@2", "tox@2"])
        #expect(rows.map { $0[3] as Double } == [0.000001, 0.875, 0.25])
        #expect(rows[0][4] as Double? == nil)
        let spans = try store.pool.read { db in try String.fetchOne(db, sql: "SELECT spans FROM explanations WHERE model = 'tox@2'") }
        #expect(spans.map(SpanCoding.decode) == [Span(start: 10, end: 17, label: "insult", weight: 0.9)])
    }
}
