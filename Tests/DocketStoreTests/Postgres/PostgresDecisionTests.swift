import DocketCore
@testable import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// Decisions on the PostgreSQL store: the SQLite store's refusals word for word, corrections that supersede,
/// one audit line per decision, and many reviewers on separate connections never exceeding the overlap.
@Suite(.enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.disabledReason)))
struct PostgresDecisionTests {
    /// A store with queue `q` (overlap) and `count` items `item-1`... in priority order.
    func makeStore(overlap: Int, count: Int) throws -> (PostgresTestDatabase, PostgresReviewStore) {
        let database = try PostgresTestServer.shared().makeDatabase()
        let store = try PostgresReviewStore(url: database.url, create: true)
        let yaml = PostgresReviewStoreTests.yaml.replacingOccurrences(of: "overlap: 1", with: "overlap: \(overlap)")
        try store.saveQueue(try QueueFile.parse(yaml, file: "q.yml"), yaml: yaml, actor: "admin")
        try database.connect().execute("""
            INSERT INTO items (queue_id, external_id, kind, content, meta, content_hash, created_at, ingested_at, record_hash, priority)
            SELECT 'q', 'item-' || g, 'text', 'text ' || g, '{}', 'h', 0, 0, 0, lpad((100000 - g)::text, 6, '0')
            FROM generate_series(1, $1) g
            """, [count])
        return (database, store)
    }

    private func request(_ item: String, _ reviewer: String, label: String = "bad", correct: Bool = false) -> DecisionRequest {
        DecisionRequest(queue: "q", item: .external(item), reviewer: reviewer, label: label, correct: correct)
    }

