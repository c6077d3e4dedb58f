import DocketCore
import DocketIO
import DocketStore
@testable import DocketTUI
import Foundation
import Testing
import TestScratch

/// The review controller on a real SQLite file: what a reviewer's keys do to the stored decisions.
@Suite struct ReviewSessionTests {
    static let simpleQueue = """
        id: q
        title: Test queue
        guidelines: Label it.
        lease_seconds: 60
        labels:
          - {id: hate, key: "1"}
          - {id: offensive, key: "2"}
          - {id: normal, key: "3"}
        """

    static let severityQueue = """
        id: q
        title: Severity queue
        labels:
          - {id: at-risk, key: "1"}
          - {id: unrelated, key: "2"}
        severity:
          - {id: low, key: z}
          - {id: high, key: x}
        severity_required_for: [at-risk]
        """

    /// A new database with one queue and `count` items (`i1`, `i2`, ...; earlier ones first).
    static func store(queue: String = simpleQueue, count: Int = 3) throws -> SQLiteReviewStore {
        let dir = TestScratch.folder("docket-tui").path
        let store = try SQLiteReviewStore(path: dir + "/db.sqlite")
        try store.saveQueue(try QueueFile.parse(queue, file: "q.yml"), yaml: queue, actor: "test")
        let lines = (1...count).map { #"{"id":"i\#($0)","text":"item number \#($0)"}"# }
        try lines.joined(separator: "\n").write(toFile: dir + "/items.jsonl", atomically: true, encoding: .utf8)
        _ = try store.importItems(into: "q", from: [try JSONLImportSource(path: dir + "/items.jsonl")], options: ImportOptions(actor: "test"))
        return store
    }

    static func history(_ store: SQLiteReviewStore) throws -> [Decision] {
        var rows: [Decision] = []
        try store.forEachHistoryRow(queue: "q") { rows.append($0) }
        return rows
    }

    func type(_ text: String, into session: ReviewSession, at now: Double) {
        for c in text { session.handle(.character(c), now: now) }
    }

    @Test func labellingToTheEndStoresEveryDecisionBeforeTheNextItem() throws {
        let store = try Self.store()
        let session = try ReviewSession(store: store, queue: "q", reviewer: "ann", now: 100)
        try session.start(now: 100)
        var seen: [String] = []
        for (step, key) in ["1", "2", "3"].enumerated() {
            let shown = try #require(session.state.item)
            seen.append(shown.externalID)
            session.handle(.character(Character(key)), now: 110 + Double(step))
            // The decision for the item on screen is in the database by the time the next one is shown.
            let last = try #require(try Self.history(store).last)
            #expect(last.externalID == shown.externalID && last.reviewer == "ann" && last.origin == "review")
            #expect(session.state.message?.text.hasPrefix("Saved") == true)
        }
        #expect(Set(seen).count == 3)
        #expect(session.state.item == nil)
        #expect(session.render().text.contains("Nothing left for you in this queue."))
        #expect(try Self.history(store).map { $0.label ?? "" } == ["hate", "offensive", "normal"])
        #expect(session.state.sessionCount == 3)
    }

    @Test func undoBringsTheItemBack() throws {
        let store = try Self.store()
        let session = try ReviewSession(store: store, queue: "q", reviewer: "ann", now: 100)
        try session.start(now: 100)
        let first = try #require(session.state.item)
        session.handle(.character("1"), now: 101)
        #expect(session.state.item?.externalID != first.externalID)
        session.handle(.character("u"), now: 102)
        #expect(session.state.item?.externalID == first.externalID)
        #expect(session.state.message?.text.hasPrefix("Undone: label hate withdrawn") == true)
        let history = try Self.history(store)
        #expect(history.map(\.kind) == [.label, .undo])
        #expect(history[1].supersedes == history[0].id)
        session.handle(.character("3"), now: 103)
        var inForce: [String] = []
        try store.forEachDecisionInForce(queue: "q") { inForce.append($0.decision.label ?? "") }
        #expect(inForce == ["normal"])
    }

    @Test func skipAndEscalateNeedAReason() throws {
        let store = try Self.store()
        let session = try ReviewSession(store: store, queue: "q", reviewer: "ann", now: 100)
        try session.start(now: 100)
        session.handle(.character("s"), now: 101)
        #expect(session.render().text.contains("Skip reason:"))
        session.handle(.enter, now: 102)  // empty: refused in place, the prompt stays open
        #expect(try Self.history(store).isEmpty)
        #expect(session.state.prompt?.purpose == .skip)
        #expect(session.render().text.contains("a reason is needed"))
        type("duplicate", into: session, at: 104)
        session.handle(.backspace, now: 104)
        session.handle(.enter, now: 105)
        session.handle(.character("e"), now: 106)
        type("legal", into: session, at: 107)
        session.handle(.escape, now: 107)  // cancelled: nothing stored
        session.handle(.character("e"), now: 108)
        type("needs a lead", into: session, at: 108)
        session.handle(.enter, now: 109)
        let history = try Self.history(store)
        #expect(history.map(\.kind) == [.skip, .escalate])
        #expect(history.map { $0.reason ?? "" } == ["duplicat", "needs a lead"])
    }

    @Test func aNoteIsSavedWithTheDecision() throws {
        let store = try Self.store()
        let session = try ReviewSession(store: store, queue: "q", reviewer: "ann", now: 100)
        try session.start(now: 100)
        session.handle(.character("n"), now: 101)
        type("see the thread", into: session, at: 102)
        session.handle(.enter, now: 103)
        session.handle(.character("2"), now: 130)
        let decision = try #require(try Self.history(store).first)
        #expect(decision.note == "see the thread")
        #expect(decision.label == "offensive")
        #expect(decision.seconds == 30)
    }

    @Test func aLabelThatNeedsASeverityWaitsAndTheSeverityKeyDecides() throws {
        let store = try Self.store(queue: Self.severityQueue)
        let session = try ReviewSession(store: store, queue: "q", reviewer: "ann", now: 100)
        try session.start(now: 100)
        let first = try #require(session.state.item)
        session.handle(.character("1"), now: 101)
        #expect(try Self.history(store).isEmpty)  // at-risk needs a severity
        #expect(session.state.message?.text.contains("needs a severity") == true)
        session.handle(.enter, now: 102)
        #expect(try Self.history(store).isEmpty)
        session.handle(.character("x"), now: 103)
        let decision = try #require(try Self.history(store).first)
        #expect(decision.label == "at-risk" && decision.severity == "high" && decision.externalID == first.externalID)
        // Severity first, then a label that does not need one: the label key decides with it.
        session.handle(.character("z"), now: 104)
        session.handle(.character("2"), now: 105)
        let second = try #require(try Self.history(store).last)
        #expect(second.label == "unrelated" && second.severity == "low")
    }

    @Test func tagsChosenFirstThenOneLabelKeyDecides() throws {
        let queue = Self.simpleQueue + "\ntags:\n  - {id: race, key: a}\n  - {id: gender, key: b}\n"
        let store = try Self.store(queue: queue)
        let session = try ReviewSession(store: store, queue: "q", reviewer: "ann", now: 100)
        try session.start(now: 100)
        session.handle(.character("a"), now: 101)
        session.handle(.character("b"), now: 101)
        session.handle(.character("b"), now: 101)  // toggled off again
        session.handle(.character("1"), now: 102)
        let decision = try #require(try Self.history(store).first)
        #expect(decision.label == "hate" && decision.tags == ["race"])
    }

    @Test func aQueueThatConfirmsWithEnterWaitsForEnter() throws {
        let queue = Self.simpleQueue + "\nconfirm: enter\n"
        let store = try Self.store(queue: queue)
        let session = try ReviewSession(store: store, queue: "q", reviewer: "ann", now: 100)
        try session.start(now: 100)
        session.handle(.character("2"), now: 101)
        #expect(try Self.history(store).isEmpty)
        #expect(session.render().text.contains("Enter confirm"))
        session.handle(.enter, now: 102)
        #expect(try Self.history(store).first?.label == "offensive")
    }

    @Test func theHeaderCountsComeFromTheStore() throws {
        let store = try Self.store(count: 4)
        let session = try ReviewSession(store: store, queue: "q", reviewer: "ann", now: 100)
        try session.start(now: 100)
        #expect(session.render().line(0).contains("4 left for you │ 0/4 done"))
        // Bob takes one item and decides another: Ann's screen follows on its next count.
        let bobs = try #require(try store.claimNext(queue: "q", reviewer: "bob", now: 101))
        try store.decide(DecisionRequest(queue: "q", item: .external(bobs.externalID), reviewer: "bob", label: "hate"), now: 102)
        _ = try store.claimNext(queue: "q", reviewer: "bob", now: 103)
        session.tick(now: 100 + ReviewSession.countSeconds)
        #expect(session.render().line(0).contains("2 left for you │ 1/4 done"))
        session.handle(.character("1"), now: 106)
        session.tick(now: 108)
        #expect(session.render().line(0).contains("1 left for you │ 2/4 done"))
    }

    @Test func nothingLeftLooksForNewWorkOnATickAndOnEnter() throws {
        let store = try Self.store(count: 1)
        let session = try ReviewSession(store: store, queue: "q", reviewer: "ann", now: 100)
        try session.start(now: 100)
        session.handle(.character("1"), now: 101)
        #expect(session.state.item == nil)
        let dir = URL(fileURLWithPath: store.path).deletingLastPathComponent().path
        for id in ["n1", "n2"] {
            try #"{"id":"\#(id)","text":"new"}"#.write(toFile: dir + "/\(id).jsonl", atomically: true, encoding: .utf8)
        }
        _ = try store.importItems(into: "q", from: [try JSONLImportSource(path: dir + "/n1.jsonl")], options: ImportOptions(actor: "test"))
        session.handle(.enter, now: 102)  // a key checks at once
        #expect(session.state.item?.externalID == "n1")
        session.handle(.character("2"), now: 103)
        #expect(session.state.item == nil)
        _ = try store.importItems(into: "q", from: [try JSONLImportSource(path: dir + "/n2.jsonl")], options: ImportOptions(actor: "test"))
        session.tick(now: 104)  // too soon for the poll
        #expect(session.state.item == nil)
        session.tick(now: 103 + ReviewSession.pollSeconds)
        #expect(session.state.item?.externalID == "n2")
    }

    @Test func aLostLeaseIsNeverDecidedTwice() throws {
        let store = try Self.store(count: 1)
        let session = try ReviewSession(store: store, queue: "q", reviewer: "ann", now: 100)
        try session.start(now: 100)
        let item = try #require(session.state.item)
        // Ann's 60-second lease runs out; Bob is handed the item and decides it.
        let taken = try #require(try store.claimNext(queue: "q", reviewer: "bob", now: 200))
        #expect(taken.externalID == item.externalID)
        try store.decide(DecisionRequest(queue: "q", item: .external(item.externalID), reviewer: "bob", label: "hate"), now: 201)
        session.handle(.character("3"), now: 202)
        #expect(session.state.message?.role == .error)
        #expect(session.state.message?.text.contains("Not recorded") == true)
        #expect(try Self.history(store).map(\.reviewer) == ["bob"])
        #expect(session.state.item == nil)
    }

    @Test func quittingReleasesTheLease() throws {
        let store = try Self.store()
        let session = try ReviewSession(store: store, queue: "q", reviewer: "ann", now: 100)
        try session.start(now: 100)
        let item = try #require(session.state.item)
        #expect(try store.holdsLease(queue: "q", externalID: item.externalID, reviewer: "ann", now: 101))
        session.handle(.character("q"), now: 101)
        #expect(!session.isRunning)
        #expect(try !store.holdsLease(queue: "q", externalID: item.externalID, reviewer: "ann", now: 101))
        // Resuming later shows the same item first (highest priority, still undecided).
        let again = try ReviewSession(store: store, queue: "q", reviewer: "ann", now: 200)
        try again.start(now: 200)
        #expect(again.state.item?.externalID == item.externalID)
    }

    @Test func resizeKeepsTheStateAndScrolling() throws {
        let store = try Self.store()
        let session = try ReviewSession(store: store, queue: "q", reviewer: "ann", now: 100)
        try session.start(now: 100)
        session.handle(.tab, now: 101)
        session.handle(.character("n"), now: 101)
        type("half", into: session, at: 101)
        session.width = 60
        session.handle(.resize, now: 102)
        #expect(session.render().text.contains("too small"))
        session.width = 120
        session.height = 40
        session.handle(.resize, now: 103)
        #expect(session.render().text.contains("Note: half"))
        #expect(session.state.focus == .metadata)
    }
}
