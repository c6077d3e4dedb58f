import DocketCore
import DocketStore

/// The reviewers' decisions on a disputed item side by side: one row per reviewer with their label, tags,
/// severity and note (or the reason they skipped or escalated), notes wrapped in their column.
public enum AdjudicationTable {
    /// The most rows one reviewer's note may take, so that one long note cannot push the others out of sight.
    public static let noteRowLimit = 4

    /// The table's lines at `width` columns: the column headings, then the reviewers in decision order.
    public static func lines(_ item: DisputedItem, width: Int) -> [StyledLine] {
        let decisions = item.decisions
        guard !decisions.isEmpty else { return [StyledLine("(no decisions in force)", .dim)] }
        let showTags = decisions.contains { !$0.tags.isEmpty }
        let showSeverity = decisions.contains { $0.severity != nil }
        var columns: [(title: String, width: Int)] = []
        columns.append(("reviewer", fit(decisions.map(\.reviewer), title: "reviewer", limit: 16)))
        columns.append(("label", fit(decisions.map(labelText), title: "label", limit: 16)))
        if showTags { columns.append(("tags", fit(decisions.map { $0.tags.joined(separator: ",") }, title: "tags", limit: 20))) }
        if showSeverity { columns.append(("severity", fit(decisions.map { $0.severity ?? "" }, title: "severity", limit: 12))) }
        let used = columns.reduce(0) { $0 + $1.width + 2 }
        let noteWidth = max(8, width - used - 1)
        columns.append(("note / reason", noteWidth))

        var lines = [StyledLine(columns.map { (DisplayWidth.pad($0.title, to: $0.width) + "  ", StyleRole.dim) })]
        for decision in decisions {
            var cells: [(String, StyleRole)] = [(decision.reviewer, .accent), labelCell(decision)]
            if showTags { cells.append((decision.tags.joined(separator: ","), .text)) }
            if showSeverity { cells.append((decision.severity ?? "", .text)) }
            let noteRows = wrap(noteText(decision), width: noteWidth)
            var first: [(String, StyleRole)] = []
            for (index, cell) in cells.enumerated() {
                first.append((DisplayWidth.pad(cell.0, to: columns[index].width) + "  ", cell.1))
            }
            first.append((noteRows.first ?? "", .text))
            lines.append(StyledLine(first))
            let indent = String(repeating: " ", count: used)
            for row in noteRows.dropFirst() { lines.append(StyledLine([(indent, .text), (row, .text)])) }
        }
        return lines
    }

    /// The table pane's title: how the votes fell, and whether the item was escalated.
    public static func title(_ item: DisputedItem) -> String {
        var parts = item.votes.counts.map { "\($0.label) \($0.count)" }
        if parts.isEmpty { parts = ["no label votes"] }
        let skips = item.decisions.filter { $0.kind == .skip }.count
        if skips > 0 { parts.append("skipped \(skips)") }
        var title = "Decisions · votes: " + parts.joined(separator: " · ")
        if item.isEscalated { title += " · ESCALATED" }
        return title
    }

    /// What the label column says: the label, or the kind of a skip or escalation.
    static func labelText(_ decision: Decision) -> String {
        switch decision.kind {
        case .label, .adjudication: return decision.label ?? ""
        case .skip: return "(skipped)"
        case .escalate: return "(escalated)"
        case .undo: return "(undone)"
        }
    }

    static func labelCell(_ decision: Decision) -> (String, StyleRole) {
        (labelText(decision), decision.kind == .label ? .selected : .warning)
    }

    /// The note column: the reason of a skip or escalation, then the note.
    static func noteText(_ decision: Decision) -> String {
        var parts: [String] = []
        if let reason = decision.reason, !reason.isEmpty { parts.append("reason: " + reason) }
        if let note = decision.note, !note.isEmpty { parts.append(note) }
        return parts.isEmpty ? "—" : parts.joined(separator: " · ")
    }

    /// `text` wrapped at `width` columns, at most ``noteRowLimit`` rows (the last ends with `…` when cut).
    static func wrap(_ text: String, width: Int) -> [String] {
        let document = ContentDocument(blocks: [.init(text: text)])
        var rows = document.wrappedRows(width: max(1, width), limit: noteRowLimit + 1)
        if rows.count > noteRowLimit {
            rows = Array(rows.prefix(noteRowLimit))
            rows[noteRowLimit - 1] = DisplayWidth.truncate(rows[noteRowLimit - 1], to: max(1, width - 1)) + "…"
        }
        return rows
    }

    /// A column width: the widest value or the title, at most `limit`.
    static func fit(_ values: [String], title: String, limit: Int) -> Int {
        min(limit, max(DisplayWidth.of(title), values.map { DisplayWidth.of($0) }.max() ?? 0))
    }
}
