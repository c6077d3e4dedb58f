import DocketCore
@testable import DocketStore
import Foundation
import Testing

/// Which item a reviewer gets: priority order per policy rule, overlap, leases.
struct ClaimTests {
    /// Items whose terms are deliberately out of step, so every rule gives a different order.
    /// (id, score in 'bad', threshold, reports, created_at)
    static let items: [(String, Double, Double, Int, String)] = [
        ("p1", 0.95, 0.5, 0, "2024-01-03T00:00:00Z"),
        ("p2", 0.52, 0.5, 9, "2024-01-05T00:00:00Z"),
        ("p3", 0.10, 0.5, 4, "2024-01-01T00:00:00Z"),
        ("p4", 0.70, 0.5, 1, "2024-01-04T00:00:00Z"),
        ("p5", 0.45, 0.5, 2, "2024-01-02T00:00:00Z"),
    ]

    static let cases: [(policy: String, order: [String])] = [
        ("  - rule: score\n    category: bad", ["p1", "p4", "p2", "p5", "p3"]),
        ("  - rule: uncertainty\n    category: bad", ["p2", "p5", "p4", "p3", "p1"]),
        ("  - rule: reports", ["p2", "p3", "p5", "p4", "p1"]),
        ("  - rule: oldest", ["p3", "p5", "p1", "p4", "p2"]),
        ("  - rule: newest", ["p2", "p4", "p1", "p5", "p3"]),
        // Ties on the first rule are broken by the second: reports 0 vs 0 -> oldest.
        ("  - rule: reports\n  - rule: oldest", ["p2", "p3", "p5", "p4", "p1"]),
        // 10 * score + reports: p2 14.2, p4 8, p3 5, p5 6.5, p1 9.5.
        ("  mode: weighted\n  rules:\n    - rule: score\n      category: bad\n      weight: 10\n    - rule: reports\n      weight: 1",
         ["p2", "p1", "p4", "p5", "p3"]),
    ]

    @Test("items come out in the order of each priority rule", arguments: StoreBackend.underTest, Array(0..<cases.count))
    func priorityOrder(backend: StoreBackend, index: Int) throws {
        let (policy, expected) = Self.cases[index]
        let f = try StoreFixture(backend, yamlExtra: "priority:\n" + policy + "\n")
        try f.importLines(Self.items.map { id, score, threshold, reports, created in
            #"{"id":"\#(id)","text":"x","reports":\#(reports),"created_at":"\#(created)","scores":[{"model":"m","category":"bad","score":\#(score),"threshold":\#(threshold)}]}"#
        })
        #expect(try f.drain(reviewer: "ann") == expected, "policy:\n\(policy)")
    }

    @Test("a queue file whose priority rules change re-ranks the items already stored", arguments: StoreBackend.underTest)
    func changedPriorityRulesReRank(backend: StoreBackend) throws {
        let (byScore, scoreOrder) = Self.cases[0]
        let (byReports, reportsOrder) = Self.cases[2]
        let f = try StoreFixture(backend, yamlExtra: "priority:\n" + byScore + "\n")
        try f.importLines(Self.items.map { id, score, threshold, reports, created in
            #"{"id":"\#(id)","text":"x","reports":\#(reports),"created_at":"\#(created)","scores":[{"model":"m","category":"bad","score":\#(score),"threshold":\#(threshold)}]}"#
        })
        #expect(try f.store.claimNext(queue: "q", reviewer: "first")?.externalID == scoreOrder[0])
        let yaml = StoreFixture.queueYAML(extra: "priority:\n" + byReports + "\n")
        #expect(try f.store.saveQueue(try QueueFile.parse(yaml, file: "changed.yml"), yaml: yaml, actor: "admin") == false)
        // "first" still holds the item the old rules put first; the rest comes in the new rules' order.
        #expect(try f.drain(reviewer: "ann") == reportsOrder.filter { $0 != scoreOrder[0] })
    }

