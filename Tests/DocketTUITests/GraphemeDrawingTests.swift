import DocketCore
@testable import DocketTUI
import Testing

/// Emoji sequences, flags and blank-looking letters in the content pane (issue 14, item 6): a cluster stays
/// one character on screen, a joiner outside an emoji stays visible, and blanks that hide text are shown as codes.
@Suite struct GraphemeDrawingTests {
    func grid(_ text: String, spans: [Span] = [], width: Int = 30) -> CellGrid {
        let document = ContentDocument(blocks: [.init(text: text, spans: spans)])
        var grid = CellGrid(width: width, height: 2)
        document.draw(into: &grid, rect: Rect(row: 0, column: 0, width: width, height: 2), top: .init(), gutter: 0)
        return grid
    }

    static let rainbow = "\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}"
    static let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}"
    static let britain = "\u{1F1EC}\u{1F1E7}"

    @Test func aZWJSequenceIsOneCellWithNoCodeShown() {
        for emoji in [Self.rainbow, Self.family, "\u{1F44D}\u{1F3FD}"] {
            let grid = grid("a " + emoji + " b")
            #expect(!grid.line(0).contains("U+200D"), "\(emoji)")
            #expect(grid[0, 2].text == emoji)
            // The word after it follows at the columns curses counts for it (each part that takes any),
            // so the text after it is placed where the terminal library puts it.
            let width = emoji.unicodeScalars.reduce(0) { $0 + DisplayWidth.of($1) }
            #expect((3..<(2 + width)).allSatisfy { grid[0, $0].isContinuation })
            #expect(grid[0, 2 + width].text == " " && grid[0, 3 + width].text == "b")
        }
    }

    @Test func aJoinedSequenceIsDrawnAsItsPartsInTheColumnsTheModelGivesIt() {
        for emoji in [Self.rainbow, Self.family] {
            let drawn = Terminal.drawable(emoji)
            #expect(!drawn.unicodeScalars.contains("\u{200D}"), "\(emoji)")
            #expect(drawn.unicodeScalars.filter { $0 != "\u{200D}" }.count == emoji.unicodeScalars.count - emoji.unicodeScalars.filter { $0 == "\u{200D}" }.count)
            // What is drawn takes exactly the cells the model gives the cluster: its own and its continuations.
            let grid = grid(emoji + "x")
            let cells = 1 + (1..<grid.width).prefix { grid[0, $0].isContinuation }.count
            #expect(DisplayWidth.of(drawn) == cells, "\(emoji)")
        }
        #expect(Terminal.drawable(Self.britain) == Self.britain)
        #expect(Terminal.drawable("\u{1F44D}\u{1F3FD}") == "\u{1F44D}\u{1F3FD}")
    }

    @Test func aFlagIsOneCharacterTwoColumnsWide() {
        let grid = grid(Self.britain + "x")
        #expect(grid[0, 0].text == Self.britain)
        #expect(grid[0, 1].isContinuation)
        #expect(grid[0, 2].text == "x")
    }

    @Test func aJoinerOutsideAnEmojiIsStillShown() {
        #expect(grid("zero\u{200D}width").line(0).hasPrefix("zero⟨U+200D⟩width"))
        #expect(grid(Self.rainbow.replacingOccurrences(of: "\u{1F308}", with: "x")).line(0).contains("⟨U+200D⟩x"))
    }

    @Test func blankLookingLettersAreShownAsCodes() {
        #expect(grid("a\u{3164}b\u{2800}c").line(0).hasPrefix("a⟨U+3164⟩b⟨U+2800⟩c"))
        #expect(ContentSanitiser.sanitiseLine("\u{3164}") == "⟨U+3164⟩")
    }

    @Test func aSpanStartingOnACombiningMarkHighlightsItsCharacter() {
        // "cafe\u{301} ok": the span covers only the combining acute (code point 4).
        let grid = grid("cafe\u{301} ok", spans: [Span(start: 4, end: 5)])
        #expect(grid[0, 3].text == "e\u{301}")
        #expect(grid[0, 3].role == .highlight)
        #expect((0..<30).filter { grid[0, $0].role == .highlight }.count == 1)
    }

    @Test func wrappingKeepsASequenceOnOneRow() {
        let document = ContentDocument(blocks: [.init(text: "abc " + Self.family + " " + Self.family)])
        var grid = CellGrid(width: 8, height: 3)
        document.draw(into: &grid, rect: Rect(row: 0, column: 0, width: 8, height: 3), top: .init(), gutter: 0)
        #expect(grid.line(0).hasPrefix("abc"))
        #expect(grid[1, 0].text == Self.family && grid[2, 0].text == Self.family)
    }
}

/// Masked terms as whole words (issue 14, item 7).
@Suite struct MaskedTermsTests {
    @Test func wholeWordsOnlyInAnyCase() {
        let terms = MaskedTerms(["blade"])
        #expect(terms.masked("Blade-runner is a film") == "Blade-runner is a film")
        #expect(terms.masked("blades and bladed") == "blades and bladed")
        #expect(terms.masked("a BLADE, a blade.") == "a █████, a █████.")
        #expect(terms.masked("blade") == "█████")
    }

    @Test func theContentPaneMasksWholeWords() {
        let document = ContentDocument(blocks: [.init(text: "Blade-runner; the blade")], maskedTerms: ["blade"])
        var grid = CellGrid(width: 40, height: 1)
        document.draw(into: &grid, rect: Rect(row: 0, column: 0, width: 40, height: 1), top: .init(), gutter: 0)
        #expect(grid.line(0).hasPrefix("Blade-runner; the █████"))
    }
}
