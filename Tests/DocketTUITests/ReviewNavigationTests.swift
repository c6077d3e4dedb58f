import DocketCore
import DocketIO
import DocketStore
@testable import DocketTUI
import Foundation
import Testing
import TestScratch

/// Reading a long item (issue 14, items 9, 10, 11): `↑ more` and the position, the key to the next highlighted
/// span, every metadata value in full, and rendered guidelines beside the item on a wide terminal.
@Suite struct ReviewNavigationTests {
    static let queue = QueueDefinition(
        id: "q", title: "Queue", guidelines: "# Hate speech\n\n- **Hate speech (1)**: attacks a *protected* group.\n- Use `s` to skip.",
        labels: [LabelOption(id: "hate", key: "1"), LabelOption(id: "normal", key: "2")])

    static func item() -> Item {
        let lines = (1...60).map { "line \($0) of a long post" }
        let text = lines.joined(separator: "\n")
        // Spans on lines 20 and 45 (code point offsets of their starts).
        let offset20 = lines.prefix(19).map { $0.unicodeScalars.count + 1 }.reduce(0, +)
        let offset45 = lines.prefix(44).map { $0.unicodeScalars.count + 1 }.reduce(0, +)
        let url = "https://login.example-bank.com.phish.example/" + String(repeating: "a", count: 150) + "/END-OF-URL"
        return Item(queue: "q", externalID: "long", text: text,
                    meta: .object([("url", .string(url)), ("reports", .number("3"))]),
                    explanations: [Explanation(model: "m", text: "", spans: [Span(start: offset20, end: offset20 + 4),
                                                                              Span(start: offset45, end: offset45 + 4)])])
    }

    func state(width: Int = 100) -> ReviewState {
        var state = ReviewState(queue: Self.queue, reviewer: "ann", now: 0)
        state.show(Self.item(), at: 0)
        return state
    }

    @Test func theContentTitleShowsMoreAboveAndBelowAndThePosition() {
        var state = state()
        let top = ReviewScreen.render(state, width: 100, height: 30, bindings: .review()).text
        #expect(top.contains("line 1/60 · ↓ more"))
        #expect(!top.contains("↑ more"))
        state.contentTop = .init(line: 10, row: 0)
        let middle = ReviewScreen.render(state, width: 100, height: 30, bindings: .review()).text
        #expect(middle.contains("↑ more · line 11/60 · ↓ more"))
    }

    @Test func theNextSpanKeyJumpsToEachSpanAndWraps() throws {
        let session = try Self.session()
        session.handle(.character("]"), now: 1)
        #expect(session.state.contentTop.line == 19)
        #expect(session.state.message?.text == "Span 1 of 2.")
        session.handle(.character("]"), now: 2)
        #expect(session.state.contentTop.line == 44)
        session.handle(.character("]"), now: 3)
        #expect(session.state.contentTop.line == 19)
    }

    @Test func theMetadataKeyShowsEveryValueInFull() throws {
        let session = try Self.session()
        #expect(!session.render().text.contains("END-OF-URL"))  // cut in the pane
        session.handle(.character("m"), now: 1)
        let full = session.render().text
        #expect(full.contains("Metadata in full"))
        #expect(full.replacingOccurrences(of: "\n ", with: "").contains("END-OF-URL"))  // rows joined without the gutter
        session.handle(.escape, now: 2)
        #expect(session.state.overlay == .none)
    }

    @Test func guidelinesAreRenderedAndSitBesideTheItemOnAWideTerminal() throws {
        let session = try Self.session(width: 140, height: 40)
        session.handle(.character("g"), now: 1)
        let screen = session.render().text
        #expect(screen.contains("Content · "))  // the item stays
        #expect(screen.contains("Hate speech"))
        #expect(!screen.contains("**") && !screen.contains("# Hate"))
        #expect(screen.contains("• Hate speech (1): attacks a protected group."))
        // The label key still decides while the guidelines are open.
        let shown = try #require(session.state.item)
        session.handle(.character("2"), now: 2)
        #expect(session.state.item?.externalID != shown.externalID)
        #expect(session.state.message?.text.hasPrefix("Saved: label normal") == true)
    }

    /// A session on a real database holding the long item (the queue above, stored through its YAML).
    static func session(width: Int = 100, height: Int = 30) throws -> ReviewSession {
        let yaml = """
            id: q
            title: Queue
            guidelines: |
              # Hate speech

              - **Hate speech (1)**: attacks a *protected* group.
              - Use `s` to skip.
            labels:
              - {id: hate, key: "1"}
              - {id: normal, key: "2"}
            """
        let dir = TestScratch.folder("docket-nav").path
        let store = try SQLiteReviewStore(path: dir + "/db.sqlite")
        try store.saveQueue(try QueueFile.parse(yaml, file: "q.yml"), yaml: yaml, actor: "test")
        let item = item()
        let lines = (1...60).map { "line \($0) of a long post" }.joined(separator: "\\n")
        let spans = item.explanations[0].spans.map { #"{"start":\#($0.start),"end":\#($0.end)}"# }.joined(separator: ",")
        let url = item.meta.objectValue![0].1.displayText
        let record = #"{"id":"long","text":"\#(lines)","meta":{"url":"\#(url)","reports":3},"explanations":[{"model":"m","text":"","spans":[\#(spans)]}]}"#
        try (record + "\n" + #"{"id":"second","text":"short"}"#).write(toFile: dir + "/items.jsonl", atomically: true, encoding: .utf8)
        _ = try store.importItems(into: "q", from: [try JSONLImportSource(path: dir + "/items.jsonl")], options: ImportOptions(actor: "test"))
        let session = try ReviewSession(store: store, queue: "q", reviewer: "ann", now: 0)
        session.width = width
        session.height = height
        try session.start(now: 0)
        return session
    }
}
