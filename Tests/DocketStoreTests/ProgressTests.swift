import DocketCore
@testable import DocketStore
import Foundation
import Testing

/// The numbers `docket queues` and the review screen show, and the screen's history list, worked through one
/// small queue step by step on each backend: every count follows from the steps, so both backends must agree.
struct ProgressTests {
    /// Overlap 2: four open items, a gold item, and one imported with three annotators (over the overlap).
    static let lines = [
        #"{"id":"p1","text":"one","scores":[{"model":"m","category":"bad","score":0.9}]}"#,
        #"{"id":"p2","text":"two","scores":[{"model":"m","category":"bad","score":0.8}]}"#,
        #"{"id":"p3","text":"three","scores":[{"model":"m","category":"bad","score":0.7}]}"#,
        #"{"id":"p4","text":"four","scores":[{"model":"m","category":"bad","score":0.6}]}"#,
        #"{"id":"g1","text":"known","gold":"bad"}"#,
        #"{"id":"o1","text":"many","decisions":[{"reviewer":"r1","label":"bad"},{"reviewer":"r2","label":"bad"},{"reviewer":"r3","label":"fine"}]}"#,
    ]

    @Test("queue counts, each reviewer's progress and history follow claims, leases, decisions and escalations",
          arguments: StoreBackend.underTest)
    func progressThroughAQueue(backend: StoreBackend) throws {
        let f = try StoreFixture(backend, overlap: 2)
        #expect(try f.importLines(Self.lines).inserted == 6)
        func summary() throws -> [Int] {
            let s = try f.summary()
            return [s.items, s.decisions, s.complete, s.inProgress, s.pending, s.escalated, s.gold, s.overOverlap]
        }
        func progress(_ reviewer: String) throws -> [Int] {
            let p = try f.store.reviewProgress(queue: "q", reviewer: reviewer, now: Timestamp.now())
            return [p.leftForYou, p.done, p.total]
        }
        //                        items decisions complete inProgress pending escalated gold overOverlap
        #expect(try summary() == [6, 3, 1, 0, 5, 0, 1, 1])
        #expect(try progress("ann") == [4, 1, 5])

        // ann decides the first item; bob is handed the same one (a slot is free) and holds it.
        let first = try #require(try f.store.claimNext(queue: "q", reviewer: "ann"))
        try f.store.decide(DecisionRequest(queue: "q", item: .external(first.externalID), reviewer: "ann", label: "bad"))
        #expect(try f.store.claimNext(queue: "q", reviewer: "bob")?.externalID == first.externalID)
        #expect(try summary() == [6, 4, 1, 1, 4, 0, 1, 1])
        // For cat that item is full (ann's decision and bob's lease); ann decided it; bob holds it.
        #expect(try progress("ann") == [3, 1, 5])
        #expect(try progress("bob") == [4, 1, 5])
        #expect(try progress("cat") == [3, 1, 5])

        try f.store.decide(DecisionRequest(queue: "q", item: .external(first.externalID), reviewer: "bob", label: "fine"))
        #expect(try summary() == [6, 5, 2, 0, 4, 0, 1, 1])
        let next = try #require(try f.store.claimNext(queue: "q", reviewer: "cat"))
        #expect(next.externalID != first.externalID)
        try f.store.decide(DecisionRequest(queue: "q", item: .external(next.externalID), reviewer: "cat", kind: .escalate,
                                           reason: "needs a lead"))
        #expect(try summary() == [6, 6, 2, 0, 3, 1, 1, 1])
        #expect(try progress("cat") == [2, 3, 5])

        // The history list: newest first, matched in any case on the item id or the label, % and _ taken literally.
        func recent(_ reviewer: String, _ matching: String? = nil, limit: Int = 50) throws -> [String] {
            try f.store.recentDecisions(queue: "q", reviewer: reviewer, matching: matching, limit: limit)
                .map { "\($0.externalID):\($0.label ?? $0.kind.rawValue)" }
        }
        #expect(try recent("ann") == ["\(first.externalID):bad"])
        #expect(try recent("bob", "FI") == ["\(first.externalID):fine"])
        #expect(try recent("bob", first.externalID.uppercased()) == ["\(first.externalID):fine"])
        #expect(try recent("bob", "%") == [] && recent("bob", "_") == [] && recent("bob", "bad") == [])
        #expect(try recent("cat", "ESC") == ["\(next.externalID):escalate"])
        #expect(try recent("r3") == ["o1:fine"])
        #expect(try recent("r3", limit: 0) == [])
        #expect(try recent("nobody") == [])
    }
}
