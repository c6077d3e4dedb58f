import DocketCore
import DocketStore
@testable import DocketTUI
import Testing

@Suite struct ReviewScreenTests {
    static let queue = QueueDefinition(
        id: "hate", title: "Hate and harassment", guidelines: "# Rules\nLabel it.",
        labels: [LabelOption(id: "hate", key: "1"), LabelOption(id: "offensive", key: "2"), LabelOption(id: "normal", key: "3")],
        tags: [LabelOption(id: "race", key: "a")], severity: [LabelOption(id: "low", key: "z"), LabelOption(id: "high", key: "x")])

    static let item = Item(queue: "hate", externalID: "post-42", text: "some \u{1B}]0;PWNED\u{7} text",
                           meta: .object([("author", .string("u\u{202E}ser")), ("reports", .number("3"))]),
                           scores: [ModelScore(model: "tfidf", category: "hate", score: 0.9, threshold: 0.5),
                                    ModelScore(model: "tfidf", category: "offensive", score: 0.1, threshold: 0.5)],
                           explanations: [Explanation(model: "tfidf", text: "slur present", spans: [Span(start: 0, end: 4)])])

    func state(queue: QueueDefinition = queue) -> ReviewState {
        var state = ReviewState(queue: queue, reviewer: "ann", now: 1000)
        state.show(Self.item, at: 1000)
        state.progress = ReviewProgress(leftForYou: 12, done: 3, total: 15)
        return state
    }

    func render(_ state: ReviewState, _ width: Int, _ height: Int) -> CellGrid {
        ReviewScreen.render(state, width: width, height: height, bindings: .review())
    }

    @Test(arguments: [(80, 24), (100, 30), (140, 40), (200, 60)])
    func everyPartIsOnScreen(width: Int, height: Int) {
        let grid = render(state(), width, height)
        let text = grid.text
        #expect(grid.line(0).hasPrefix(" Hate and harassment │ 12 left for you │ 3/15 done │ session 0"))
        #expect(text.contains("some ␛]0;PWNED␇ text"))
        #expect(text.contains("author"))
        #expect(text.contains("u⟨U+202E⟩ser"))
        #expect(text.contains("slur present"))
        #expect(text.contains("[1] hate"))
        #expect(text.contains("[a] ☐ race"))
        #expect(text.contains("[z] low"))
        #expect(grid.line(height - 1).contains("? help"))
        // Nothing untrusted reaches the screen model raw.
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" || $0 == "\u{202E}" })
    }

    @Test func layoutsDoNotOverlap() {
        for (width, height) in [(80, 24), (100, 30), (119, 40), (120, 40), (250, 80)] {
            let layout = ReviewLayout.compute(width: width, height: height, labelRows: 2)!
            let rects = [layout.header, layout.content, layout.metadata, layout.model, layout.labelBar, layout.status]
            var owner = Array(repeating: -1, count: width * height)
            for (index, rect) in rects.enumerated() {
                #expect(rect.column + rect.width <= width && rect.row + rect.height <= height)
                for row in rect.row..<(rect.row + rect.height) {
                    for col in rect.column..<(rect.column + rect.width) {
                        #expect(owner[row * width + col] == -1, "\(width)x\(height): rect \(index) overlaps at \(row),\(col)")
                        owner[row * width + col] = index
                    }
                }
            }
            #expect(layout.content.height >= 5)
        }
    }

    @Test func belowTheMinimumItSaysSo() {
        let grid = render(state(), 79, 24)
        #expect(grid.text.contains("Terminal too small: 79x24."))
        #expect(grid.text.contains("at least 80x24"))
        #expect(render(state(), 80, 23).text.contains("too small"))
    }

    @Test func scoreBarsMarkTheThresholdAndEmphasiseHighScores() {
        let high = ModelPane.bar(ModelScore(model: "m", category: "hate", score: 0.9, threshold: 0.5), nameWidth: 6, barWidth: 10)
        #expect(high.segments.map(\.text).joined() == "hate   █████│███░ 0.90 ≥ 0.50")
        #expect(high.segments.first { $0.text.hasPrefix("█") }?.role == .scoreHigh)
        #expect(high.segments.contains { $0.text == "│" && $0.role == .threshold })
        let low = ModelPane.bar(ModelScore(model: "m", category: "spam", score: 0.2, threshold: 0.5), nameWidth: 6, barWidth: 10)
        #expect(low.segments.map(\.text).joined() == "spam   ██░░░│░░░░ 0.20 < 0.50")
        // Beside the threshold, the digits that tell them apart; the relation needs no colour.
        let close = ModelPane.bar(ModelScore(model: "m", category: "hate", score: 0.51, threshold: 0.5144), nameWidth: 6, barWidth: 10)
        #expect(close.segments.map(\.text).joined().hasSuffix(" 0.510 < 0.514"))
        #expect(ModelPane.numbers(0.5144, 0.51) == "0.514 ≥ 0.510")
        #expect(ModelPane.numbers(0.5, 0.5) == "0.50 ≥ 0.50")
        #expect(ModelPane.numbers(0.7, nil) == "0.70")
        #expect(low.segments.first { $0.text.hasPrefix("█") }?.role == .scoreLow)
    }

