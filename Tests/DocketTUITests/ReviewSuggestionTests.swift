import DocketCore
import DocketIO
import DocketStore
@testable import DocketTUI
import Foundation
import Testing
import TestScratch

/// The model's suggestion (issue 14, item 16): off by default, pre-selected when a queue turns it on, one key
/// accepts it, and the agreement report counts the decisions made with it shown.
@Suite struct ReviewSuggestionTests {
    static func store(suggestion: String?) throws -> SQLiteReviewStore {
        let queue = ReviewSessionTests.simpleQueue + (suggestion.map { "\nsuggestion: \($0)\n" } ?? "")
        let dir = TestScratch.folder("docket-suggest").path
        let store = try SQLiteReviewStore(path: dir + "/db.sqlite")
        try store.saveQueue(try QueueFile.parse(queue, file: "q.yml"), yaml: queue, actor: "test")
        let lines = [
            #"{"id":"i1","text":"one","scores":[{"model":"m","category":"hate","score":0.9,"threshold":0.5},{"model":"m","category":"normal","score":0.2,"threshold":0.5}]}"#,
            #"{"id":"i2","text":"two","scores":[{"model":"m","category":"offensive","score":0.7,"threshold":0.5}]}"#,
            #"{"id":"i3","text":"three","scores":[{"model":"m","category":"hate","score":0.3,"threshold":0.5}]}"#,
        ]
        try lines.joined(separator: "\n").write(toFile: dir + "/items.jsonl", atomically: true, encoding: .utf8)
        _ = try store.importItems(into: "q", from: [try JSONLImportSource(path: dir + "/items.jsonl")], options: ImportOptions(actor: "test"))
        return store
    }

    @Test func offByDefault() throws {
        let store = try Self.store(suggestion: nil)
        let session = try ReviewSession(store: store, queue: "q", reviewer: "ann", now: 100)
        try session.start(now: 100)
        #expect(session.state.suggested == nil && session.state.choice.label == nil)
        session.handle(.enter, now: 101)
        #expect(try ReviewSessionTests.history(store).isEmpty)
    }

    @Test func enterAcceptsTheSuggestionAndTheReportCountsIt() throws {
        let store = try Self.store(suggestion: "true")
        let session = try ReviewSession(store: store, queue: "q", reviewer: "ann", now: 100)
        try session.start(now: 100)
        #expect(session.state.item?.externalID == "i1" && session.state.suggested == "hate")
        #expect(session.render().text.contains("Enter accept the model's hate"))
        session.handle(.enter, now: 101)  // accepted
        #expect(session.state.suggested == "offensive")
        session.handle(.character("3"), now: 102)  // overridden with another label key
        #expect(session.state.suggested == nil)  // 0.3 is below the threshold: no suggestion
        session.handle(.character("1"), now: 103)
        let history = try ReviewSessionTests.history(store)
        #expect(history.map { $0.label ?? "" } == ["hate", "normal", "hate"])
        #expect(history.map(\.origin) == [ModelSuggestion.origin, ModelSuggestion.origin, "review"])
        let report = try store.agreementReport(queue: "q", bootstrap: 10)
        #expect(report.suggestions == SuggestionCount(decisions: 3, shown: 2, accepted: 1))
        #expect(report.markdown().contains("Model suggestion shown for 2 of 3 decisions; 1 kept the suggested label"))
    }

    @Test func aNamedModelAndBadValuesInTheQueueFile() throws {
        let named = try QueueFile.parse(ReviewSessionTests.simpleQueue + "\nsuggestion: {model: other}\n", file: "q.yml")
        #expect(named.suggestionModel == "other")
        let item = Item(queue: "q", externalID: "x", text: "", scores: [ModelScore(model: "m", category: "hate", score: 0.9, threshold: 0.5)])
        #expect(ModelSuggestion.label(for: item, in: named) == nil)
        #expect(throws: InputError.self) { try QueueFile.parse(ReviewSessionTests.simpleQueue + "\nsuggestion: {modle: m}\n", file: "q.yml") }
    }
}
