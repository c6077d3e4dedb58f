import DocketCore
@testable import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// The audit log's hash chain on PostgreSQL: one chain however many connections append at once, every edit made
/// past Docket (as the tables' owner, triggers lifted) named at its row by the history check, the chain's
/// guards, and a database from before the chain chained by its upgrade.
@Suite(.enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.disabledReason)))
struct PostgresAuditChainTests {
    /// A store with queue `q` (overlap 1) and `count` items `item-1`..., written with SQL (not through import).
    private func makeStore(count: Int) throws -> (PostgresTestDatabase, PostgresReviewStore) {
        try PostgresDecisionTests().makeStore(overlap: 1, count: count)
    }

    @Test("16 connections deciding and logging at once write one chain that checks out, in id order")
    func concurrentAppendersMakeOneChain() throws {
        let (database, store) = try makeStore(count: 160)
        let writers = 16
        let failures = LockedList()
        DispatchQueue.concurrentPerform(iterations: writers) { index in
            do {
                let mine = try PostgresReviewStore(url: database.url, create: false)
                let reviewer = "r\(index)"
                while let item = try mine.claimNext(queue: "q", reviewer: reviewer) {
                    try mine.decide(DecisionRequest(queue: "q", item: .external(item.externalID), reviewer: reviewer, label: "bad"))
                    try mine.recordAudit(actor: reviewer, action: "export", queue: "q", detail: [("n", .string(item.externalID))])
                }
            } catch {
                failures.append("\(error)")
            }
        }
        #expect(failures.items.isEmpty, "\(failures.items)")
        let check = try store.checkHistory()
        // One queue.add, then a decision and an export line per item.
        #expect(check.isIntact, "\(check.findings)")
        #expect(check.auditRows == 1 + 2 * 160)
        let c = try database.connect()
        #expect(try c.execute("SELECT count(*) FROM audit WHERE hash IS NULL").int64(0, 0) == 0)
        #expect(try c.execute("SELECT count(DISTINCT hash) FROM audit").int64(0, 0) == 321)
        // Each of those commits left the chain's lock before the disk flush, and then waited for the disk.
        #expect(try c.execute("SELECT sum(commits) FROM docket_durability").int64(0, 0) == 321)
        #expect(try c.execute("SELECT count(*) FROM docket_audit_outbox").int64(0, 0) == 0)
    }

    @Test("a row changed, removed or added past Docket is named at its row; a changed head is named too")
    func tamperingIsNamed() throws {
        let (database, store) = try makeStore(count: 4)
        for n in 1...4 {
            _ = try store.claimNext(queue: "q", reviewer: "ann", now: Double(1000 + n))
            try store.decide(DecisionRequest(queue: "q", item: .external("item-\(n)"), reviewer: "ann", label: "bad"), now: Double(1000 + n))
        }
        #expect(try store.checkHistory() == HistoryCheck(auditRows: 5))
        let owner = try database.connect()
        // The owner lifts the append-only triggers, as someone with the database's password could.
        try owner.execute("ALTER TABLE audit DISABLE TRIGGER USER; ALTER TABLE decision_heads DISABLE TRIGGER USER")
        let ids = try owner.execute("SELECT id FROM audit ORDER BY id").column().compactMap { Int64($0) }

        try owner.execute("UPDATE audit SET actor = 'mallory' WHERE id = $1", [ids[2]])
        var check = try store.checkHistory()
        #expect(check.brokenAuditRow == ids[2] && check.auditRows == 3)
        #expect(check.auditProblem == "its content or hash was changed, or the row before it (row \(ids[1])) is not the one it followed")
        try owner.execute("UPDATE audit SET actor = 'ann' WHERE id = $1", [ids[2]])
        #expect(try store.checkHistory().isIntact)

        try owner.execute("DELETE FROM audit WHERE id = $1", [ids[1]])
        #expect(try store.checkHistory().brokenAuditRow == ids[2])

        try owner.execute("INSERT INTO audit (id, at, actor, action) VALUES (1000, 0, 'mallory', 'nothing')")
        check = try store.checkHistory()
        #expect(check.brokenAuditRow == ids[2])

        try owner.execute("UPDATE decision_heads SET label = 'fine' WHERE item_id = (SELECT id FROM items WHERE external_id = 'item-3')")
        check = try store.checkHistory()
        #expect(check.headMismatchCount == 2)
        #expect(check.headMismatches.contains { $0.hasPrefix("item item-3, reviewer ann: the head says 'fine'") })
        #expect(check.headMismatches.contains { $0.hasPrefix("item item-3, reviewer ann: decision #") && $0.hasSuffix("is in force, but the head does not say so") })
    }

    @Test("the server's hash is the SQLite store's byte for byte, whatever the text: quotes, escapes, controls, bidi, emoji")
    func hostileTextChainsAlike() throws {
        let (database, store) = try makeStore(count: 1)
        let texts = ["é\"\\ \u{202E}evil\u{200B}", "tab\tnew\nline\u{1}\u{7F}\u{85}", "👩‍👩‍👧 日本語", "\u{2028}\u{FEFF}", "plain\u{7F}del", "say \"hi\" \\o/", ""]
        for (index, text) in texts.enumerated() {
            try store.recordAudit(actor: text.isEmpty ? "x" : text, action: "export", queue: index % 2 == 0 ? nil : text,
                                  detail: [(text, .string(text)), ("n", .number("\(index)"))])
        }
        #expect(try store.checkHistory() == HistoryCheck(auditRows: 1 + texts.count))
        #expect(try store.auditEntries(AuditFilter(action: "export")).map(\.actor) == texts.map { $0.isEmpty ? "x" : $0 })
        withExtendedLifetime(database) {}
    }

