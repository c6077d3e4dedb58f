import DocketCore
import DocketImages

/// Draws the review screen's model (a ``CellGrid``) from a ``ReviewState`` at a terminal size.
public enum ReviewScreen {
    /// The screen for `state` at `width` x `height`.
    public static func render(_ state: ReviewState, width: Int, height: Int, bindings: KeyBindings) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        let barItems = LabelBar.items(state)
        guard let layout = ReviewLayout.compute(width: width, height: height, labelRows: LabelBar.rows(barItems, width: width)) else {
            drawTooSmall(into: &grid)
            return grid
        }
        drawHeader(state, into: &grid, rect: layout.header)
        switch state.overlay {
        case .guidelines(let top) where hasSideColumn(layout):
            // Wide enough: the guidelines take the side column and the item stays in view.
            drawContent(state, into: &grid, rect: layout.content, bindings: bindings)
            let side = sideColumn(layout)
            grid.clear(side)
            let more = state.guidelines.draw(into: &grid, rect: side.belowTitle, top: top, gutter: 1)
            drawTitle("Guidelines (\(bindings.keyNames(.guidelines)) closes, j/k scroll)", focused: true, more: more, above: top != .init(), into: &grid, rect: side)
        case .none:
            drawContent(state, into: &grid, rect: layout.content, bindings: bindings)
            drawTitle("Metadata", focused: state.focus == .metadata, more: false, into: &grid, rect: layout.metadata)
            let metadata = MetadataPane.lines(state.item?.meta ?? .object([]), width: layout.metadata.width)
            let moreMeta = StyledLine.draw(metadata, top: state.metadataTop, into: &grid, rect: layout.metadata.belowTitle)
            if moreMeta { drawTitle("Metadata", focused: state.focus == .metadata, more: true, into: &grid, rect: layout.metadata) }
            let model = ModelPane.lines(state.item, width: layout.model.width, revealed: !state.isMasked,
                                        maskedTerms: state.queue.wellbeing.maskedTerms)
            let moreModel = StyledLine.draw(model, top: state.modelTop, into: &grid, rect: layout.model.belowTitle)
            drawTitle("Scores", focused: state.focus == .model, more: moreModel, into: &grid, rect: layout.model)
        case .help(let top):
            let body = layout.body
            let lines = HelpOverlay.lines(state.queue, bindings: bindings)
            let more = StyledLine.draw(lines, top: top, into: &grid, rect: body.belowTitle)
            drawTitle("Help: every key (\(bindings.keyNames(.cancel)) or \(bindings.keyNames(.help)) closes)", focused: true, more: more, into: &grid, rect: body)
        case .guidelines(let top):
            let body = layout.body
            let more = state.guidelines.draw(into: &grid, rect: body.belowTitle, top: top, gutter: 1)
            drawTitle("Guidelines (\(bindings.keyNames(.cancel)) or \(bindings.keyNames(.guidelines)) closes, j/k scroll)", focused: true, more: more, above: top != .init(), into: &grid, rect: body)
        case .history(let selected):
            let body = layout.body
            let lines = HistoryOverlay.lines(state.history, selected: selected, width: width)
            let top = max(0, selected - (body.height - 2))
            let more = StyledLine.draw(lines, top: top, into: &grid, rect: body.belowTitle)
            let what = state.historySearch.map { "Your decisions matching '\($0)'" } ?? "Your last decisions"
            drawTitle("\(what) (\(bindings.keyNames(.confirm)) amends, \(bindings.keyNames(.find)) searches, \(bindings.keyNames(.cancel)) closes)",
                      focused: true, more: more, above: top > 0, into: &grid, rect: body)
        case .metadata(let top):
            let body = layout.body
            let document = state.metadataDocument ?? ContentDocument(blocks: [])
            let more = document.draw(into: &grid, rect: body.belowTitle, top: top, gutter: 1)
            drawTitle("Metadata in full (Esc or \(bindings.keyNames(.metadata)) closes, j/k scroll)", focused: true, more: more,
                      above: top != .init(), into: &grid, rect: body)
        }
        LabelBar.draw(barItems, into: &grid, rect: layout.labelBar)
        StatusLine.draw(state, bindings: bindings, into: &grid, rect: layout.status)
        return grid
    }

    /// The rows the content pane shows its text in at this size (for paging), or nil when too small.
    public static func contentArea(_ state: ReviewState, width: Int, height: Int) -> Rect? {
        guard let layout = ReviewLayout.compute(width: width, height: height, labelRows: LabelBar.rows(LabelBar.items(state), width: width)) else { return nil }
        switch state.overlay {
        case .none: return layout.content.belowTitle
        case .guidelines where hasSideColumn(layout): return sideColumn(layout).belowTitle
        case .help, .guidelines, .metadata, .history: return layout.body.belowTitle
        }
    }

    /// Whether metadata and scores sit beside the content (wide terminals) rather than below it.
    static func hasSideColumn(_ layout: ReviewLayout) -> Bool { layout.metadata.column > 0 }

    /// The column beside the content: metadata and scores, or the guidelines while they are open.
    static func sideColumn(_ layout: ReviewLayout) -> Rect {
        Rect(row: layout.metadata.row, column: layout.metadata.column, width: layout.metadata.width,
             height: layout.metadata.height + layout.model.height)
    }

    /// The layout in force, or nil when the terminal is too small.
    public static func layout(_ state: ReviewState, width: Int, height: Int) -> ReviewLayout? {
        ReviewLayout.compute(width: width, height: height, labelRows: LabelBar.rows(LabelBar.items(state), width: width))
    }

    /// Columns kept at the left of the content pane for the `RTL` mark.
    public static let contentGutter = 4

    static func drawTooSmall(into grid: inout CellGrid) {
        let lines = ["Terminal too small: \(grid.width)x\(grid.height).",
                     "Docket needs at least \(ScreenFrame.minimumWidth)x\(ScreenFrame.minimumHeight).",
                     "Enlarge the window, or press q to quit."]
        for (i, line) in lines.enumerated() where i < grid.height { grid.write(line, row: i, column: 0, role: i == 0 ? .warning : .text) }
    }

    static func drawHeader(_ state: ReviewState, into grid: inout CellGrid, rect: Rect) {
        grid.clear(rect, role: .title)
        let onItem = max(0, Int(state.now - state.itemShownAt))
        let progress = state.progress
        // Most important first: what is dropped when the line is too narrow is the end. A pace from the first
        // few seconds means nothing: it shows after a minute.
        var parts = [" \(state.queue.title)", "\(progress.leftForYou) left for you", "\(progress.done)/\(progress.total) done",
                     "session \(state.sessionCount)" + (state.now - state.sessionStart >= 60 ? String(format: " · %.0f/h", state.pace) : " · –/h")]
        if state.item != nil { parts.append("on item \(onItem / 60):" + (onItem % 60 < 10 ? "0" : "") + "\(onItem % 60)") }
        parts.append(state.reviewer)
        let reminder = state.breakDue ? " │ time for a break (Esc dismisses)" : ""
        while parts.count > 2, DisplayWidth.of(parts.joined(separator: " │ ") + reminder) > rect.width { parts.removeLast() }
        let end = grid.write(parts.joined(separator: " │ "), row: rect.row, column: rect.column, role: .title, limit: rect.width)
        if !reminder.isEmpty {
            grid.write(reminder, row: rect.row, column: end, role: .warning, limit: rect.column + rect.width - end)
        }
    }

    /// A pane's title line: `▶` and the title role when focused; at the right, `↑ more` when it was scrolled,
    /// the `position` (`line 12/80`) and `↓ more` when it continues below.
    static func drawTitle(_ title: String, focused: Bool, more: Bool, above: Bool = false, position: String? = nil,
                          into grid: inout CellGrid, rect: Rect) {
        guard rect.height > 0 else { return }
        let role: StyleRole = focused ? .title : .dim
        grid.clear(Rect(row: rect.row, column: rect.column, width: rect.width, height: 1), role: role)
        let marks = [above ? "↑ more" : nil, above || more ? position : nil, more ? "↓ more" : nil].compactMap { $0 }.joined(separator: " · ")
        let room = marks.isEmpty ? rect.width : rect.width - DisplayWidth.of(marks) - 2
        grid.write((focused ? "▶ " : "  ") + title, row: rect.row, column: rect.column, role: role, limit: max(0, room))
        if !marks.isEmpty, rect.width > DisplayWidth.of(marks) + 4 {
            grid.write(marks, row: rect.row, column: rect.column + rect.width - DisplayWidth.of(marks) - 1, role: role)
        }
    }

    static func drawContent(_ state: ReviewState, into grid: inout CellGrid, rect: Rect, bindings: KeyBindings) {
        let focused = state.focus == .content
        let body = rect.belowTitle
        guard let item = state.item, let document = state.document else {
            drawTitle("Content", focused: focused, more: false, into: &grid, rect: rect)
            grid.write("Nothing left for you in this queue.", row: body.row + 1, column: 2, role: .accent)
            let every = Int(ReviewSession.pollSeconds)
            grid.write("New items show here by themselves (checked every \(every) s); Enter checks now.", row: body.row + 2, column: 2, limit: body.width - 2)
            grid.write("Press q to quit, or u to undo your last decision.", row: body.row + 3, column: 2, limit: body.width - 2)
            return
        }
        let title = (state.amending.map { "Amending · \(item.externalID) · was \(ReviewSession.describe($0))" } ?? "Content · " + item.externalID)
        if state.isMasked {
            drawTitle(title, focused: focused, more: false, into: &grid, rect: rect)
            let key = bindings.keyNames(.reveal)
            grid.write("Content hidden to protect you (this queue masks items until revealed).", row: body.row + 1, column: 2, role: .warning, limit: body.width - 2)
            let beside = layout(state, width: grid.width, height: grid.height).map { $0.model.column > rect.column + rect.width - 1 } ?? false
            grid.write("Press \(key) to reveal it. Scores and metadata are shown \(beside ? "beside it" : "below").", row: body.row + 2, column: 2, limit: body.width - 2)
            return
        }
        var textArea = body
        if !item.media.isEmpty {
            let split = ImagePane.split(body)
            let wellbeing = state.queue.wellbeing
            ImagePane.draw(state.images, item: item, mask: ImageMask(blocks: wellbeing.imageMaskBlocks, greyscale: wellbeing.imageMaskGreyscale),
                           revealKey: bindings.keyNames(.reveal), into: &grid, rect: split.picture)
            textArea = split.text
        }
        let more = document.draw(into: &grid, rect: textArea, top: state.contentTop, gutter: contentGutter)
        let position = "line \(state.contentTop.line + 1)/\(document.lineCount)"
        drawTitle(title, focused: focused, more: more, above: state.contentTop != .init(), position: position, into: &grid, rect: rect)
    }
}