    @Test func maskedContentStaysHiddenUntilRevealed() {
        var queue = Self.queue
        queue.wellbeing = Wellbeing(maskUntilReveal: true, revealKey: "r")
        var masked = state(queue: queue)
        let hidden = render(masked, 100, 30).text
        #expect(!hidden.contains("PWNED"))
        #expect(!hidden.contains("slur present"))
        #expect(hidden.contains("Press r to reveal"))
        masked.revealed = true
        #expect(render(masked, 100, 30).text.contains("PWNED"))
    }

    @Test func maskedContentSaysWhereTheScoresAre() {
        var queue = Self.queue
        queue.wellbeing = Wellbeing(maskUntilReveal: true, revealKey: "r")
        let masked = state(queue: queue)
        #expect(render(masked, 100, 30).text.contains("shown below."))
        #expect(render(masked, 130, 40).text.contains("shown beside it."))
    }

    @Test(arguments: [(80, 24), (120, 40)])
    func longCategoryNamesAreShownWhole(width: Int, height: Int) {
        var state = state()
        var item = Self.item
        item.scores = [ModelScore(model: "m", category: "self_harm_intent", score: 0.5144, threshold: 0.51)]
        state.show(item, at: 1000)
        let text = render(state, width, height).text
        #expect(text.contains("self_harm_intent "))
        #expect(text.contains("0.514 ≥ 0.510"))
    }

    @Test func helpListsEveryKey() {
        var state = state()
        state.overlay = .help(top: 0)
        let text = render(state, 100, 40).text
        for key in ["1", "2", "3", "a", "z", "x", "Enter", "s", "e", "n", "u", "g", "?", "Tab", "PgUp", "PgDn", "Esc", "q"] {
            #expect(text.contains("  " + key + " ") || text.contains("  " + key + "  "), "help lacks \(key)")
        }
    }

    @Test func guidelinesOverlayShowsTheQueueGuidelines() {
        var state = state()
        state.overlay = .guidelines(top: .init())
        let text = render(state, 80, 24).text
        #expect(text.contains("Rules") && !text.contains("# Rules"))
        #expect(text.contains("Label it."))
    }

    @Test func chosenLabelTagAndSeverityAreShownSelected() {
        var state = state()
        state.choice.label = "offensive"
        state.choice.tags = ["race"]
        state.choice.severity = "high"
        let grid = render(state, 100, 30)
        #expect(grid.text.contains("[a] ☑ race"))
        let bar = grid.height - 2
        let selected = (0..<grid.width).filter { grid[bar, $0].role == .selected }.map { grid[bar, $0].text }.joined()
        #expect(selected.contains("offensive") && selected.contains("race") && selected.contains("high"))
    }

    @Test func breakReminderAppearsAfterTheConfiguredTime() {
        var queue = Self.queue
        queue.wellbeing.breakReminderMinutes = 30
        var state = state(queue: queue)
        #expect(!render(state, 100, 30).line(0).contains("break"))
        state.now = 1000 + 30 * 60
        #expect(render(state, 100, 30).line(0).contains("time for a break"))
    }

    @Test(arguments: [80, 100, 120])
    func theBreakReminderIsNeverCut(width: Int) {
        var queue = Self.queue
        queue.wellbeing.breakReminderMinutes = 30
        var state = state(queue: queue)
        state.now = 1000 + 30 * 60
        let header = render(state, width, 30).line(0)
        #expect(header.contains("time for a break (Esc dismisses)"))
        #expect(header.contains("12 left for you"))
    }

    /// Hints are whole or absent, most important first, and `? help` is always there.
    @Test(arguments: [80, 100, 120, 160])
    func hintsAdaptToTheWidth(width: Int) {
        var state = state()
        state.message = .init("Saved: label hate for post-41 with a long message that takes room on the line.")
        let status = render(state, width, 30).line(29)
        #expect(status.hasSuffix("? help") || status.contains("? help  "))
        let shown = StatusLine.hints(state, bindings: .review()).filter { status.contains($0.0 + " " + $0.1) }
        // Whatever fits is a prefix of the hints in order of importance (the help hint aside).
        let ordered = StatusLine.hints(state, bindings: .review()).filter { $0.1 != "help" }.prefix(shown.count - 1)
        #expect(shown.filter { $0.1 != "help" }.map(\.1) == ordered.map(\.1))
        for cut in ["u und ", "s sk ", "g guid "] { #expect(!status.contains(cut)) }
        state.message = nil
        if width >= 100 { #expect(render(state, width, 30).line(29).contains("g guidelines")) }
    }

    @Test func anOldMessageGivesItsRoomBackToTheHints() {
        var state = state()
        state.message = .init("Break reminder dismissed.")
        #expect(render(state, 100, 30).line(29).contains("Break reminder dismissed."))
        state.now += StatusLine.messageSeconds
        #expect(!render(state, 100, 30).line(29).contains("Break reminder dismissed."))
    }
}
