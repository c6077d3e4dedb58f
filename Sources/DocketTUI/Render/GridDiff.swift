/// The cells that changed between two screen models, so the renderer redraws only those.
public struct GridChange: Equatable, Sendable {
    public var row: Int
    public var column: Int
    /// Consecutive changed cells starting at `column` (continuations included).
    public var cells: [Cell]
}

/// Compares two screen models of the same size row by row.
public enum GridDiff {
    /// The runs of changed cells from `old` to `new`; everything when the sizes differ or there is no `old`.
    public static func changes(from old: CellGrid?, to new: CellGrid) -> [GridChange] {
        let sameSize = old.map { $0.width == new.width && $0.height == new.height } ?? false
        var changes: [GridChange] = []
        for row in 0..<new.height {
            var col = 0
            while col < new.width {
                guard !sameSize || old![row, col] != new[row, col] else { col += 1; continue }
                // Start at the wide character a changed continuation belongs to.
                var start = col
                if new[row, start].isContinuation, start > 0 { start -= 1 }
                var run: [Cell] = []
                var end = start
                while end < new.width, !sameSize || old![row, end] != new[row, end] || new[row, end].isContinuation {
                    run.append(new[row, end])
                    end += 1
                }
                if let last = changes.last, last.row == row, last.column + last.cells.count > start {
                    // Overlaps the previous run (a wide character straddled both): merge.
                    changes[changes.count - 1].cells = Array(last.cells.prefix(start - last.column)) + run
                } else {
                    changes.append(GridChange(row: row, column: start, cells: run))
                }
                col = max(end, col + 1)
            }
        }
        return changes
    }
}
