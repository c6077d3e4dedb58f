import DocketCore
@testable import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// A PostgreSQL server that restarts under a running store (`pg_ctl restart -m fast`): claims carry on,
/// a decision in flight is reported as not confirmed (never silently lost or doubled), and the next one works.
@Suite(.enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.disabledReason)))
struct PostgresFaultTests {
    @Test("after a server restart a claim reconnects and resumes its lease; a decision says the connection was lost, then works")
    func serverRestart() throws {
        // A cluster of this test's own: restarting the shared one would cut every other test's connections.
        let server = try PostgresTestServer.startPrivate()
        let database = try server.makeDatabase()
        let url = database.url(user: "docket", password: "pw-not-shown")
        let store = try PostgresReviewStore(url: url, create: true)
        try store.saveQueue(try QueueFile.parse(PostgresReviewStoreTests.yaml, file: "q.yml"), yaml: PostgresReviewStoreTests.yaml, actor: "admin")
        try database.connect().execute("""
            INSERT INTO items (queue_id, external_id, kind, content, meta, content_hash, created_at, ingested_at, record_hash, priority)
            VALUES ('q', 'a', 'text', 'first', '{}', 'h', 0, 0, 0, '2'), ('q', 'b', 'text', 'second', '{}', 'h', 0, 0, 0, '1')
            """)
        #expect(try store.claimNext(queue: "q", reviewer: "ann")?.externalID == "a")

        try server.restart()
        #expect(try store.claimNext(queue: "q", reviewer: "ann")?.externalID == "a", "the claim reconnects and resumes ann's lease")

        try server.restart()
        let request = DecisionRequest(queue: "q", item: .external("a"), reviewer: "ann", label: "bad")
        let lost = #expect(throws: DocketError.self) { try store.decide(request) }
        guard case .unavailable(let message)? = lost else {
            Issue.record("expected unavailable, got \(String(describing: lost))")
            return
        }
        #expect(message.contains("lost the connection") || message.contains("terminating connection"), "\(message)")
        #expect(!message.contains("pw-not-shown"))
        // Nothing half-done: the decision was not stored, and now goes through once.
        #expect(try database.connect().execute("SELECT count(*) FROM decisions").int64(0, 0) == 0)
        try store.decide(request)
        #expect(try database.connect().execute("SELECT count(*) FROM decisions").int64(0, 0) == 1)
        #expect(try store.claimNext(queue: "q", reviewer: "ann")?.externalID == "b")
    }
}
