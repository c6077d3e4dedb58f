import DocketCore
import DocketIO
import DocketStore
@testable import DocketTUI
import Foundation
import Testing
import TestScratch

/// The adjudication controller on a real SQLite file: what a lead's keys do to the stored decisions.
@Suite struct AdjudicationSessionTests {
    static let plainQueue = """
        id: q
        title: Plain queue
        overlap: 2
        labels:
          - {id: hate, key: "1"}
          - {id: offensive, key: "2"}
          - {id: normal, key: "3"}
        """

    static let tagQueue = plainQueue.replacingOccurrences(of: "title: Plain queue", with: "title: Tag queue") + """

        tags:
          - {id: race, key: a}
          - {id: religion, key: b}
        """

    /// A database with items `d1`...`dN` on which ann and bob disagree (and one item they agree on).
    static func store(queue: String = plainQueue, disputed: Int = 3) throws -> SQLiteReviewStore {
        let dir = TestScratch.folder("docket-adj").path
        let store = try SQLiteReviewStore(path: dir + "/db.sqlite")
        try store.saveQueue(try QueueFile.parse(queue, file: "q.yml"), yaml: queue, actor: "test")
        var lines = (1...disputed).map { n in
            #"{"id":"d\#(n)","text":"disputed \#(n)","decisions":[{"reviewer":"ann","label":"hate","note":"ann on \#(n)"},{"reviewer":"bob","label":"normal"}]}"#
        }
        lines.append(#"{"id":"agreed","text":"fine","decisions":[{"reviewer":"ann","label":"normal"},{"reviewer":"bob","label":"normal"}]}"#)
        try lines.joined(separator: "\n").write(toFile: dir + "/items.jsonl", atomically: true, encoding: .utf8)
        _ = try store.importItems(into: "q", from: [try JSONLImportSource(path: dir + "/items.jsonl")], options: ImportOptions(actor: "test"))
        return store
    }

    func type(_ text: String, into session: AdjudicationSession) {
        for c in text { session.handle(.character(c), now: 200) }
    }

    @Test func aLabelKeyRecordsTheFinalDecisionBeforeTheNextItemAppears() throws {
        let store = try Self.store()
        let session = try AdjudicationSession(store: store, queue: "q", lead: "lee")
        #expect(session.state.items.map(\.externalID) == ["d1", "d2", "d3"])
        #expect(session.state.item?.externalID == "d1")
        session.handle(.character("2"), now: 150)
        let stored = try #require(try store.adjudication(queue: "q", externalID: "d1"))
        #expect(stored.label == "offensive" && stored.reviewer == "lee" && stored.decidedAt == 150)
        #expect(session.state.item?.externalID == "d2")
        #expect(session.state.message?.text == "Adjudicated as offensive: d1.")
        #expect(session.render().line(29).contains("Adjudicated as offensive"))
        #expect(try store.disputedItems(queue: "q").map(\.externalID) == ["d2", "d3"])
    }

    @Test func theNoteIsSavedWithTheDecision() throws {
        let store = try Self.store()
        let session = try AdjudicationSession(store: store, queue: "q", lead: "lee")
        session.handle(.character("n"), now: 200)
        type("slur in context", into: session)
        session.handle(.backspace, now: 200)
        session.handle(.enter, now: 200)
        #expect(session.state.choice.note == "slur in contex")
        session.handle(.character("1"), now: 200)
        #expect(try store.adjudication(queue: "q", externalID: "d1")?.note == "slur in contex")
    }

    @Test func skippingMovesOnWithoutDecidingAndComesRound() throws {
        let store = try Self.store()
        let session = try AdjudicationSession(store: store, queue: "q", lead: "lee")
        session.handle(.character("s"), now: 200)
        #expect(session.state.item?.externalID == "d2")
        session.handle(.right, now: 200)
        #expect(session.state.item?.externalID == "d3")
        session.handle(.right, now: 200)
        #expect(session.state.item?.externalID == "d1")
        #expect(session.state.message?.text == "Back at the first undecided item.")
        session.handle(.left, now: 200)
        #expect(session.state.item?.externalID == "d3")
        #expect(try store.adjudications(queue: "q").isEmpty)
        // Settled items are passed over.
        session.handle(.character("3"), now: 200)
        #expect(session.state.item?.externalID == "d1")
        session.handle(.left, now: 200)
        #expect(session.state.item?.externalID == "d2")
    }

    @Test func settlingTheLastItemEndsTheList() throws {
        let store = try Self.store(disputed: 1)
        let session = try AdjudicationSession(store: store, queue: "q", lead: "lee")
        session.handle(.character("s"), now: 200)
        #expect(session.state.message?.text == "This is the only item left to adjudicate.")
        session.handle(.character("3"), now: 200)
        #expect(session.state.isFinished)
        #expect(session.state.current == nil)
        #expect(session.render().text.contains("1 adjudicated in this session"))
        session.handle(.character("1"), now: 200)
        #expect(try store.adjudications(queue: "q") == ["d1": "normal"])
        session.handle(.character("q"), now: 200)
        #expect(!session.isRunning)
    }

    @Test func withTagsTheLabelWaitsForEnter() throws {
        let store = try Self.store(queue: Self.tagQueue, disputed: 1)
        let session = try AdjudicationSession(store: store, queue: "q", lead: "lee")
        session.handle(.enter, now: 200)
        #expect(session.state.message?.text.hasPrefix("Choose a label first") == true)
        session.handle(.character("1"), now: 200)
        session.handle(.character("b"), now: 200)
        session.handle(.character("a"), now: 200)
        session.handle(.character("b"), now: 200)
        #expect(try store.adjudications(queue: "q").isEmpty)
        #expect(session.render().text.contains("☑ race"))
        session.handle(.enter, now: 200)
        let stored = try #require(try store.adjudication(queue: "q", externalID: "d1"))
        #expect(stored.label == "hate" && stored.tags == ["race"])
    }

    @Test func anItemAnotherLeadSettledMeanwhileIsNotOverwritten() throws {
        let store = try Self.store(disputed: 2)
        let session = try AdjudicationSession(store: store, queue: "q", lead: "lee")
        try store.adjudicate(queue: "q", externalID: "d1", lead: "max", label: "normal")
        session.handle(.character("1"), now: 200)
        #expect(session.state.message?.text == "Not recorded: max already adjudicated d1 as normal.")
        #expect(try store.adjudication(queue: "q", externalID: "d1")?.reviewer == "max")
        #expect(session.state.item?.externalID == "d2")
    }

    @Test func escapeClearsTheChoiceAndHelpClosesWithEscape() throws {
        let store = try Self.store(queue: Self.tagQueue, disputed: 1)
        let session = try AdjudicationSession(store: store, queue: "q", lead: "lee")
        session.handle(.character("2"), now: 200)
        session.handle(.escape, now: 200)
        #expect(session.state.choice.label == nil)
        session.handle(.character("?"), now: 200)
        #expect(session.render().text.contains("Help: every key"))
        session.handle(.character("1"), now: 200)
        #expect(session.state.choice.label == nil)  // keys do not decide behind an overlay
        session.handle(.escape, now: 200)
        #expect(!session.render().text.contains("Help: every key"))
    }
}
