import DocketCore
@testable import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// The parts of the PostgreSQL store that exist so far, on a real server: opening (and refusing to open a
/// database `docket init` did not make), queues, and claims with their leases, as a user sees them.
@Suite(.enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.disabledReason)))
struct PostgresReviewStoreTests {
    static let yaml = """
        id: q
        title: Queue q
        guidelines: Label it.
        overlap: 1
        lease_seconds: 60
        labels:
          - id: bad
            key: "1"
            description: bad
          - id: fine
            key: "2"
            description: fine

        """

    @Test("a database docket init did not make is refused; init makes it; the URL's password is never shown")
    func opening() throws {
        let database = try PostgresTestServer.shared().makeDatabase()
        let missing = #expect(throws: DocketError.self) { try PostgresReviewStore(url: database.url, create: false) }
        #expect(missing.map { "\($0)".contains("docket init") } == true, "\(String(describing: missing))")
        let store = try PostgresReviewStore(url: database.url, create: true)
        #expect(try !store.databaseID().isEmpty)
        _ = try PostgresReviewStore(url: database.url, create: false)

        // The superuser logs in over the socket without a password, so this one is ignored: only shown.
        let withPassword = try PostgresReviewStore(url: database.url(user: "docket", password: "hunter2-secret"), create: false)
        #expect(!withPassword.path.contains("hunter2") && withPassword.path.contains(database.name))
        #expect(withPassword.connectedRole == "docket")
        let ann = "ann_" + database.name
        try database.connect().execute("CREATE ROLE \(ann) LOGIN PASSWORD 'right-one'")
        let refused = #expect(throws: DocketError.self) {
            try PostgresReviewStore(url: database.url(user: ann, password: "hunter2-wrong"), create: false)
        }
        #expect(refused.map { if case .permissionDenied(let text) = $0 { !text.contains("hunter2") } else { false } } == true,
                "\(String(describing: refused))")
    }

    @Test("queues are saved, listed and read back; an unknown queue names the ones that exist")
    func queues() throws {
        let database = try PostgresTestServer.shared().makeDatabase()
        let store = try PostgresReviewStore(url: database.url, create: true)
        let definition = try QueueFile.parse(Self.yaml, file: "q.yml")
        #expect(try store.saveQueue(definition, yaml: Self.yaml, actor: "admin"))
        #expect(try !store.saveQueue(definition, yaml: Self.yaml, actor: "admin"))
        #expect(try store.queueIDs() == ["q"])
        #expect(try store.queue("q") == definition)
        let unknown = #expect(throws: DocketError.self) { try store.queue("nope") }
        #expect(unknown == .notFound("no queue 'nope' in \(store.path) (queues: q)"))
        let audit = try database.connect().execute("SELECT action FROM audit ORDER BY id").column()
        #expect(audit == ["queue.add", "queue.update"])
    }

    @Test("claims hand out items by priority, resume a live lease, and leases can be renewed and released")
    func claims() throws {
        let database = try PostgresTestServer.shared().makeDatabase()
        let store = try PostgresReviewStore(url: database.url, create: true)
        try store.saveQueue(try QueueFile.parse(Self.yaml, file: "q.yml"), yaml: Self.yaml, actor: "admin")
        try database.connect().execute("""
            INSERT INTO items (queue_id, external_id, kind, content, meta, content_hash, created_at, ingested_at, record_hash, priority, scores_json)
            VALUES ('q', 'low', 'text', 'low priority', '{"lang":"en"}', 'h1', 1, 2, 0, '1', '[]'),
                   ('q', 'high', 'text', 'high priority ✓', '{}', 'h2', 1, 2, 0, '9',
                    '[{"model":"m","category":"hate","score":0.1,"threshold":0.5}]')
            """)
        let first = try #require(try store.claimNext(queue: "q", reviewer: "ann", now: 1000))
        #expect(first.externalID == "high" && first.text == "high priority ✓")
        #expect(first.scores.first?.score == 0.1 && first.scores.first?.threshold == 0.5)
        #expect(try store.claimNext(queue: "q", reviewer: "ann", now: 1001)?.externalID == "high")
        #expect(try store.claimNext(queue: "q", reviewer: "bob", now: 1001)?.externalID == "low")
        #expect(try store.claimNext(queue: "q", reviewer: "carl", now: 1001) == nil)
        #expect(try store.holdsLease(queue: "q", externalID: "high", reviewer: "ann", now: 1059))
        #expect(try store.renewLease(queue: "q", externalID: "high", reviewer: "ann", now: 1059))
        #expect(try store.holdsLease(queue: "q", externalID: "high", reviewer: "ann", now: 1100))
        #expect(try !store.renewLease(queue: "q", externalID: "low", reviewer: "bob", now: 1100), "bob's lease expired at 1061")
        try store.release(queue: "q", reviewer: "ann")
        #expect(try !store.holdsLease(queue: "q", externalID: "high", reviewer: "ann", now: 1100))
        #expect(try store.claimNext(queue: "q", reviewer: "carl", now: 1100)?.externalID == "high")
        let low = try store.item(queue: "q", externalID: "low")
        #expect(low.text == "low priority" && low.meta["lang"]?.stringValue == "en")
        #expect(throws: DocketError.notFound("queue 'q' has no item 'nope'")) { try store.item(queue: "q", externalID: "nope") }
        #expect(try store.remainingCount(queue: "q") == 2)
    }
}
