import DocketCore

/// Draws the adjudication screen's model (a ``CellGrid``) from an ``AdjudicationState`` at a terminal size:
/// header, content with its explanation spans, the model's scores, the reviewers' decisions, the label bar and
/// the status line. Panes, titles and the label bar are the review screen's own.
public enum AdjudicationScreen {
    /// The screen for `state` at `width` x `height`.
    public static func render(_ state: AdjudicationState, width: Int, height: Int, bindings: AdjudicationBindings) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        let barItems = LabelBar.items(queue: state.queue, choice: state.choice)
        guard let layout = layout(state, width: width, height: height) else {
            ReviewScreen.drawTooSmall(into: &grid)
            return grid
        }
        drawHeader(state, into: &grid, rect: layout.header)
        switch state.overlay {
        case .none:
            if let current = state.current, state.item != nil {
                drawContent(state, into: &grid, rect: layout.content, bindings: bindings)
                let scores = ModelPane.lines(state.item, width: layout.scores.width, revealed: !state.isMasked,
                                             maskedTerms: state.queue.wellbeing.maskedTerms)
                let moreScores = StyledLine.draw(scores, top: state.scoresTop, into: &grid, rect: layout.scores.belowTitle)
                ReviewScreen.drawTitle("Scores", focused: state.focus == .scores, more: moreScores, into: &grid, rect: layout.scores)
                let table = AdjudicationTable.lines(current, width: layout.decisions.width)
                let moreTable = StyledLine.draw(table, top: state.tableTop, into: &grid, rect: layout.decisions.belowTitle)
                ReviewScreen.drawTitle(AdjudicationTable.title(current), focused: state.focus == .decisions, more: moreTable,
                                       into: &grid, rect: layout.decisions)
            } else {
                drawFinished(state, into: &grid, rect: layout.body)
            }
        case .help(let top):
            let body = layout.body
            let more = StyledLine.draw(helpLines(state.queue, bindings: bindings), top: top, into: &grid, rect: body.belowTitle)
            ReviewScreen.drawTitle("Help: every key (Esc or ? closes)", focused: true, more: more, into: &grid, rect: body)
        case .history:
            break  // the review screen's own overlay: never opened here
        case .guidelines(let top), .metadata(let top):  // this screen opens no metadata overlay
            let body = layout.body
            let more = state.guidelines.draw(into: &grid, rect: body.belowTitle, top: top, gutter: 1)
            ReviewScreen.drawTitle("Guidelines (Esc or g closes, j/k scroll)", focused: true, more: more, into: &grid, rect: body)
        }
        LabelBar.draw(barItems, into: &grid, rect: layout.labelBar)
        drawStatus(state, bindings: bindings, into: &grid, rect: layout.status)
        return grid
    }

    /// The layout in force, or nil when the terminal is too small.
    public static func layout(_ state: AdjudicationState, width: Int, height: Int) -> AdjudicationLayout? {
        let barRows = LabelBar.rows(LabelBar.items(queue: state.queue, choice: state.choice), width: width)
        let tableRows = state.current.map { AdjudicationTable.lines($0, width: width).count } ?? 0
        return AdjudicationLayout.compute(width: width, height: height, labelRows: barRows, tableRows: tableRows)
    }

    /// The rows the content pane (or an open overlay) shows its text in, for paging; nil when too small.
    public static func contentArea(_ state: AdjudicationState, width: Int, height: Int) -> Rect? {
        guard let layout = layout(state, width: width, height: height) else { return nil }
        switch state.overlay {
        case .none: return layout.content.belowTitle
        case .help, .guidelines, .metadata, .history: return layout.body.belowTitle
        }
    }

    static func drawHeader(_ state: AdjudicationState, into grid: inout CellGrid, rect: Rect) {
        grid.clear(rect, role: .title)
        var text = " Adjudicate · \(state.queue.title) │ "
        if state.current != nil {
            text += "disputed item \(state.index + 1) of \(state.items.count)"
        } else {
            text += "\(state.items.count) disputed"
        }
        text += " │ \(state.settled.count) adjudicated │ lead \(state.lead)"
        grid.write(text, row: rect.row, column: rect.column, role: .title, limit: rect.width)
    }

    static func drawContent(_ state: AdjudicationState, into grid: inout CellGrid, rect: Rect, bindings: AdjudicationBindings) {
        let focused = state.focus == .content
        let body = rect.belowTitle
        guard let item = state.item, let document = state.document else { return }
        let title = "Content · " + item.externalID
        if state.isMasked {
            ReviewScreen.drawTitle(title, focused: focused, more: false, into: &grid, rect: rect)
            grid.write("Content hidden (this queue masks items until revealed).", row: body.row + 1, column: 2, role: .warning, limit: body.width - 2)
            grid.write("Press \(bindings.keyNames(.reveal)) to reveal it.", row: body.row + 2, column: 2, limit: body.width - 2)
            return
        }
        let more = document.draw(into: &grid, rect: body, top: state.contentTop, gutter: ReviewScreen.contentGutter)
        ReviewScreen.drawTitle(title, focused: focused, more: more, into: &grid, rect: rect)
    }

    static func drawFinished(_ state: AdjudicationState, into grid: inout CellGrid, rect: Rect) {
        ReviewScreen.drawTitle("Nothing left to adjudicate", focused: true, more: false, into: &grid, rect: rect)
        let text = state.items.isEmpty
            ? "No disputed or escalated items in this queue."
            : "All \(state.items.count) disputed item(s) are settled: \(state.settled.count) adjudicated in this session."
        grid.write(text, row: rect.row + 2, column: 2, role: .accent, limit: rect.width - 2)
        grid.write("Press q to quit.", row: rect.row + 3, column: 2, limit: rect.width - 2)
    }

    /// The status line: the note being typed, or the last message followed by the keys that work now.
    static func drawStatus(_ state: AdjudicationState, bindings: AdjudicationBindings, into grid: inout CellGrid, rect: Rect) {
        StatusLine.draw(prompt: state.prompt, promptHint: "  (Enter keeps it, Esc cancels)", message: state.message,
                        hints: hints(state, bindings: bindings), into: &grid, rect: rect)
    }

    /// The keys that do something in the current state.
    static func hints(_ state: AdjudicationState, bindings: AdjudicationBindings) -> [(String, String)] {
        switch state.overlay {
        case .help, .guidelines, .metadata, .history: return [("Esc", "close"), ("j/k", "scroll"), ("q", "quit")]
        case .none: break
        }
        guard state.current != nil else { return [("q", "quit"), ("?", "help")] }
        var hints: [(String, String)] = []
        if state.isMasked { hints.append((bindings.keyNames(.reveal), "reveal")) }
        hints.append((state.queue.labels.map(\.key).joined(separator: "/"), state.labelDecidesAtOnce ? "adjudicate" : "label"))
        if !state.labelDecidesAtOnce { hints.append(("Enter", "confirm")) }
        // Help and quit come early so that they stay visible on an 80-column terminal after a message.
        hints += [("?", "help"), ("q", "quit"), (bindings.keyNames(.note), "note"), (bindings.keyNames(.next), "next"),
                  (bindings.keyNames(.previous), "back"), ("Tab", "pane")]
        return hints
    }

    /// The help overlay's lines: the queue's keys first, then the screen's.
    public static func helpLines(_ queue: QueueDefinition, bindings: AdjudicationBindings) -> [StyledLine] {
        func row(_ key: String, _ text: String) -> StyledLine {
            StyledLine([("  " + DisplayWidth.pad(key, to: 12), .key), (text, .text)])
        }
        var lines = [StyledLine("Your final decision" + (queue.tags.isEmpty && queue.severity.isEmpty
                                                            ? ": the label key records it and shows the next item"
                                                            : ": choose the label, tags and severity, then Enter"), .accent)]
        for label in queue.labels { lines.append(row(label.key, label.id + (label.description.isEmpty ? "" : ": " + label.description))) }
        if !queue.tags.isEmpty {
            lines.append(StyledLine("Tags (any number, the key toggles)", .accent))
            for tag in queue.tags { lines.append(row(tag.key, tag.id + (tag.description.isEmpty ? "" : ": " + tag.description))) }
        }
        if !queue.severity.isEmpty {
            lines.append(StyledLine("Severity (lowest first; the key toggles)", .accent))
            for level in queue.severity { lines.append(row(level.key, level.id + (level.description.isEmpty ? "" : ": " + level.description))) }
        }
        lines.append(StyledLine("Adjudication", .accent))
        for binding in bindings.bindings {
            if binding.action == .reveal, !queue.wellbeing.maskUntilReveal { continue }
            lines.append(row(binding.keys.map(\.name).joined(separator: " "), binding.help))
        }
        lines.append(StyledLine("Your decision overrides the reviewers' labels in reports and exports; it is kept in the", .dim))
        lines.append(StyledLine("append-only history and the audit log (docket audit --action adjudicate).", .dim))
        return lines
    }
}
