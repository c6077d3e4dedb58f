import DocketCore
import DocketStore
import Foundation
import Testing

/// `disputedItems`: which items a lead is asked to settle, in which order, on every backend.
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

    /// A store of `backend` whose items carry the reviewers' labels given in `votes` (item id -> [reviewer: label]).
    static func store(_ backend: StoreBackend, _ votes: [(String, [(String, String)])]) throws -> StoreFixture {
        let fixture = try StoreFixture(backend, queueYAML: queue)
        try fixture.importLines(votes.map { id, decisions in
            let list = decisions.map { #"{"reviewer":"\#($0.0)","label":"\#($0.1)","note":"\#($0.0) thinks \#($0.1)"}"# }
            return #"{"id":"\#(id)","text":"text of \#(id)","decisions":[\#(list.joined(separator: ","))]}"#
        })
        return fixture
    }

    static let sample: [(String, [(String, String)])] = [
        ("agreed", [("ann", "hate"), ("bob", "hate"), ("cat", "hate")]),
        ("two-one", [("ann", "hate"), ("bob", "hate"), ("cat", "normal")]),
        ("three-way", [("ann", "hate"), ("bob", "offensive"), ("cat", "normal")]),
        ("tie", [("ann", "offensive"), ("bob", "normal")]),
        ("single", [("ann", "normal")]),
        ("untouched", []),
    ]

    @Test(arguments: StoreBackend.underTest)
    func anyDisagreementByDefaultMostDisputedFirst(backend: StoreBackend) throws {
        let fixture = try Self.store(backend, Self.sample)
        let store = fixture.store
        let items = try store.disputedItems(queue: "q")
        // three-way: 2/3 of the votes off the top label; tie: 1/2; two-one: 1/3.
        #expect(items.map(\.externalID) == ["three-way", "tie", "two-one"])
        let tie = try #require(items.first { $0.externalID == "tie" })
        #expect(tie.decisions.map(\.reviewer) == ["ann", "bob"])
        #expect(tie.decisions.allSatisfy { $0.externalID == "tie" })
        #expect(tie.decisions.map(\.label) == ["offensive", "normal"])
        #expect(tie.decisions.map(\.note) == ["ann thinks offensive", "bob thinks normal"])
        #expect(tie.votes.counts.map(\.count) == [1, 1])
        #expect(!tie.isEscalated)
    }

    @Test(arguments: StoreBackend.underTest)
    func aThresholdKeepsOnlyItemsWithoutEnoughAgreement(backend: StoreBackend) throws {
        let fixture = try Self.store(backend, Self.sample)
        let store = fixture.store
        // 2 of 3 is a strict majority with a share of 0.67: settled at a threshold of 0.6, disputed at 0.7.
        #expect(try store.disputedItems(queue: "q", rule: DisputeRule(threshold: 0.6)).map(\.externalID) == ["three-way", "tie"])
        #expect(try store.disputedItems(queue: "q", rule: DisputeRule(threshold: 0.7)).map(\.externalID) == ["three-way", "tie", "two-one"])
        // Without a strict majority an item is disputed whatever the threshold.
        #expect(try store.disputedItems(queue: "q", rule: DisputeRule(threshold: 0)).map(\.externalID) == ["three-way", "tie"])
    }

    @Test(arguments: StoreBackend.underTest)
    func escalatedItemsComeWithTheirReasonUnlessLeftOut(backend: StoreBackend) throws {
        let fixture = try Self.store(backend, Self.sample)
        let store = fixture.store
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

    @Test(arguments: StoreBackend.underTest)
    func adjudicatedItemsLeaveTheList(backend: StoreBackend) throws {
        let fixture = try Self.store(backend, Self.sample)
        let store = fixture.store
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

    @Test(arguments: StoreBackend.underTest)
    func aCorrectedDecisionCountsOnlyInItsLatestForm(backend: StoreBackend) throws {
        let fixture = try Self.store(backend, Self.sample)
        let store = fixture.store
        // cat changes her mind on two-one: now everyone agrees, so it is no longer disputed.
        try store.decide(DecisionRequest(queue: "q", item: .external("two-one"), reviewer: "cat", label: "hate", correct: true))
        #expect(try store.disputedItems(queue: "q").map(\.externalID) == ["three-way", "tie"])
    }

    @Test(arguments: StoreBackend.underTest)
    func anUnknownQueueIsAnError(backend: StoreBackend) throws {
        let fixture = try Self.store(backend, [])
        let store = fixture.store
        #expect(throws: DocketError.self) { try store.disputedItems(queue: "nope") }
    }
}
