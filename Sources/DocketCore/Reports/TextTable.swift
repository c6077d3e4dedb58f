/// A table for the terminal or Markdown: cells are sanitised (reviewer names and item ids are untrusted),
/// measured in display columns, numbers right-aligned, and the widest column shortened to fit a width.
public struct TextTable: Sendable {
    /// Column titles.
    public var header: [String]
    /// The cells, row by row (sanitised).
    public var rows: [[String]]

    public init(header: [String], rows: [[String]]) {
        self.header = header
        self.rows = rows.map { $0.map(ContentSanitiser.sanitiseLine) }
    }

    /// Aligned plain text no wider than `width` columns: the widest column is shortened (with an ellipsis)
    /// until the table fits, down to 6 columns each.
    public func plain(width: Int = 100) -> String {
        var widths = columnWidths()
        var total = widths.reduce(0, +) + 2 * max(0, widths.count - 1)
        while total > width, let widest = widths.indices.max(by: { widths[$0] < widths[$1] }), widths[widest] > 6 {
            widths[widest] -= 1
            total -= 1
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { index, cell in
                let fitted = DisplayWidth.of(cell) > widths[index] ? DisplayWidth.truncate(cell, to: widths[index]) : cell
                let pad = String(repeating: " ", count: max(0, widths[index] - DisplayWidth.of(fitted)))
                return index > 0 && TextTable.isNumeric(cell) ? pad + fitted : fitted + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        return ([line(header)] + rows.map(line)).joined(separator: "\n")
    }

    /// A GitHub-flavoured Markdown table (pipes in cells escaped).
    public func markdown() -> String {
        func line(_ cells: [String]) -> String {
            "| " + cells.map { $0.escapingPipes() }.joined(separator: " | ") + " |"
        }
        let rule = "|" + header.enumerated().map { index, _ in index > 0 ? " ---: |" : " --- |" }.joined()
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }

    private func columnWidths() -> [Int] {
        var widths = header.map(DisplayWidth.of)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], DisplayWidth.of(cell)) }
        }
        return widths
    }

    static func isNumeric(_ cell: String) -> Bool {
        cell == "-" || Double(cell.hasSuffix("%") ? String(cell.dropLast()) : cell) != nil
    }
}

fileprivate extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }

    func escapingPipes() -> String {
        split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }
}
