import DocketCore
@testable import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// The audit lines the server-side functions write (decide, undo, adjudicate) carry the same hash chain as the
/// lines `appendAudit` writes in Swift, even for item ids that JSON must escape: `docket audit --verify` finds
/// the chain intact, and the details read back as the SQLite store writes them.
@Suite(.enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.disabledReason)))
struct PostgresServerAuditTests {
    static let hostileIDs = ["q\"uote\\back", "bidi\u{202E}x", "tab\tnl\nret\r", "é✓ plain", "del\u{7F}only", "del\u{7F}\"and quote",
                             "c1\u{85}c1", "zw\u{200B}j", "bom\u{FEFF}", "bell\u{07}"]

    @Test("decisions, corrections, undo and adjudication on hostile item ids keep the audit chain intact")
    func hostileIDs() throws {
        let database = try PostgresTestServer.shared().makeDatabase()
        let store = try PostgresReviewStore(url: database.url, create: true)
        try store.saveQueue(try QueueFile.parse(PostgresReviewStoreTests.yaml, file: "q.yml"), yaml: PostgresReviewStoreTests.yaml, actor: "docket")
        let c = try database.connect()
        for (index, id) in Self.hostileIDs.enumerated() {
            try c.execute("""
                INSERT INTO items (queue_id, external_id, kind, content, meta, content_hash, created_at, ingested_at, record_hash, priority)
                VALUES ('q', $1, 'text', 'x', '{}', 'h', 0, 0, 0, $2)
                """, [id, String(format: "%04d", 1000 - index)])
        }
        var now = 1_700_000_000.125
        for id in Self.hostileIDs {
            now += 1.5
            try store.decide(DecisionRequest(queue: "q", item: .external(id), reviewer: "ann", label: "bad"), now: now)
            try store.decide(DecisionRequest(queue: "q", item: .external(id), reviewer: "ann", label: "fine", correct: true), now: now + 0.25)
            try store.adjudicate(queue: "q", externalID: id, lead: "lee", label: "bad", now: now + 0.5)
        }
        #expect(try store.undoLast(queue: "q", reviewer: "ann", now: now + 1) != nil)
        let check = try store.checkHistory()
        #expect(check.isIntact, "\(check.findings)")
        #expect(check.auditRows == 2 + 3 * Self.hostileIDs.count)
        // The details say exactly what happened, parsed back.
        let details = try c.execute("SELECT detail FROM audit WHERE action = 'decision' ORDER BY id").column()
        let ids = try details.map { try JSONParser.parse($0) }.map { value -> String? in
            if case .object(let fields) = value { return fields.first { $0.0 == "external_id" }?.1.stringValue }
            return nil
        }
        #expect(ids == Self.hostileIDs)
    }
}