    @Test("overlap 3: each item is decided by exactly 3 distinct reviewers, and nobody gets an item twice", arguments: StoreBackend.underTest)
    func overlap(backend: StoreBackend) throws {
        let f = try StoreFixture(backend, overlap: 3)
        try f.importLines((0..<12).map { #"{"id":"o\#($0)","text":"x"}"# })
        let reviewers = ["a", "b", "c", "d", "e"]
        var seen: [String: Set<String>] = [:]
        // Round-robin: each reviewer claims and decides one item at a time.
        var progress = true
        while progress {
            progress = false
            for reviewer in reviewers {
                guard let item = try f.store.claimNext(queue: "q", reviewer: reviewer) else { continue }
                #expect(!(seen[reviewer]?.contains(item.externalID) ?? false), "\(reviewer) got \(item.externalID) twice")
                seen[reviewer, default: []].insert(item.externalID)
                try f.store.decide(DecisionRequest(queue: "q", item: .external(item.externalID), reviewer: reviewer, label: "bad"))
                progress = true
            }
        }
        var perItem: [String: [String]] = [:]
        try f.store.forEachDecisionInForce(queue: "q") { perItem[$0.externalID, default: []].append($0.decision.reviewer) }
        #expect(perItem.count == 12)
        for (id, deciders) in perItem {
            #expect(deciders.count == 3 && Set(deciders).count == 3, "\(id): \(deciders)")
        }
        let summary = try #require(try f.store.queueSummaries().first)
        #expect(summary.complete == 12 && summary.decisions == 36 && summary.pending == 0)
    }

    @Test("overlap caps holders: with overlap 2, a third reviewer is not handed an item two others hold", arguments: StoreBackend.underTest)
    func overlapCapsLiveLeases(backend: StoreBackend) throws {
        let f = try StoreFixture(backend, overlap: 2)
        try f.importLines([#"{"id":"only","text":"x"}"#])
        #expect(try f.store.claimNext(queue: "q", reviewer: "a")?.externalID == "only")
        #expect(try f.store.claimNext(queue: "q", reviewer: "b")?.externalID == "only")
        #expect(try f.store.claimNext(queue: "q", reviewer: "c") == nil)
    }

    @Test("a lease that expired hands the item to the next reviewer; the holder resumes a live one", arguments: StoreBackend.underTest)
    func leasesExpire(backend: StoreBackend) throws {
        let f = try StoreFixture(backend, leaseSeconds: 60)
        try f.importLines([#"{"id":"l1","text":"x","created_at":1}"#, #"{"id":"l2","text":"y","created_at":2}"#])
        let now = Timestamp.now()
        // Claimed two minutes ago with a one-minute lease: expired now.
        let stale = try #require(try f.store.claimNext(queue: "q", reviewer: "ann", now: now - 120))
        #expect(stale.externalID == "l1")
        #expect(try !f.store.holdsLease(queue: "q", externalID: stale.externalID, reviewer: "ann", now: now))
        #expect(try !f.store.renewLease(queue: "q", externalID: stale.externalID, reviewer: "ann", now: now))
        #expect(try f.store.claimNext(queue: "q", reviewer: "bob", now: now)?.externalID == "l1", "the item came back")
        // Bob holds l1 live: claiming again resumes it rather than taking another.
        #expect(try f.store.claimNext(queue: "q", reviewer: "bob", now: now + 1)?.externalID == "l1")
        // Ann's lease was lost: she gets the next item, not l1.
        #expect(try f.store.claimNext(queue: "q", reviewer: "ann", now: now)?.externalID == "l2")
        // A live lease can be renewed.
        #expect(try f.store.renewLease(queue: "q", externalID: stale.externalID, reviewer: "bob", now: now + 30))
        #expect(try f.store.holdsLease(queue: "q", externalID: stale.externalID, reviewer: "bob", now: now + 80))
    }

    @Test("released items go back at once", arguments: StoreBackend.underTest)
    func release(backend: StoreBackend) throws {
        let f = try StoreFixture(backend)
        try f.importLines([#"{"id":"x1","text":"x"}"#])
        #expect(try f.store.claimNext(queue: "q", reviewer: "ann") != nil)
        #expect(try f.store.claimNext(queue: "q", reviewer: "bob") == nil)
        try f.store.release(queue: "q", reviewer: "ann")
        #expect(try f.store.claimNext(queue: "q", reviewer: "bob")?.externalID == "x1")
    }
}
