import DocketCore
import DocketStore
@testable import DocketTUI
import Foundation
import Testing

/// History, amend and find on the review screen (issue 14, items 14 and 15), on a real SQLite file.
@Suite struct ReviewHistoryTests {
    func decided(_ count: Int) throws -> (SQLiteReviewStore, ReviewSession) {
        let store = try ReviewSessionTests.store(count: 5)
        let session = try ReviewSession(store: store, queue: "q", reviewer: "ann", now: 100)
        try session.start(now: 100)
        for step in 0..<count { session.handle(.character(step == 1 ? "2" : "1"), now: 101 + Double(step)) }
        return (store, session)
    }

    @Test func theHistoryListsMyDecisionsNewestFirst() throws {
        let (_, session) = try decided(3)
        session.handle(.character("h"), now: 110)
        #expect(session.state.overlay == .history(selected: 0))
        #expect(session.state.history.map(\.externalID) == ["i3", "i2", "i1"])
        let text = session.render().text
        #expect(text.contains("Your last decisions"))
        #expect(text.contains("i2") && text.contains("label offensive"))
    }

    @Test func amendingSupersedesOneDecisionAndLeavesTheLaterOnesAlone() throws {
        let (store, session) = try decided(3)
        let waiting = try #require(session.state.item)  // i4, leased to ann
        session.handle(.character("h"), now: 110)
        session.handle(.character("j"), now: 110)
        session.handle(.character("j"), now: 110)  // i1, the oldest
        session.handle(.enter, now: 111)
        #expect(session.state.amending?.externalID == "i1")
        #expect(session.state.item?.externalID == "i1")
        #expect(session.render().text.contains("Amending · i1 · was label hate"))
        session.handle(.character("3"), now: 112)
        #expect(session.state.message?.text == "Amended: i1 is now label normal (was label hate).")
        #expect(session.state.item?.externalID == waiting.externalID)  // back to the item that waited
        let history = try ReviewSessionTests.history(store)
        #expect(history.map(\.kind) == [.label, .label, .label, .label])  // no undo rows
        #expect(history.last?.supersedes == history.first?.id && history.last?.label == "normal")
        var inForce: [String: String] = [:]
        try store.forEachDecisionInForce(queue: "q", since: nil) { inForce[$0.decision.externalID] = $0.decision.label }
        #expect(inForce == ["i1": "normal", "i2": "offensive", "i3": "hate"])
        // The waiting item is still ann's to decide.
        #expect(try store.holdsLease(queue: "q", externalID: waiting.externalID, reviewer: "ann", now: 113))
    }

    @Test func escapeCancelsAnAmendment() throws {
        let (store, session) = try decided(2)
        session.handle(.character("h"), now: 110)
        session.handle(.enter, now: 111)
        session.handle(.escape, now: 112)
        #expect(session.state.amending == nil)
        #expect(session.state.message?.text == "Amendment cancelled: nothing was changed.")
        #expect(try ReviewSessionTests.history(store).count == 2)
    }

    @Test func findOpensAnIdOrSearchesMyDecisions() throws {
        let (_, session) = try decided(3)
        session.handle(.character("/"), now: 110)
        for c in "i2" { session.handle(.character(c), now: 110) }
        session.handle(.enter, now: 110)
        #expect(session.state.amending?.externalID == "i2")
        session.handle(.escape, now: 111)
        session.handle(.character("/"), now: 112)
        for c in "HATE" { session.handle(.character(c), now: 112) }
        session.handle(.enter, now: 112)
        #expect(session.state.overlay == .history(selected: 0))
        #expect(session.state.history.map(\.externalID) == ["i3", "i1"])
        session.handle(.escape, now: 113)
        session.handle(.character("/"), now: 115)
        for c in "nope" { session.handle(.character(c), now: 115) }
        session.handle(.enter, now: 115)
        #expect(session.state.message?.text.contains("No item 'nope'") == true)
    }

    @Test func findOpensAnUndecidedItemByIdAndTheItemOnScreenWaits() throws {
        let (store, session) = try decided(2)
        let waiting = try #require(session.state.item?.externalID)  // i3, leased to ann
        func find(_ text: String, now: Double) {
            session.handle(.character("/"), now: now)
            for c in text { session.handle(.character(c), now: now) }
            session.handle(.enter, now: now)
        }
        find("i5", now: 110)
        #expect(session.state.item?.externalID == "i5")
        #expect(session.state.message?.text == "Opened i5 by id: \(waiting) waits, still yours.")
        #expect(try store.holdsLease(queue: "q", externalID: "i5", reviewer: "ann", now: 110))
        #expect(try store.holdsLease(queue: "q", externalID: waiting, reviewer: "ann", now: 110))
        session.handle(.character("2"), now: 111)
        #expect(session.state.message?.text == "Saved: label offensive for i5.")
        #expect(session.state.item?.externalID == waiting, "the item set aside comes back")
        find(waiting, now: 112)
        #expect(session.state.message?.text == "\(waiting) is the item on screen.")
        // Held by another reviewer (overlap 1): said on the status line, nothing changes.
        #expect(try store.claimItem(queue: "q", externalID: "i4", reviewer: "bob", now: 112) == .claimed(try store.item(queue: "q", externalID: "i4")))
        find("i4", now: 113)
        #expect(session.state.message?.text == "Item i4 is held by 1 other reviewer: its overlap is full until a lease runs out.")
        #expect(session.state.item?.externalID == waiting)
        // Decided by someone else and complete.
        try store.decide(DecisionRequest(queue: "q", item: .external("i4"), reviewer: "bob", label: "hate"), now: 114)
        find("i4", now: 115)
        #expect(session.state.message?.text.hasPrefix("Item i4 needs no more decisions") == true)
    }
}
