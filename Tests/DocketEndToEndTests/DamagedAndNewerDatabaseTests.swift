import Foundation
import Testing

/// Databases this binary must not treat as its own (issue 17, items 5 and 6), through the real binary: a file
/// written by a newer Docket is never written (exit 6, both versions named) but still read; a file with damaged
/// pages stops every command with exit 5 once any statement meets the damage, and `status --full-check` names it.
@Suite struct DamagedAndNewerDatabaseTests {
    let folder: TemporaryFolder
    let db: String

    init() throws {
        try #require(DocketBinary.isBuilt, Comment(rawValue: DocketBinary.missingHint))
        folder = try TemporaryFolder("db-state")
        db = try makeDatabase(in: folder, queue: "q", items: 20)
    }

    func sqlite(_ sql: String) throws -> ProcessResult {
        let result = try shell("sqlite3 '\(db)' \"\(sql)\"")
        try #require(result.status == 0, Comment(rawValue: result.transcript))
        return result
    }

    /// Everything a write could change, to compare before and after a refused command.
    func snapshot() throws -> String {
        try sqlite("PRAGMA user_version; SELECT count(*) FROM decisions; SELECT count(*) FROM audit; SELECT count(*) FROM leases; SELECT count(*) FROM items; SELECT group_concat(identifier) FROM grdb_migrations").stdout
    }

    @Test(arguments: ["PRAGMA user_version = 999", "INSERT INTO grdb_migrations VALUES ('v99-from-the-future')"])
    func aNewerSchemaIsReadButNeverWritten(makeNewer: String) throws {
        // Any command brings an older file up to date (and records its version).
        try #require(try docket(["queues", "--db", db]).status == 0)
        _ = try sqlite(makeNewer)
        let before = try snapshot()
        let writes: [[String]] = [
            ["next", "--queue", "q", "--reviewer", "ann"],
            ["decide", "item-00001", "--queue", "q", "--reviewer", "ann", "--label", "bad"],
            ["import", folder.file("q-items.jsonl"), "--queue", "q"],
            ["queues", "add", folder.file("q.yml")],
            ["reviewers", "add", "boss", "--role", "admin"],
            ["export", "--queue", "q", "--out", folder.file("never")],
        ]
        for arguments in writes {
            let result = try docket(arguments + ["--db", db])
            #expect(result.status == 6, Comment(rawValue: "\(arguments): \(result.transcript)"))
            #expect(result.stderr.contains("newer Docket") && result.stderr.contains("knows schema versions up to"),
                    Comment(rawValue: result.stderr))
            if makeNewer.contains("999") { #expect(result.stderr.contains("schema version 999")) }
            else { #expect(result.stderr.contains("v99-from-the-future")) }
        }
        #expect(try snapshot() == before, "a refused command wrote to the newer file")
        #expect(!FileManager.default.fileExists(atPath: folder.file("never")))
        for arguments in [["queues"], ["status"], ["audit"]] {
            let result = try docket(arguments + ["--db", db])
            #expect(result.status == 0, Comment(rawValue: "\(arguments): \(result.transcript)"))
        }
    }

    @Test func damagedPagesStopEveryCommandAndTheFullCheckNamesThem() throws {
        // Damage some pages of the items table in the file itself (after a checkpoint, so the WAL holds nothing).
        _ = try sqlite("PRAGMA wal_checkpoint(TRUNCATE)")
        let pages = try sqlite("SELECT pageno FROM dbstat WHERE name = 'items' AND pagetype = 'leaf' LIMIT 3").stdout
            .split(separator: "\n").compactMap { Int($0) }
        try #require(pages.count >= 2)
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: db))
        for page in pages {
            try handle.seek(toOffset: UInt64((page - 1) * 4096 + 8))
            handle.write(Data(repeating: 0xDE, count: 800))
        }
        try handle.close()

        let check = try docket(["status", "--full-check", "--db", db])
        #expect(check.status == 5, Comment(rawValue: check.transcript))
        // Named by page when SQLite's check can list them, else by the tables that cannot be read to the end.
        #expect(check.stderr.contains("damaged: items ("), Comment(rawValue: check.stderr))
        // From now on nothing serves from the file, though most of its pages read fine.
        for arguments in [["queues"], ["next", "--queue", "q", "--reviewer", "ann", "--json"], ["status"],
                          ["decide", "item-00001", "--queue", "q", "--reviewer", "ann", "--label", "bad"],
                          ["export", "--queue", "q", "--out", folder.file("out")]] {
            let result = try docket(arguments + ["--db", db])
            #expect(result.status == 5, Comment(rawValue: "\(arguments): \(result.transcript)"))
            #expect(result.stderr.contains("damaged"), Comment(rawValue: result.stderr))
        }
        // A sound file put back is let in again once the full check has seen it.
        let cleanFolder = try TemporaryFolder("db-state-clean")
        let clean = try makeDatabase(in: cleanFolder, queue: "q", items: 20)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: db + suffix) }
        try FileManager.default.copyItem(atPath: clean, toPath: db)
        #expect(try docket(["queues", "--db", db]).status == 5)
        #expect(try docket(["status", "--full-check", "--db", db]).status == 0)
        #expect(try docket(["queues", "--db", db]).status == 0)
    }
}
