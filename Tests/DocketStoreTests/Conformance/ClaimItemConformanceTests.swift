import DocketCore
import DocketStore
import Foundation
import Testing

/// Claiming one item by its id (the review screen's `/`, issue 14 item 15) on every backend: the rules of the next-item
/// claim (overlap, live leases, never an item the reviewer decided, gold uncapped), a clear answer when it cannot be
/// leased, and nothing written then.
struct ClaimItemConformanceTests {
    private func id(_ claim: ItemClaim) -> String? {
        if case .claimed(let item) = claim { return item.externalID }
        return nil
    }

    @Test("an item by id: leased within the overlap, refused when others' live leases fill it, open again once they expire",
          arguments: StoreBackend.underTest)
    func overlapAndLeases(backend: StoreBackend) throws {
        let f = try StoreFixture(backend, overlap: 2, leaseSeconds: 300)
        try f.importLines([#"{"id":"a1","text":"first"}"#, #"{"id":"a2","text":"second"}"#])
        // ann holds a1 (the next-item claim) and opens a2 by id: both are hers, a1 waits and comes back first.
        #expect(try f.store.claimNext(queue: "q", reviewer: "ann", now: 100)?.externalID == "a1")
        #expect(id(try f.store.claimItem(queue: "q", externalID: "a2", reviewer: "ann", now: 100)) == "a2")
        #expect(try f.store.holdsLease(queue: "q", externalID: "a1", reviewer: "ann", now: 101))
        #expect(try f.store.holdsLease(queue: "q", externalID: "a2", reviewer: "ann", now: 101))
        #expect(try f.store.claimNext(queue: "q", reviewer: "ann", now: 101)?.externalID == "a1", "the oldest lease comes back first")
        // Overlap 2: bob fills a2's second slot; carl is refused and nothing is leased to him.
        #expect(id(try f.store.claimItem(queue: "q", externalID: "a2", reviewer: "bob", now: 110)) == "a2")
        #expect(try f.store.claimItem(queue: "q", externalID: "a2", reviewer: "carl", now: 120) == .heldByOthers(holders: 2))
        #expect(try !f.store.holdsLease(queue: "q", externalID: "a2", reviewer: "carl", now: 120))
        // Asking again for an item you hold is no refusal.
        #expect(id(try f.store.claimItem(queue: "q", externalID: "a2", reviewer: "bob", now: 130)) == "a2")
        // ann's lease (from 100) ran out at 400: her slot is free for carl.
        #expect(try f.store.claimItem(queue: "q", externalID: "a2", reviewer: "carl", now: 399) == .heldByOthers(holders: 2))
        #expect(id(try f.store.claimItem(queue: "q", externalID: "a2", reviewer: "carl", now: 400.5)) == "a2")
        #expect(throws: DocketError.notFound("queue 'q' has no item 'nope'")) {
            try f.store.claimItem(queue: "q", externalID: "nope", reviewer: "ann", now: 500)
        }
    }

    @Test("an item by id: never handed to whoever decided it (their decision comes back instead), refused once complete; gold uncapped",
          arguments: StoreBackend.underTest)
    func decidedCompleteAndGold(backend: StoreBackend) throws {
        let f = try StoreFixture(backend, overlap: 1)
        try f.importLines([#"{"id":"b1","text":"x"}"#, #"{"id":"b2","text":"y"}"#, #"{"id":"g1","text":"known","gold":"bad"}"#])
        try f.store.decide(DecisionRequest(queue: "q", item: .external("b1"), reviewer: "ann", kind: .skip, reason: "unsure"), now: 100)
        guard case .decidedByYou(let skip) = try f.store.claimItem(queue: "q", externalID: "b1", reviewer: "ann", now: 101) else {
            Issue.record("ann's own skip should come back"); return
        }
        #expect(skip.externalID == "b1" && skip.kind == .skip && skip.reason == "unsure" && skip.reviewer == "ann")
        #expect(try !f.store.holdsLease(queue: "q", externalID: "b1", reviewer: "ann", now: 101))
        // bob labels b2: overlap 1 is met. ann is refused (complete); bob still gets his own decision to amend.
        #expect(id(try f.store.claimItem(queue: "q", externalID: "b2", reviewer: "bob", now: 110)) == "b2")
        try f.store.decide(DecisionRequest(queue: "q", item: .external("b2"), reviewer: "bob", label: "fine", tags: []), now: 111)
        #expect(try f.store.claimItem(queue: "q", externalID: "b2", reviewer: "ann", now: 112) == .complete)
        guard case .decidedByYou(let label) = try f.store.claimItem(queue: "q", externalID: "b2", reviewer: "bob", now: 112) else {
            Issue.record("bob's own label should come back"); return
        }
        #expect(label.label == "fine" && label.kind == .label)
        // A known-answer item is answered by everyone: a live lease of another does not fill it.
        #expect(id(try f.store.claimItem(queue: "q", externalID: "g1", reviewer: "ann", now: 120)) == "g1")
        #expect(id(try f.store.claimItem(queue: "q", externalID: "g1", reviewer: "bob", now: 120)) == "g1")
        // Refusals wrote nothing: the history holds the two decisions only.
        #expect(try f.history().count == 2)
    }

    @Test("an item by id from many reviewers at once: exactly the overlap of them get it", arguments: StoreBackend.underTest)
    func concurrentClaims(backend: StoreBackend) throws {
        let f = try StoreFixture(backend, overlap: 3)
        try f.importLines([#"{"id":"hot","text":"everyone wants this"}"#])
        let lock = NSLock()
        nonisolated(unsafe) var granted = 0, refused = 0
        nonisolated(unsafe) var errors: [String] = []
        let location = f.location
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            do {
                // Each reviewer on a connection of their own, as separate processes would be.
                let store = try location.open(create: false)
                let claim = try store.claimItem(queue: "q", externalID: "hot", reviewer: "r\(index)", now: 100)
                lock.withLock { if case .claimed = claim { granted += 1 } else { refused += 1 } }
            } catch {
                lock.withLock { errors.append("\(error)") }
            }
        }
        #expect(errors.isEmpty, "\(errors)")
        #expect(granted == 3 && refused == 5)
    }
}
