import DocketCore
import DocketStore
import Foundation
import Testing

/// `disputedItems`: which items a lead is asked to settle, in which order, on a real SQLite file.
@Suite struct DisputedItemsTests {
    static let queue = """
        id: q
        title: Dispute queue
        overlap: 3
        labels:
          - {id: hate, key: "1"}
          - {id: offensive, key: "2"}
          - {id: normal, key: "3"}
        tags:
          - {id: race, key: a}
        """

    /// A database whose items carry the reviewers' labels given in `votes` (item id -> [reviewer: label]).
    static func store(_ votes: [(String, [(String, String)])]) throws -> SQLiteReviewStore {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("docket-disputes-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let store = try SQLiteReviewStore(path: dir + "/db.sqlite")
        try store.saveQueue(try QueueFile.parse(queue, file: "q.yml"), yaml: queue, actor: "test")
        let lines = votes.map { id, decisions in
            let list = decisions.map { #"{"reviewer":"\#($0.0)","label":"\#($0.1)","note":"\#($0.0) thinks \#($0.1)"}"# }
            return #"{"id":"\#(id)","text":"text of \#(id)","decisions":[\#(list.joined(separator: ","))]}"#
        }
        try lines.joined(separator: "\n").write(toFile: dir + "/items.jsonl", atomically: true, encoding: .utf8)
        _ = try store.importItems(into: "q", from: [try JSONLImportSource(path: dir + "/items.jsonl")], options: ImportOptions(actor: "test"))
        return store
    }

    static let sample: [(String, [(String, String)])] = [
        ("agreed", [("ann", "hate"), ("bob", "hate"), ("cat", "hate")]),
        ("two-one", [("ann", "hate"), ("bob", "hate"), ("cat", "normal")]),
        ("three-way", [("ann", "hate"), ("bob", "offensive"), ("cat", "normal")]),
        ("tie", [("ann", "offensive"), ("bob", "normal")]),
        ("single", [("ann", "normal")]),
        ("untouched", []),
    ]

    @Test func anyDisagreementByDefaultMostDisputedFirst() throws {
        let store = try Self.store(Self.sample)
        let items = try store.disputedItems(queue: "q")
        // three-way: 2/3 of the votes off the top label; tie: 1/2; two-one: 1/3.
        #expect(items.map(\.externalID) == ["three-way", "tie", "two-one"])
        let tie = try #require(items.first { $0.externalID == "tie" })
        #expect(tie.decisions.map(\.reviewer) == ["ann", "bob"])
        #expect(tie.decisions.map(\.label) == ["offensive", "normal"])
        #expect(tie.decisions.map(\.note) == ["ann thinks offensive", "bob thinks normal"])
        #expect(tie.votes.counts.map(\.count) == [1, 1])
        #expect(!tie.isEscalated)
    }

    @Test func aThresholdKeepsOnlyItemsWithoutEnoughAgreement() throws {
        let store = try Self.store(Self.sample)
        // 2 of 3 is a strict majority with a share of 0.67: settled at a threshold of 0.6, disputed at 0.7.
        #expect(try store.disputedItems(queue: "q", rule: DisputeRule(threshold: 0.6)).map(\.externalID) == ["three-way", "tie"])
        #expect(try store.disputedItems(queue: "q", rule: DisputeRule(threshold: 0.7)).map(\.externalID) == ["three-way", "tie", "two-one"])
        // Without a strict majority an item is disputed whatever the threshold.
        #expect(try store.disputedItems(queue: "q", rule: DisputeRule(threshold: 0)).map(\.externalID) == ["three-way", "tie"])
    }

    @Test func escalatedItemsComeWithTheirReasonUnlessLeftOut() throws {
        let store = try Self.store(Self.sample)
        try store.decide(DecisionRequest(queue: "q", item: .external("single"), reviewer: "bob", kind: .escalate,
                                         reason: "credible threat, needs a lead"))
        let items = try store.disputedItems(queue: "q")
        let escalated = try #require(items.first { $0.externalID == "single" })
        #expect(escalated.isEscalated)
        #expect(escalated.decisions.map(\.kind) == [.label, .escalate])
        #expect(escalated.decisions.last?.reason == "credible threat, needs a lead")
        #expect(items.count == 4)
        #expect(try store.disputedItems(queue: "q", rule: DisputeRule(), includeEscalated: false).map(\.externalID) == ["three-way", "tie", "two-one"])
    }

    @Test func adjudicatedItemsLeaveTheList() throws {
        let store = try Self.store(Self.sample)
        #expect(try store.adjudication(queue: "q", externalID: "tie") == nil)
        try store.adjudicate(queue: "q", externalID: "tie", lead: "lee", label: "offensive", tags: ["race"], note: "slur in context")
        #expect(try store.disputedItems(queue: "q").map(\.externalID) == ["three-way", "two-one"])
        let decision = try #require(try store.adjudication(queue: "q", externalID: "tie"))
        #expect(decision.kind == .adjudication)
        #expect(decision.reviewer == "lee")
        #expect(decision.label == "offensive")
        #expect(decision.tags == ["race"])
        #expect(decision.note == "slur in context")
        #expect(try store.adjudications(queue: "q") == ["tie": "offensive"])
    }

    @Test func aCorrectedDecisionCountsOnlyInItsLatestForm() throws {
        let store = try Self.store(Self.sample)
        // cat changes her mind on two-one: now everyone agrees, so it is no longer disputed.
        try store.decide(DecisionRequest(queue: "q", item: .external("two-one"), reviewer: "cat", label: "hate", correct: true))
        #expect(try store.disputedItems(queue: "q").map(\.externalID) == ["three-way", "tie"])
    }

    @Test func anUnknownQueueIsAnError() throws {
        let store = try Self.store([])
        #expect(throws: DocketError.self) { try store.disputedItems(queue: "nope") }
    }
}
