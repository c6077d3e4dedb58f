import DocketCore
import DocketStore
import Foundation
import Testing

/// A decision judged by a clock behind the others' (another machine's, or a `decide` that waited for the item's
/// lock while its lease ran out): the item may have been handed on meanwhile, so a lease the decider still sees
/// as live never lets a decision past the overlap. Found by the PostgreSQL fault soak (an item with 3 decisions
/// at overlap 2 after leases expired on a loaded machine).
struct LateDecisionTests {
    @Test("a late decision under a lease its own clock sees as live still leaves the item at its overlap",
          arguments: StoreBackend.underTest)
    func lateDecisionKeepsTheOverlap(backend: StoreBackend) throws {
        let f = try StoreFixture(backend, overlap: 2, leaseSeconds: 10)
        try f.importLines([#"{"id":"x","text":"one item"}"#])
        let t = Timestamp.now()
        #expect(try f.store.claimNext(queue: "q", reviewer: "ann", now: t)?.externalID == "x")
        // Ann's lease has run out: the item goes to two others, the overlap.
        #expect(try f.store.claimNext(queue: "q", reviewer: "bob", now: t + 20)?.externalID == "x")
        #expect(try f.store.claimNext(queue: "q", reviewer: "cee", now: t + 20)?.externalID == "x")
        // Ann's decision, timed before her lease ended, and bob's fill the overlap.
        try f.store.decide(DecisionRequest(queue: "q", item: .external("x"), reviewer: "ann", label: "bad"), now: t + 5)
        try f.store.decide(DecisionRequest(queue: "q", item: .external("x"), reviewer: "bob", label: "bad"), now: t + 21)
        // Cee's lease is live, but the item is full: refused, nothing stored.
        let refused = #expect(throws: DocketError.self) {
            try f.store.decide(DecisionRequest(queue: "q", item: .external("x"), reviewer: "cee", label: "fine"), now: t + 22)
        }
        guard case .conflict(let message)? = refused else {
            Issue.record("expected a conflict, got \(String(describing: refused))")
            return
        }
        #expect(message.contains("already has its 2 decision(s)"), "\(message)")
        #expect(try f.history().count == 2)
        #expect(try f.summary().complete == 1)
    }
}