    @Test("the same refusals as on SQLite; a correction supersedes; each decision has its audit line")
    func rules() throws {
        let (database, store) = try makeStore(overlap: 1, count: 2)
        #expect(try store.claimNext(queue: "q", reviewer: "ann", now: 1000)?.externalID == "item-1")
        let first = try store.decide(request("item-1", "ann"), now: 1001)
        #expect(first.label == "bad" && first.supersedes == nil)
        #expect(throws: DocketError.conflict("ann already decided item 'item-1' in queue 'q' (decision #\(first.id)); pass --correct to replace it, or undo it")) {
            try store.decide(request("item-1", "ann"), now: 1002)
        }
        #expect(throws: DocketError.conflict("item 'item-1' already has its 1 decision(s)")) {
            try store.decide(request("item-1", "bob"), now: 1002)
        }
        #expect(throws: DocketError.notFound("queue 'q' has no item 'nope'")) { try store.decide(request("nope", "bob"), now: 1002) }
        #expect(throws: DocketError.self) { try store.decide(request("item-2", "bob", label: "not-a-label"), now: 1002) }
        let corrected = try store.decide(request("item-1", "ann", label: "fine", correct: true), now: 1003)
        #expect(corrected.supersedes == first.id)
        // bob's lease on item 2 expired at 1060 and carl holds it now: bob's decision is refused as a lost lease.
        #expect(try store.claimNext(queue: "q", reviewer: "bob", now: 1000)?.externalID == "item-2")
        #expect(try store.claimNext(queue: "q", reviewer: "carl", now: 1070)?.externalID == "item-2")
        #expect(throws: DocketError.conflict("lease lost: your lease on item 'item-2' expired at \(Timestamp.format(1060)) and the item was handed to another reviewer; nothing was recorded")) {
            try store.decide(request("item-2", "bob"), now: 1071)
        }
        // `docket decide` requires a claim: dora never claimed item 2, which carl holds.
        var unclaimed = request("item-2", "dora")
        unclaimed.requiresClaim = true
        #expect(throws: DocketError.conflict("dora has not claimed item 'item-2', and another reviewer holds it now; run 'docket next --queue q' to be handed the next item by the queue's priority; nothing was recorded")) {
            try store.decide(unclaimed, now: 1071)
        }
        let c = try database.connect()
        #expect(try c.execute("SELECT action FROM audit WHERE action LIKE 'decision%' ORDER BY id").column() == ["decision", "decision.correct"])
        #expect(try c.execute("SELECT label FROM decision_heads WHERE reviewer = 'ann'").column() == ["fine"])
        #expect(try c.execute("SELECT count(*) FROM decisions").int64(0, 0) == 2)
        #expect(try c.execute("SELECT state, label_count FROM items WHERE external_id = 'item-1'").column() == ["1"])
    }

    @Test("undo withdraws the latest decision (history kept) and leases the item back; adjudication completes an item")
    func undoAndAdjudicate() throws {
        let (database, store) = try makeStore(overlap: 2, count: 2)
        #expect(try store.undoLastDecision(queue: "q", reviewer: "ann") == nil)
        _ = try store.claimNext(queue: "q", reviewer: "ann", now: 1000)
        let decided = try store.decide(request("item-1", "ann", label: "fine"), now: 1001)
        let undone = try #require(try store.undoLastDecision(queue: "q", reviewer: "ann", now: 1002))
        #expect(undone.item.externalID == "item-1" && undone.kind == .label && undone.label == "fine")
        #expect(try store.holdsLease(queue: "q", externalID: "item-1", reviewer: "ann", now: 1003))
        #expect(try store.undoLastDecision(queue: "q", reviewer: "ann", now: 1004) == nil)
        let again = try store.decide(request("item-1", "ann"), now: 1005)
        #expect(again.supersedes == nil)

        let first = try store.adjudicate(queue: "q", externalID: "item-2", lead: "lee", label: "bad", now: 1006)
        let second = try store.adjudicate(queue: "q", externalID: "item-2", lead: "lee", label: "fine", note: "on reflection", now: 1007)
        #expect(second.supersedes == first.id)
        #expect(throws: DocketError.notFound("queue 'q' has no item 'nope'")) {
            try store.adjudicate(queue: "q", externalID: "nope", lead: "lee", label: "bad", now: 1008)
        }
        let c = try database.connect()
        #expect(try c.execute("SELECT kind, supersedes FROM decisions WHERE item_id = (SELECT id FROM items WHERE external_id = 'item-1') ORDER BY id")
            .column() == ["label", "undo", "label"])
        #expect(try c.execute("SELECT supersedes FROM decisions WHERE kind = 'undo'").int64(0, 0) == decided.id)
        #expect(try c.execute("SELECT state, adjudication_id FROM items WHERE external_id = 'item-2'").int64(0, 1) == second.id)
        #expect(try c.execute("SELECT state FROM items WHERE external_id = 'item-2'").int64(0, 0) == 1)
        #expect(try c.execute("SELECT action FROM audit WHERE action <> 'queue.add' ORDER BY id").column()
            == ["decision", "decision.undo", "decision", "adjudicate", "adjudicate"])
    }

    @Test("16 reviewers on their own connections empty the queue: exactly the overlap per item, nobody twice", arguments: [1, 3])
    func manyReviewers(overlap: Int) throws {
        let items = 40
        let (database, _) = try makeStore(overlap: overlap, count: items)
        let lock = NSLock()
        nonisolated(unsafe) var confirmed: [String] = []
        nonisolated(unsafe) var errors: [String] = []
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            let reviewer = "reviewer-\(index)"
            do {
                let store = try PostgresReviewStore(url: database.url, create: false)
                while let item = try store.claimNext(queue: "q", reviewer: reviewer) {
                    try store.decide(DecisionRequest(queue: "q", item: .external(item.externalID), reviewer: reviewer, label: "bad"))
                    lock.withLock { confirmed.append(reviewer + "/" + item.externalID) }
                }
            } catch {
                lock.withLock { errors.append("\(reviewer): \(error)") }
            }
        }
        #expect(errors.isEmpty, "\(errors)")
        #expect(confirmed.count == items * overlap)
        #expect(Set(confirmed).count == confirmed.count, "a reviewer decided an item twice")
        let c = try database.connect()
        #expect(try c.execute("SELECT count(*) FROM items WHERE state <> 1 OR label_count <> $1", [overlap]).int64(0, 0) == 0)
        let stored = Set(try c.execute("SELECT reviewer || '/' || (SELECT external_id FROM items WHERE id = item_id) FROM decisions").column())
        #expect(stored == Set(confirmed), "every confirmed decision is stored, and nothing else")
        #expect(try c.execute("SELECT count(*) FROM audit WHERE action = 'decision'").int64(0, 0) == Int64(items * overlap))
        #expect(try c.execute("SELECT count(*) FROM leases").int64(0, 0) == 0)
    }
}
