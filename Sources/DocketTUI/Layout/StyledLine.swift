/// One line of a pane built from pieces of text with their roles (a metadata row, a score bar).
public struct StyledLine: Equatable, Sendable {
    public var segments: [(text: String, role: StyleRole)]

    public init(_ segments: [(String, StyleRole)] = []) {
        self.segments = segments.map { (text: $0.0, role: $0.1) }
    }

    public init(_ text: String, _ role: StyleRole = .text) {
        self.init([(text, role)])
    }

    public static func == (lhs: StyledLine, rhs: StyledLine) -> Bool {
        lhs.segments.map(\.text) == rhs.segments.map(\.text) && lhs.segments.map(\.role) == rhs.segments.map(\.role)
    }

    /// Draws the line at (`row`, `column`) clipped to `width` columns (sanitised by the grid).
    public func draw(into grid: inout CellGrid, row: Int, column: Int, width: Int) {
        var col = column
        for segment in segments where col < column + width {
            col = grid.write(segment.text, row: row, column: col, role: segment.role, limit: column + width - col)
        }
    }

    /// Draws `lines` from `top` into `rect`; returns whether more lines follow below the pane.
    @discardableResult
    public static func draw(_ lines: [StyledLine], top: Int, into grid: inout CellGrid, rect: Rect) -> Bool {
        for (offset, line) in lines.dropFirst(top).prefix(rect.height).enumerated() {
            line.draw(into: &grid, row: rect.row + offset, column: rect.column, width: rect.width)
        }
        return lines.count - top > rect.height
    }
}

extension ContentDocument {
    /// The first `limit` wrapped rows of the document as text (for short texts such as a model's rationale).
    public func wrappedRows(width: Int, limit: Int) -> [String] {
        guard width > 0 else { return [] }
        var result: [String] = []
        for number in 0..<lines.count {
            let line = lines[number]
            let text = line.isTitle ? blocks[line.block].title! : blocks[line.block].text
            let starts = rows(ofLine: number, width: width)
            for (i, start) in starts.enumerated() {
                let end = i + 1 < starts.count ? starts[i + 1].index : line.end
                result.append(String(text[start.index..<end]))
                if result.count >= limit { return result }
            }
        }
        return result
    }
}