    @Test("a row without a hash is named as added outside Docket; a row before the last one is refused")
    func guards() throws {
        let (database, store) = try makeStore(count: 1)
        let owner = try database.connect()
        try owner.execute("INSERT INTO audit (at, actor, action) VALUES (0, 'mallory', 'nothing')")
        let check = try store.checkHistory()
        #expect(check.brokenAuditRow == 2 && check.auditProblem == "it has no hash: it was added outside Docket")
        let refused = #expect(throws: PostgresError.self) { try owner.execute("INSERT INTO audit (id, at, actor, action) VALUES (1, 0, 'mallory', 'x')") }
        #expect(refused?.message.contains("a new row goes after the last one") == true, "\(String(describing: refused))")
        // Appending under a snapshot older than the chain's lock could fork the chain: refused at commit.
        let late = #expect(throws: PostgresError.self) {
            try owner.transaction(.repeatableRead) { t in
                try t.execute("SELECT docket_audit_append(0, 'x', 'y', NULL, NULL, '{}')")
            }
        }
        #expect(late?.message.contains("READ COMMITTED") == true, "\(String(describing: late))")
    }

    @Test("a database loaded from SQLite keeps its ids, verifies, and goes on: new decisions and audit lines follow the loaded ones")
    func loadedDatabaseGoesOn() throws {
        let source = try StoreFixture(.sqlite, overlap: 1)
        try source.importLines((1...3).map { #"{"id":"c\#($0)","text":"t\#($0)"}"# })
        for _ in 0..<2 {
            let item = try #require(try source.store.claimNext(queue: "q", reviewer: "ann"))
            try source.store.decide(DecisionRequest(queue: "q", item: .external(item.externalID), reviewer: "ann", label: "bad"))
        }
        try source.store.recordAudit(actor: "ml", action: "export", queue: "q", detail: [])
        let database = try PostgresTestServer.shared().makeDatabase()
        let copy = try PostgresReviewStore(url: database.url, create: true)
        try copy.load { emit in try source.store.dump(emit) }
        let loaded = try copy.auditEntries(AuditFilter())
        #expect(loaded.map(\.id) == (try source.store.auditEntries(AuditFilter()).map(\.id)))
        #expect(try copy.checkHistory() == HistoryCheck(auditRows: loaded.count))

        let item = try #require(try copy.claimNext(queue: "q", reviewer: "ann"))
        let decided = try copy.decide(DecisionRequest(queue: "q", item: .external(item.externalID), reviewer: "ann", label: "fine"))
        #expect(decided.id == 3)
        try copy.recordAudit(actor: "ml", action: "export", queue: "q", detail: [])
        #expect(try copy.auditEntries(AuditFilter()).map(\.id) == loaded.map(\.id) + [loaded.count + 1, loaded.count + 2].map(Int64.init))
        #expect(try copy.checkHistory() == HistoryCheck(auditRows: loaded.count + 2))
    }

    @Test("an audit log written before the chain existed is chained by the upgrade, and only then")
    func upgradeChainsOldRows() throws {
        let database = try PostgresTestServer.shared().makeDatabase()
        let c = try database.connect()
        // A database of schema version 2, as the first PostgreSQL builds made it, with three audit lines.
        try c.execute("CREATE TABLE docket_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL DEFAULT current_user)")
        for version in 1...2 {
            try c.execute(PostgresSchema.migrations[version - 1])
            try c.execute("INSERT INTO docket_schema (version) VALUES ($1)", [version])
        }
        try c.execute("""
            INSERT INTO audit (at, actor, action, queue_id, detail) VALUES (1.5, 'root', 'queue.add', 'q', '{"title":"Q"}'),
                (2.25, 'ann', 'decision', 'q', '{}'), (3, 'lee', 'adjudicate', NULL, '{"é":"\\u0000"}')
            """)
        let store = try PostgresReviewStore(url: database.url, create: true)
        #expect(try store.checkHistory() == HistoryCheck(auditRows: 3))
        try store.recordAudit(actor: "root", action: "export", queue: nil, detail: [])
        #expect(try store.checkHistory() == HistoryCheck(auditRows: 4))
        // The append-only trigger is back.
        #expect(throws: PostgresError.self) { try c.execute("UPDATE audit SET actor = 'x'") }
        // A second init chains nothing: a row added without a hash stays visible as such.
        try c.execute("INSERT INTO audit (at, actor, action) VALUES (9, 'mallory', 'nothing')")
        _ = try PostgresReviewStore(url: database.url, create: true)
        #expect(try store.checkHistory().brokenAuditRow == 5)
    }
}

/// Strings collected from many threads.
final class LockedList: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [String] = []

    /// Adds one.
    func append(_ text: String) { lock.withLock { list.append(text) } }

    /// Everything added so far.
    var items: [String] { lock.withLock { list } }
}
