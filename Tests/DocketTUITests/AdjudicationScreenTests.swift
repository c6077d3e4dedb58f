import DocketCore
import DocketStore
@testable import DocketTUI
import Testing

/// The adjudication screen's model: what a lead sees, read from the cell grid without a terminal.
@Suite struct AdjudicationScreenTests {
    static let queue = QueueDefinition(id: "q", title: "Hate queue", labels: [
        LabelOption(id: "hate", key: "1"), LabelOption(id: "offensive", key: "2"), LabelOption(id: "normal", key: "3"),
    ], overlap: 2)

    static func decision(_ reviewer: String, _ label: String?, kind: DecisionKind = .label, note: String? = nil,
                         reason: String? = nil, tags: [String] = []) -> Decision {
        Decision(externalID: "i", queue: "q", reviewer: reviewer, kind: kind, label: label, tags: tags, note: note, reason: reason,
                 decidedAt: 0)
    }

    static func disputed(_ id: String, _ decisions: [Decision], escalated: Bool = false) -> DisputedItem {
        DisputedItem(externalID: id, decisions: decisions,
                     votes: DisputeRule.Votes(labels: decisions.filter { $0.kind == .label }.compactMap(\.label)), isEscalated: escalated)
    }

    static let text = "you people should all go back where you came from"

    static func state(_ items: [DisputedItem]? = nil) -> AdjudicationState {
        let items = items ?? [
            disputed("post-1", [decision("ann", "hate", note: "dog whistle, targets a group"),
                                        decision("bob", "normal", note: "political speech")]),
            disputed("post-2", [decision("ann", "offensive"), decision("bob", "normal")]),
        ]
        var state = AdjudicationState(queue: queue, lead: "lee", items: items)
        let item = Item(queue: "q", externalID: items[0].externalID, text: text,
                        scores: [ModelScore(model: "hate-clf", category: "hate", score: 0.71, threshold: 0.5)],
                        explanations: [Explanation(model: "hate-clf", text: "'go back' +1.2", spans: [Span(start: 22, end: 29)])])
        state.show(0, item: item)
        return state
    }

    static func render(_ state: AdjudicationState, width: Int = 100, height: Int = 30) -> CellGrid {
        AdjudicationScreen.render(state, width: width, height: height, bindings: .standard())
    }

    @Test func showsEveryReviewersLabelAndNoteSideBySide() throws {
        let grid = Self.render(Self.state())
        let text = grid.text
        #expect(grid.line(0).contains("disputed item 1 of 2"))
        #expect(grid.line(0).contains("lead lee"))
        #expect(text.contains("votes: hate 1 · normal 1"))
        let ann = try #require((0..<grid.height).map(grid.line).first { $0.hasPrefix("ann") })
        let bob = try #require((0..<grid.height).map(grid.line).first { $0.hasPrefix("bob") })
        #expect(ann.contains("hate") && ann.contains("dog whistle, targets a group"))
        #expect(bob.contains("normal") && bob.contains("political speech"))
        #expect(text.contains("[1] hate") && text.contains("[3] normal"))
        #expect(grid.line(grid.height - 1).contains("1/2/3 adjudicate"))
    }

    @Test func showsTheModelsScoreWithItsThresholdAndTheHighlightedSpan() throws {
        let grid = Self.render(Self.state())
        let bar = try #require((0..<grid.height).map(grid.line).first { $0.contains("0.71 ≥ 0.50") })
        #expect(bar.contains("│"))
        // "go back" (code points 22..<29) is drawn in the highlight role.
        let row = try #require((0..<grid.height).first { grid.line($0).contains("go back") })
        let column = try #require(grid.line(row).range(of: "go back").map { grid.line(row).distance(from: grid.line(row).startIndex, to: $0.lowerBound) })
        #expect((column..<column + 7).allSatisfy { grid[row, $0].role == .highlight })
        #expect(grid[row, column - 2].role == .text)
    }

    @Test func escalationsShowTheirReason() {
        let item = Self.disputed("post-9", [Self.decision("ann", "hate"),
                                                    Self.decision("bob", nil, kind: .escalate, reason: "credible threat")],
                                 escalated: true)
        let text = Self.render(Self.state([item])).text
        #expect(text.contains("ESCALATED"))
        #expect(text.contains("(escalated)"))
        #expect(text.contains("reason: credible threat"))
    }

    @Test func hostileNotesAndNamesAreShownNotObeyed() {
        let item = Self.disputed("post-1", [Self.decision("ann\u{1B}[2J", "hate", note: "see \u{1B}]0;owned\u{07} and \u{202E}txet"),
                                                    Self.decision("bob", "normal")])
        let grid = Self.render(Self.state([item]))
        #expect(grid.text.contains("␛]0;owned␇"))
        #expect(grid.text.contains("⟨U+202E⟩"))
        let raw = grid.cells.flatMap(\.text.unicodeScalars).filter { $0.value < 0x20 || $0.value == 0x7F || (0x80..<0xA0).contains($0.value) || $0 == "\u{202E}" }
        #expect(raw.isEmpty)
    }

    @Test func aLongNoteWrapsInItsColumnAndIsCut() {
        let long = (1...80).map { "word\($0)" }.joined(separator: " ")
        let item = Self.disputed("post-1", [Self.decision("ann", "hate", note: long), Self.decision("bob", "normal")])
        let lines = AdjudicationTable.lines(item, width: 100)
        // Headings, ann's rows (capped), bob's row.
        #expect(lines.count == 1 + AdjudicationTable.noteRowLimit + 1)
        let annRows = lines[1...AdjudicationTable.noteRowLimit].map { $0.segments.map(\.text).joined() }
        #expect(annRows[0].contains("word1 word2"))
        #expect(annRows.last?.hasSuffix("…") == true)
        #expect(annRows.allSatisfy { DisplayWidth.of($0) <= 100 })
    }

    @Test func fitsAt80x24AndSaysSoWhenSmaller() {
        let small = Self.render(Self.state(), width: 80, height: 24)
        #expect(small.text.contains("dog whistle"))
        #expect(small.text.contains("0.71 ≥ 0.50"))
        #expect(small.line(23).contains("adjudicate"))
        let tooSmall = Self.render(Self.state(), width: 79, height: 24)
        #expect(tooSmall.line(0).contains("Terminal too small"))
    }

    @Test func aMaskingQueueHidesTheContentUntilRevealed() {
        var state = Self.state()
        state.queue.wellbeing = Wellbeing(maskUntilReveal: true, revealKey: "r")
        let hidden = Self.render(state).text
        #expect(hidden.contains("Content hidden"))
        #expect(!hidden.contains("go back"))
        #expect(hidden.contains("dog whistle"))  // the reviewers' notes stay readable
        state.revealed = true
        #expect(Self.render(state).text.contains("go back"))
    }

    @Test func theEndOfTheListSaysEverythingIsSettled() {
        var state = Self.state()
        state.settled = ["post-1": "hate", "post-2": "normal"]
        state.show(1, item: nil)
        let grid = Self.render(state)
        #expect(grid.text.contains("All 2 disputed item(s) are settled: 2 adjudicated in this session."))
        #expect(grid.line(0).contains("2 disputed │ 2 adjudicated"))
    }

    @Test func helpListsTheLabelsAndEveryKey() {
        var state = Self.state()
        state.overlay = .help(top: 0)
        let text = Self.render(state, height: 40).text
        #expect(text.contains("hate"))
        for binding in AdjudicationBindings.standard().bindings where binding.action != .reveal {
            #expect(text.contains(binding.help), "missing: \(binding.help)")
        }
    }
}
