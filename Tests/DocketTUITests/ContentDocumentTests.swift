import DocketCore
@testable import DocketTUI
import Testing

@Suite struct ContentDocumentTests {
    /// The text of the first `rows` rows drawn at `width` (no gutter).
    func rows(_ document: ContentDocument, width: Int, rows: Int = 10, top: ContentDocument.Position = .init(), gutter: Int = 0) -> [String] {
        var grid = CellGrid(width: width, height: rows)
        document.draw(into: &grid, rect: Rect(row: 0, column: 0, width: width, height: rows), top: top, gutter: gutter)
        return grid.text.components(separatedBy: "\n").filter { !$0.isEmpty }
    }

    @Test func wrapsAtWordsByDisplayWidth() {
        let document = ContentDocument(blocks: [.init(text: "hello world foo")])
        #expect(rows(document, width: 11) == ["hello world", "foo"])
        #expect(rows(document, width: 8) == ["hello", "world", "foo"])
    }

    @Test func wideCharactersWrapByColumnsNotCharacters() {
        let document = ContentDocument(blocks: [.init(text: "日本語日本語")])
        #expect(rows(document, width: 5) == ["日本", "語日", "本語"])
    }

    @Test func combiningMarksTakeNoColumn() {
        let document = ContentDocument(blocks: [.init(text: "e\u{301}e\u{301}e\u{301}e\u{301}")])
        #expect(rows(document, width: 2) == ["e\u{301}e\u{301}", "e\u{301}e\u{301}"])
    }

    @Test func newlinesAreLineBreaksAndControlsArePlaceholders() {
        let document = ContentDocument(blocks: [.init(text: "one\r\ntwo\u{1B}[2J\nthree")])
        #expect(rows(document, width: 20) == ["one", "two␛[2J", "three"])
    }

    @Test func spansHighlightCodePointsAfterAnEmoji() {
        // "😀" is one code point (two UTF-16 units): the span 2..<5 is "bad".
        let document = ContentDocument(blocks: [.init(text: "😀 bad day", spans: [Span(start: 2, end: 5)])])
        var grid = CellGrid(width: 20, height: 1)
        document.draw(into: &grid, rect: Rect(row: 0, column: 0, width: 20, height: 1), top: .init(), gutter: 0)
        let highlighted = (0..<20).filter { grid[0, $0].role == .highlight }.map { grid[0, $0].text }.joined()
        #expect(highlighted == "bad")
    }

    @Test func rightToLeftRowsAreMarkedAndKeptInLogicalOrder() {
        let document = ContentDocument(blocks: [.init(text: "plain\nשלום world")])
        let shown = rows(document, width: 30, gutter: 4)
        #expect(shown == ["    plain", "RTL שלום world"])
    }

    @Test func maskedTermsAreHiddenCaseInsensitively() {
        let document = ContentDocument(blocks: [.init(text: "I will KILL it")], maskedTerms: ["kill"])
        #expect(rows(document, width: 30) == ["I will ████ it"])
    }

    @Test func aHundredThousandCharacterLineScrollsToItsEnd() {
        let line = String(repeating: "abcdefghij", count: 10_000)
        let document = ContentDocument(blocks: [.init(text: line + "\nlast")])
        let last = document.lastTop(height: 2, width: 80)
        #expect(last == .init(line: 0, row: 1249))
        #expect(rows(document, width: 80, rows: 2, top: last) == [String(line.suffix(80)), "last"])
        #expect(document.move(.init(), by: 3, width: 80) == .init(line: 0, row: 3))
        #expect(document.move(.init(line: 1, row: 0), by: -1, width: 80) == .init(line: 0, row: 1249))
    }

    @Test func conversationsShowEachTurnUnderItsSpeaker() {
        let item = Item(queue: "q", externalID: "c1", kind: .conversation, text: "you are bad",
                        turns: [Turn(speaker: "alice", text: "hi"), Turn(speaker: "bob", text: "you are bad")],
                        explanations: [Explanation(model: "m", text: "", spans: [Span(start: 8, end: 11)])])
        let document = ReviewState.document(for: item, maskedTerms: [])
        #expect(rows(document, width: 40) == ["▌ alice", "hi", "▌ bob  (under review)", "you are bad"])
    }
}
