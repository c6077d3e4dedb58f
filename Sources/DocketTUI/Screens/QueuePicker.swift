import DocketCore
import DocketStore

/// The queue picker (`docket review` without `--queue`): the queues with their depth and progress;
/// arrows choose, Enter starts.
public struct QueuePicker {
    /// What a key press asks for.
    public enum Outcome: Equatable { case stay, start(String), quit }

    public var queues: [QueueSummary]
    public var selected = 0

    public init(queues: [QueueSummary]) { self.queues = queues }

    public mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .up, .character("k"): selected = max(0, selected - 1)
        case .down, .character("j"): selected = min(max(0, queues.count - 1), selected + 1)
        case .enter: return queues.isEmpty ? .stay : .start(queues[selected].id)
        case .character("q"), .escape: return .quit
        default: break
        }
        return .stay
    }

    /// The picker's screen model.
    public func render(width: Int, height: Int) -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        guard width >= ScreenFrame.minimumWidth, height >= ScreenFrame.minimumHeight else {
            ReviewScreen.drawTooSmall(into: &grid)
            return grid
        }
        grid.clear(Rect(row: 0, column: 0, width: width, height: 1), role: .title)
        grid.write(" Docket · choose a queue to review", row: 0, column: 0, role: .title)
        let columns = "   " + DisplayWidth.pad("queue", to: 24) + DisplayWidth.pad("title", to: width - 3 - 24 - 36)
            + "   items  pending  progress"
        grid.write(columns, row: 2, column: 0, role: .dim)
        if queues.isEmpty {
            grid.write("No queues yet: add one with 'docket queues add FILE.yml'.", row: 4, column: 3, role: .warning)
        }
        let visible = height - 6
        let first = max(0, selected - visible + 1)
        for (offset, summary) in queues.dropFirst(first).prefix(visible).enumerated() {
            let index = first + offset
            let done = summary.items > 0 ? Double(summary.complete) / Double(summary.items) : 0
            let barWidth = 10
            let filled = Int((done * Double(barWidth)).rounded())
            let role: StyleRole = index == selected ? .selected : .text
            var line = (index == selected ? " ▶ " : "   ") + DisplayWidth.pad(summary.id, to: 24)
            line += DisplayWidth.pad(summary.title, to: width - 3 - 24 - 36)
            line += String(repeating: " ", count: max(0, 8 - String(summary.items).count)) + String(summary.items)
            line += String(repeating: " ", count: max(0, 9 - String(summary.pending).count)) + String(summary.pending)
            line += "  " + String(repeating: "█", count: filled) + String(repeating: "░", count: barWidth - filled)
            line += " " + String(Int((done * 100).rounded())) + "%"
            grid.write(line, row: 3 + offset, column: 0, role: role)
        }
        grid.write("↑/↓ choose   Enter review   q quit", row: height - 1, column: 0, role: .dim)
        return grid
    }
}
