import DocketCore

/// The label bar: the queue's labels with their keys, its tags with their on/off state, its severity scale.
public enum LabelBar {
    /// One entry of the bar: `[1] hate`, already styled.
    public struct Entry: Equatable, Sendable {
        public var key: String
        public var text: String
        public var selected: Bool
        /// The group's caption (`tags:`) before the first entry of a group.
        public var caption: String?

        /// Columns the entry takes, with the space after it.
        var width: Int { (caption.map { DisplayWidth.of($0) + 1 } ?? 0) + DisplayWidth.of(key) + 3 + DisplayWidth.of(text) + 2 }
    }

    /// The entries for the current choice.
    public static func items(_ state: ReviewState) -> [Entry] {
        items(queue: state.queue, choice: state.choice)
    }

    /// The entries of `queue`'s taxonomy with `choice` selected (also used by the adjudication screen).
    public static func items(queue: QueueDefinition, choice: ReviewState.Choice) -> [Entry] {
        var entries = queue.labels.enumerated().map { index, label in
            Entry(key: label.key, text: label.id, selected: choice.label == label.id, caption: index == 0 ? "label:" : nil)
        }
        entries += queue.tags.enumerated().map { index, tag in
            let on = choice.tags.contains(tag.id)
            return Entry(key: tag.key, text: (on ? "☑ " : "☐ ") + tag.id, selected: on, caption: index == 0 ? "│ tags:" : nil)
        }
        entries += queue.severity.enumerated().map { index, level in
            Entry(key: level.key, text: level.id, selected: choice.severity == level.id, caption: index == 0 ? "│ severity:" : nil)
        }
        return entries
    }

    /// The rows the entries need at `width` (entries are never split across rows).
    public static func rows(_ entries: [Entry], width: Int) -> Int {
        placed(entries, width: width).map(\.row).max().map { $0 + 1 } ?? 1
    }

    private static func placed(_ entries: [Entry], width: Int) -> [(row: Int, column: Int, entry: Entry)] {
        var row = 0
        var column = 1
        var result: [(Int, Int, Entry)] = []
        for entry in entries {
            if column + entry.width > width, column > 1 { row += 1; column = 1 }
            result.append((row, column, entry))
            column += entry.width
        }
        return result
    }

    public static func draw(_ entries: [Entry], into grid: inout CellGrid, rect: Rect) {
        for (row, column, entry) in placed(entries, width: rect.width) where row < rect.height {
            var col = rect.column + column
            let r = rect.row + row
            if let caption = entry.caption { col = grid.write(caption + " ", row: r, column: col, role: .dim) }
            col = grid.write("[" + entry.key + "]", row: r, column: col, role: .key)
            grid.write(" " + entry.text, row: r, column: col, role: entry.selected ? .selected : .text)
        }
    }
}
