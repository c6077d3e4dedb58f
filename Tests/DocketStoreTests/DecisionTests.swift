import DocketCore
@testable import DocketStore
import Foundation
import GRDB
import Testing

/// Recording decisions: undo keeps history, refusals say why and store nothing, history is append-only.
struct DecisionTests {
    func claimed(_ f: StoreFixture, _ reviewer: String, now: Double = Timestamp.now()) throws -> Item {
        try #require(try f.store.claimNext(queue: "q", reviewer: reviewer, now: now))
    }

    @Test("undo adds a superseding record, keeps the original, and the item comes back to the reviewer", arguments: StoreBackend.underTest)
    func undo(backend: StoreBackend) throws {
        let f = try StoreFixture(backend)
        try f.importLines([#"{"id":"u1","text":"x"}"#, #"{"id":"u2","text":"y"}"#])
        let item = try claimed(f, "ann")
        let decision = try f.store.decide(DecisionRequest(queue: "q", item: .external(item.externalID), reviewer: "ann", label: "bad"))
        #expect(try f.summary().complete == 1)

        let back = try #require(try f.store.undoLast(queue: "q", reviewer: "ann"))
        #expect(back.externalID == item.externalID)
        var history: [Decision] = []
        try f.store.forEachHistoryRow(queue: "q") { history.append($0) }
        #expect(history.count == 2)
        #expect(history[0] == decision, "the original decision is kept as it was")
        #expect(history[1].kind == .undo && history[1].supersedes == decision.id && history[1].reviewer == "ann")
        var inForce = 0
        try f.store.forEachDecisionInForce(queue: "q") { _ in inForce += 1 }
        #expect(inForce == 0)
        #expect(try f.summary().complete == 0 && f.summary().decisions == 0)
        #expect(try f.store.remainingCount(queue: "q") == 2)
        // Leased back to ann: she gets it again (and may decide it anew), bob does not.
        #expect(try f.store.holdsLease(queue: "q", externalID: item.externalID, reviewer: "ann"))
        #expect(try f.store.claimNext(queue: "q", reviewer: "bob")?.externalID != item.externalID)
        #expect(try f.store.claimNext(queue: "q", reviewer: "ann")?.externalID == item.externalID)
        try f.store.decide(DecisionRequest(queue: "q", item: .external(item.externalID), reviewer: "ann", label: "fine"))
        #expect(try f.auditCount("decision.undo") == 1)
        #expect(try f.auditCount("decision") == 2)
        // Nothing left to undo for someone who never decided.
        #expect(try f.store.undoLast(queue: "q", reviewer: "nobody") == nil)
    }

    /// Runs `body`, expects a refusal whose message contains `words`, and checks that nothing was stored.
    func expectRefusal(_ f: StoreFixture, _ words: String, sourceLocation: SourceLocation = #_sourceLocation,
                       _ body: () throws -> Void) throws {
        let before = try f.history().count + 1000 * (try f.auditCount())
        var message = ""
        do {
            try body()
            Issue.record("not refused (expected '\(words)')", sourceLocation: sourceLocation)
        } catch {
            message = "\(error)"
        }
        #expect(message.contains(words), "expected '\(words)' in: \(message)", sourceLocation: sourceLocation)
        let after = try f.history().count + 1000 * (try f.auditCount())
        #expect(after == before, "a refusal stored something", sourceLocation: sourceLocation)
    }

    @Test("refused: deciding twice, an unknown label, a lost lease, an unknown item; each says why and stores nothing", arguments: StoreBackend.underTest)
    func refusals(backend: StoreBackend) throws {
        let f = try StoreFixture(backend, leaseSeconds: 60)
        try f.importLines([#"{"id":"d1","text":"x","created_at":1}"#, #"{"id":"d2","text":"y","created_at":2}"#])
        let item = try claimed(f, "ann")
        try f.store.decide(DecisionRequest(queue: "q", item: .external(item.externalID), reviewer: "ann", label: "bad"))
        try expectRefusal(f, "ann already decided item 'd1'") {
            try f.store.decide(DecisionRequest(queue: "q", item: .external("d1"), reviewer: "ann", label: "fine"))
        }
        let other = try claimed(f, "ann")
        try expectRefusal(f, "has no label 'maybe' (its labels: bad, fine)") {
            try f.store.decide(DecisionRequest(queue: "q", item: .external(other.externalID), reviewer: "ann", label: "maybe"))
        }
        try expectRefusal(f, "has no item 'nope'") {
            try f.store.decide(DecisionRequest(queue: "q", item: .external("nope"), reviewer: "ann", label: "bad"))
        }
        // Lease lost: bob's claim expired and carl took the item over.
        let now = Timestamp.now()
        try f.store.release(queue: "q", reviewer: "ann")
        let stale = try claimed(f, "bob", now: now - 120)
        #expect(try f.store.claimNext(queue: "q", reviewer: "carl", now: now)?.externalID == stale.externalID)
        try expectRefusal(f, "lease lost") {
            try f.store.decide(DecisionRequest(queue: "q", item: .external(stale.externalID), reviewer: "bob", label: "bad"), now: now)
        }
        // An item that already has its overlap.
        try expectRefusal(f, "already has its 1 decision") {
            try f.store.decide(DecisionRequest(queue: "q", item: .external("d1"), reviewer: "dan", label: "bad"))
        }
        // A correction is allowed when asked for, and supersedes instead of rewriting.
        let corrected = try f.store.decide(DecisionRequest(queue: "q", item: .external("d1"), reviewer: "ann", label: "fine", correct: true))
        #expect(corrected.supersedes != nil)
        #expect(try f.history().filter { $0.externalID == item.externalID }.count == 2)
    }

    @Test("history cannot be rewritten: UPDATE and DELETE on decisions and the audit log are refused by the file itself")
    func appendOnly() throws {
        let f = try StoreFixture()
        try f.importLines([#"{"id":"h1","text":"x"}"#])
        _ = try f.drain(reviewer: "ann")
        for sql in ["UPDATE decisions SET label = 'fine'", "DELETE FROM decisions", "UPDATE audit SET actor = 'x'", "DELETE FROM audit"] {
            #expect(throws: DatabaseError.self, "\(sql)") {
                try f.sqlite.pool.write { db in try db.execute(sql: sql) }
            }
        }
        #expect(try f.count("SELECT count(*) FROM decisions WHERE label = 'bad'") == 1)
    }
}
