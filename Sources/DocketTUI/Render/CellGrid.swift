import DocketCore

/// A screen model: a rectangle of cells that tests can read without a terminal and the renderer draws.
/// Every text written into it goes through ``ContentSanitiser``, so nothing untrusted reaches the terminal raw.
public struct CellGrid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Pictures drawn by a pixel graphics protocol over blank cells (sixel, kitty); empty in symbols mode.
    public var graphics: [GraphicsPlacement] = []

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(row: Int, column: Int) -> Cell {
        get { cells[row * width + column] }
        set { cells[row * width + column] = newValue }
    }

    /// Writes `text` (sanitised, on one line) at (`row`, `column`), clipped to `limit` columns (default: to the
    /// right edge). Returns the column after the last cell written.
    @discardableResult
    public mutating func write(_ text: String, row: Int, column: Int, role: StyleRole = .text, limit: Int? = nil) -> Int {
        // column == width is allowed: a combining mark there still joins the last cell of the row.
        guard row >= 0, row < height, column >= 0, column <= width else { return column }
        let end = min(width, column + (limit ?? width))
        var col = column
        var emoji = EmojiSequence()
        let scalars = text.unicodeScalars
        for index in scalars.indices {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if emoji.joins(scalar, next: next < scalars.endIndex ? scalars[next] : nil) { col = join(scalar, row: row, column: col, end: end); continue }
            if scalar == "\n" { col = put("\u{2424}", row: row, column: col, end: end, role: .placeholder) }
            else if scalar == "\t" { col = put(ContentSanitiser.tabSpaces, row: row, column: col, end: end, role: role) }
            else if let shown = ContentSanitiser.placeholder(for: scalar) {
                col = put(shown, row: row, column: col, end: end, role: .placeholder)
            } else {
                col = putScalar(scalar, row: row, column: col, end: end, role: role)
            }
            if col > end { return end }
        }
        return col
    }

    /// Writes an already safe run of scalars; used for placeholders.
    private mutating func put(_ safe: String, row: Int, column: Int, end: Int, role: StyleRole) -> Int {
        var col = column
        for scalar in safe.unicodeScalars {
            col = putScalar(scalar, row: row, column: col, end: end, role: role)
            if col > end { return col }
        }
        return col
    }

    /// Places one safe scalar: a zero-width one joins the previous cell, a wide one takes two cells.
    /// Returns `end + 1` when the scalar did not fit, so callers can stop.
    @discardableResult
    public mutating func putScalar(_ scalar: Unicode.Scalar, row: Int, column: Int, end: Int, role: StyleRole) -> Int {
        let w = DisplayWidth.of(scalar)
        if w == 0 { return join(scalar, row: row, column: column, end: end) }
        guard column + w <= end else { return end + 1 }
        cells[row * width + column] = Cell(String(scalar), role)
        if w == 2 { cells[row * width + column + 1] = Cell("", role) }
        return column + w
    }

    /// Adds a zero-width scalar (a combining mark, the rest of an emoji sequence) to the character drawn just
    /// before `column`, so the terminal draws them as one; at the start of a line there is nothing to join.
    /// A cell keeps at most 16 scalars, so a pile of combining marks cannot grow a cell without end.
    ///
    /// A joined scalar that takes columns of its own (the 🌈 of 🏳️‍🌈, a flag's second letter) keeps them as
    /// continuation cells: curses counts them, so the grid must too, or the text after it would be misplaced.
    /// Returns the column after it.
    @discardableResult
    public mutating func join(_ scalar: Unicode.Scalar, row: Int, column: Int, end: Int? = nil) -> Int {
        let limit = end ?? width
        guard row >= 0, row < height, column > 0, column - 1 < limit else { return column }
        let w = DisplayWidth.of(scalar)
        guard column + w <= limit else { return column }
        if let index = cellBefore(row: row, column: column), cells[index].text.unicodeScalars.count < 16 {
            cells[index].text.unicodeScalars.append(scalar)
        }
        for col in column..<(column + w) { cells[row * width + col] = Cell("", cells[row * width + column - 1].role) }
        return column + w
    }

    /// The index of the character cell just before `column` (the start of a wide character, not its continuation).
    func cellBefore(row: Int, column: Int) -> Int? {
        guard column > 0, column <= width else { return nil }
        var index = row * width + column - 1
        while cells[index].isContinuation, index > row * width { index -= 1 }
        return index
    }

    /// Sets the role of the character (its cell and continuation cells) just before `column`.
    public mutating func paintCharacter(row: Int, before column: Int, role: StyleRole) {
        guard row >= 0, row < height, let index = cellBefore(row: row, column: column) else { return }
        cells[index].role = role
        var next = index + 1
        while next < (row + 1) * width, cells[next].isContinuation { cells[next].role = role; next += 1 }
    }

    /// Sets the role of `count` cells from (`row`, `column`) without changing their text.
    public mutating func paint(row: Int, column: Int, count: Int, role: StyleRole) {
        guard row >= 0, row < height else { return }
        for col in max(0, column)..<min(width, column + count) { cells[row * width + col].role = role }
    }

    /// Fills a rectangle with blank cells of `role`.
    public mutating func clear(_ rect: Rect, role: StyleRole = .text) {
        for row in max(0, rect.row)..<min(height, rect.row + rect.height) {
            for col in max(0, rect.column)..<min(width, rect.column + rect.width) { self[row, col] = Cell(" ", role) }
        }
    }

    /// The text of one row (continuations skipped), as tests and `capture-pane` read it.
    public func line(_ row: Int) -> String {
        var text = ""
        for col in 0..<width where !self[row, col].isContinuation { text += self[row, col].text }
        return text
    }

    /// All rows, trailing spaces trimmed, joined by newlines.
    public var text: String {
        (0..<height).map { row in
            var line = line(row)
            while line.last == " " { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}
