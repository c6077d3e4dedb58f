import DocketCore

/// The status line: a prompt being typed, or the last message followed by the keys that work now, as many
/// as fit, most important first, with `?` (every key) always visible.
public enum StatusLine {
    /// Seconds a message stays before the line gives its room back to the key hints (errors stay until replaced).
    public static let messageSeconds: Double = 8

    /// Draws the review screen's status line.
    public static func draw(_ state: ReviewState, bindings: KeyBindings, into grid: inout CellGrid, rect: Rect) {
        let stale = state.message.map { $0.role != .error && state.now - state.messageShownAt >= messageSeconds } ?? true
        draw(prompt: state.prompt, promptHint: "  (Enter saves, Esc cancels)", message: stale ? nil : state.message,
             hints: hints(state, bindings: bindings), into: &grid, rect: rect)
    }

    /// The line as both screens draw it: `prompt` being typed (its question, the end of the text, a cursor
    /// and `promptHint` or the prompt's warning), else `message` followed by the `hints` (key, what it does)
    /// that fit whole. `hints` come most important first; the `help` hint is kept at the end whatever the width.
    static func draw(prompt: ReviewState.Prompt?, promptHint: String, message: ReviewState.Message?,
                     hints: [(String, String)], into grid: inout CellGrid, rect: Rect) {
        grid.clear(rect, role: .text)
        if let prompt {
            var col = grid.write(prompt.question, row: rect.row, column: rect.column, role: .accent)
            let tail = prompt.warning.map { "  " + $0 } ?? promptHint
            let room = rect.width - (col - rect.column) - min(DisplayWidth.of(tail), rect.width / 2) - 1
            // Show the end of long input: that is where the person is typing.
            var shown = prompt.text
            while DisplayWidth.of(shown) > room, !shown.isEmpty { shown.removeFirst() }
            col = grid.write(shown, row: rect.row, column: col)
            col = grid.write("█", row: rect.row, column: col, role: .key)
            grid.write(tail, row: rect.row, column: col, role: prompt.warning == nil ? .dim : .warning,
                       limit: rect.column + rect.width - col)
            return
        }
        let end = rect.column + rect.width
        let help = hints.first { $0.1 == "help" }
        let helpWidth = help.map(width) ?? 0
        var col = rect.column
        if let message {
            // The message gives way to the help hint, never the other way round.
            col = grid.write(message.text + "  ", row: rect.row, column: col, role: message.role, limit: max(0, end - helpWidth - col))
        }
        // In order of importance, stopping at the first that does not fit whole: a hint is never cut.
        for hint in hints where hint.1 != "help" {
            guard col + width(hint) <= end - helpWidth else { break }
            col = write(hint, into: &grid, row: rect.row, column: col)
        }
        if let help { write(help, into: &grid, row: rect.row, column: col) }
    }

    private static func width(_ hint: (String, String)) -> Int { DisplayWidth.of(hint.0) + DisplayWidth.of(hint.1) + 3 }

    @discardableResult
    private static func write(_ hint: (String, String), into grid: inout CellGrid, row: Int, column: Int) -> Int {
        let col = grid.write(hint.0, row: row, column: column, role: .key)
        return grid.write(" " + hint.1 + "  ", row: row, column: col, role: .dim)
    }

    /// The keys that do something in the current state, most important first.
    static func hints(_ state: ReviewState, bindings: KeyBindings) -> [(String, String)] {
        switch state.overlay {
        case .history:
            return [(bindings.keyNames(.confirm), "amend"), (bindings.keyNames(.scrollDown) + " " + bindings.keyNames(.scrollUp), "move"),
                    (bindings.keyNames(.find), "search"), (bindings.keyNames(.cancel), "close")]
        case .help, .guidelines, .metadata:
            return [(bindings.keyNames(.cancel), "close"), (bindings.keyNames(.scrollDown) + " " + bindings.keyNames(.scrollUp), "scroll"),
                    (bindings.keyNames(.quit), "quit")]
        case .none: break
        }
        guard state.item != nil else {
            return [("Enter", "check for new items"), (bindings.keyNames(.undo), "undo"), (bindings.keyNames(.quit), "quit"),
                    (bindings.keyNames(.help), "help")]
        }
        var hints: [(String, String)] = []
        if state.isMasked { hints.append((bindings.keyNames(.reveal), "reveal")) }
        if let suggested = state.suggested, state.choice.label == suggested, !state.awaitsSeverity {
            hints.append((bindings.keyNames(.confirm), "accept the model's \(suggested)"))
        }
        if state.awaitsSeverity {
            hints.append((state.queue.severity.map(\.key).joined(separator: "/"), "severity decides"))
        } else {
            let keys = state.queue.labels.map(\.key).joined(separator: "/")
            hints.append((keys, state.labelDecidesAtOnce ? "decide" : "label"))
        }
        if !state.labelDecidesAtOnce { hints.append(("Enter", "confirm")) }
        hints += [(bindings.keyNames(.skip), "skip"), (bindings.keyNames(.escalate), "escalate"), (bindings.keyNames(.undo), "undo"),
                  (bindings.keyNames(.note), "note"), (bindings.keyNames(.guidelines), "guidelines"), (bindings.keyNames(.quit), "quit"),
                  (bindings.keyNames(.help), "help")]
        return hints
    }
}
