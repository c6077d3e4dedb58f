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
            let store = try ReviewStore(path: path)
            #expect(try store.integrityCheck() == "ok")
            let tables = try store.pool.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
            for table in ["items", "scores", "explanations", "decisions", "decision_heads", "leases", "reviewers", "audit", "queues"] {
                #expect(tables.contains(table), "no table \(table)")
            }
            let mode = try store.pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
            #expect(mode == "wal")
        }
        let permissions = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(permissions == 0o600)

        let fixtureYAML = "id: q\ntitle: Q\nguidelines: g\nlabels:\n  - id: bad\n    key: \"1\"\n    description: b\n"
        let first = try ReviewStore(path: path)
        try first.saveQueue(try QueueFile.parse(fixtureYAML, file: "q.yml"), yaml: fixtureYAML, actor: "admin")
        let id = try first.databaseID()
        #expect(!id.isEmpty)

        // A second open of the same file (a later run, a newer docket): migrations are already applied.
        let second = try ReviewStore(path: path)
        #expect(try second.databaseID() == id)
        #expect(try second.queueIDs() == ["q"])
        let applied = try second.pool.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied == ["v1", "v2", "v3", "v5"])
    }

    @Test("an empty (zero-byte) file becomes a database")
    func emptyFile() throws {
        let (folder, path) = try temporaryPath()
        defer { try? FileManager.default.removeItem(at: folder) }
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        let store = try ReviewStore(path: path)
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
            _ = try ReviewStore(path: path)
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
        let store = try ReviewStore(path: path)
        let applied = try store.pool.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied == ["v1", "v2", "v3", "v5"])
        #expect(try store.integrityCheck() == "ok")
        let claimIndex = try store.pool.read { db in
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'items_claim'")
        }
        #expect(claimIndex?.contains("label_count") == true)
        // The claim uses the rebuilt index and still goes by priority.
        #expect(try store.claimNext(queue: "q", reviewer: "ann")?.externalID == "high")
        #expect(try store.claimNext(queue: "q", reviewer: "bob")?.externalID == "low")
    }
}
