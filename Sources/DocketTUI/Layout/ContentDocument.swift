import DocketCore

/// The content of an item prepared for a scrolling pane: split into lines once, wrapped by display width only
/// where the pane looks (so a 100,000-character line or 5 MB of text stays responsive), with explanation spans
/// and masked terms located by code point.
public final class ContentDocument {
    /// One part of the content: the text of a post, or one turn of a conversation with its speaker as title.
    public struct Block: Sendable {
        public var title: String?
        public var text: String
        /// Spans to highlight, in code points into `text`.
        public var spans: [Span]

        public init(title: String? = nil, text: String, spans: [Span] = []) {
            self.title = title
            self.text = text
            self.spans = spans
        }
    }

    /// A place in the wrapped document: a logical line and a wrapped row within it.
    public struct Position: Equatable, Sendable {
        public var line: Int
        public var row: Int
        public init(line: Int = 0, row: Int = 0) { self.line = line; self.row = row }
    }

    /// One logical line: a title, or text between two newlines of a block.
    struct Line {
        var block: Int
        var start: String.Index
        var end: String.Index
        /// Code point offset of `start` within the block's text.
        var scalarOffset: Int
        var isTitle: Bool
    }

    /// Where a wrapped row starts within its line.
    struct RowStart {
        var index: String.Index
        var scalarOffset: Int
    }

    public let blocks: [Block]
    let lines: [Line]
    private let maskedTerms: MaskedTerms
    private var wrapWidth = 0
    private var wrapped: [Int: [RowStart]] = [:]
    private var masks: [Int: [Range<Int>]] = [:]

    /// Columns a tab advances (the sanitiser's spaces).
    static let tabWidth = ContentSanitiser.tabSpaces.count

    public init(blocks: [Block], maskedTerms: [String] = []) {
        self.blocks = blocks
        self.maskedTerms = MaskedTerms(maskedTerms)
        var lines: [Line] = []
        for (number, block) in blocks.enumerated() {
            if let title = block.title {
                lines.append(Line(block: number, start: title.startIndex, end: title.endIndex, scalarOffset: 0, isTitle: true))
            }
            Self.splitLines(block.text, block: number, into: &lines)
        }
        self.lines = lines
    }

    /// Splits at newlines in one pass over the UTF-8 bytes, counting code points as it goes.
    private static func splitLines(_ text: String, block: Int, into lines: inout [Line]) {
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        var lineScalars = 0
        var scalars = 0
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            if byte == 10 {
                var end = index
                if end > lineStart, utf8[utf8.index(before: end)] == 13 { end = utf8.index(before: end) }  // CR LF
                lines.append(Line(block: block, start: lineStart, end: end, scalarOffset: lineScalars, isTitle: false))
                lineStart = utf8.index(after: index)
                lineScalars = scalars + 1
            }
            if byte & 0xC0 != 0x80 { scalars += 1 }
            index = utf8.index(after: index)
        }
        lines.append(Line(block: block, start: lineStart, end: utf8.endIndex, scalarOffset: lineScalars, isTitle: false))
    }

    /// The number of logical lines (titles included).
    public var lineCount: Int { lines.count }

    private func string(of line: Line) -> String {
        line.isTitle ? blocks[line.block].title! : blocks[line.block].text
    }

    /// Cells a scalar takes in the pane (placeholders and tabs included).
    @inline(__always)
    static func cellWidth(_ scalar: Unicode.Scalar) -> Int {
        if scalar.value >= 0x20 && scalar.value < 0x7F { return 1 }
        if scalar == "\t" { return tabWidth }
        if let shown = ContentSanitiser.placeholder(for: scalar) { return shown.unicodeScalars.reduce(0) { $0 + DisplayWidth.of($1) } }
        return DisplayWidth.of(scalar)
    }

    /// The wrapped rows of line `number` at `width` columns (computed once per width).
    func rows(ofLine number: Int, width: Int) -> [RowStart] {
        if width != wrapWidth { wrapped.removeAll(); wrapWidth = width }
        if let cached = wrapped[number] { return cached }
        let line = lines[number]
        let scalars = string(of: line).unicodeScalars
        var rows = [RowStart(index: line.start, scalarOffset: line.scalarOffset)]
        var used = 0
        var offset = line.scalarOffset
        var lastBreak: RowStart? = nil  // just after the last space on this row: wrap there to keep words whole
        var emoji = EmojiSequence()
        var index = line.start
        while index < line.end {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            // The rest of an emoji sequence keeps its own columns (as curses counts them) but never starts a row.
            let joins = emoji.joins(scalar, next: next < line.end ? scalars[next] : nil)
            if joins { used += DisplayWidth.of(scalar); index = next; offset += 1; continue }
            // A character starting an emoji sequence is measured with the rest of it, so the row breaks before it.
            var w = Self.cellWidth(scalar)
            if scalar.value >= 0x2000 {
                var probe = emoji
                var ahead = next
                while ahead < line.end {
                    let after = scalars.index(after: ahead)
                    guard probe.joins(scalars[ahead], next: after < line.end ? scalars[after] : nil) else { break }
                    w += DisplayWidth.of(scalars[ahead])
                    ahead = after
                }
            }
            if scalar == " ", used + w > width {
                // A space that does not fit ends the row and is not carried to the next one.
                index = scalars.index(after: index)
                offset += 1
                if index < line.end { rows.append(RowStart(index: index, scalarOffset: offset)) }
                used = 0
                lastBreak = nil
                continue
            }
            if used + w > width, used > 0 {
                let start = lastBreak.map { $0.index > rows[rows.count - 1].index ? $0 : nil } ?? nil
                let next = start ?? RowStart(index: index, scalarOffset: offset)
                rows.append(next)
                // Re-measure what moved to the new row.
                used = 0
                var i = next.index
                while i < index { used += Self.cellWidth(scalars[i]); i = scalars.index(after: i) }
                lastBreak = nil
            }
            used += w
            index = scalars.index(after: index)
            offset += 1
            if scalar == " " { lastBreak = RowStart(index: index, scalarOffset: offset) }
        }
        wrapped[number] = rows
        return rows
    }

    /// The position `count` rows after (or before, when negative) `position`, clamped to the document.
    public func move(_ position: Position, by count: Int, width: Int) -> Position {
        var line = min(max(0, position.line), max(0, lines.count - 1))
        guard !lines.isEmpty else { return Position() }
        var row = min(position.row, rows(ofLine: line, width: width).count - 1)
        var left = count
        while left > 0 {
            let rowCount = rows(ofLine: line, width: width).count
            if row + 1 < rowCount { row += 1 } else if line + 1 < lines.count { line += 1; row = 0 } else { break }
            left -= 1
        }
        while left < 0 {
            if row > 0 { row -= 1 } else if line > 0 { line -= 1; row = rows(ofLine: line, width: width).count - 1 } else { break }
            left += 1
        }
        return Position(line: line, row: row)
    }

    /// The last position from which a full pane of `height` rows can still be shown.
    public func lastTop(height: Int, width: Int) -> Position {
        guard !lines.isEmpty else { return Position() }
        let last = lines.count - 1
        let end = Position(line: last, row: rows(ofLine: last, width: width).count - 1)
        return move(end, by: -(max(1, height) - 1), width: width)
    }

    /// Where each highlighted span starts at `width` columns, in document order (the key that jumps to the next span).
    public func spanStarts(width: Int) -> [Position] {
        var starts: [Position] = []
        for (number, line) in lines.enumerated() where !line.isTitle && !blocks[line.block].spans.isEmpty {
            let nextLine = number + 1 < lines.count && lines[number + 1].block == line.block ? lines[number + 1].scalarOffset : Int.max
            for span in blocks[line.block].spans.sorted(by: { $0.start < $1.start })
            where span.start >= line.scalarOffset && span.start < nextLine {
                let row = rows(ofLine: number, width: width).lastIndex { $0.scalarOffset <= span.start } ?? 0
                let position = Position(line: number, row: row)
                if starts.last != position { starts.append(position) }
            }
        }
        return starts
    }

    /// Whether `a` comes after `b`.
    public static func isAfter(_ a: Position, _ b: Position) -> Bool { a.line > b.line || (a.line == b.line && a.row > b.row) }

    /// Draws the rows from `top` into `rect` of `grid`; the first `gutter` columns hold `RTL` for right-to-left rows.
    /// Returns whether the document continues below the pane.
    @discardableResult
    public func draw(into grid: inout CellGrid, rect: Rect, top: Position, gutter: Int = 4) -> Bool {
        let width = rect.width - gutter
        guard width > 0, rect.height > 0, !lines.isEmpty else { return false }
        var position = top
        for screenRow in 0..<rect.height {
            guard position.line < lines.count else { return false }
            let rowStarts = rows(ofLine: position.line, width: width)
            guard position.row < rowStarts.count else { return false }
            drawRow(position, rowStarts, into: &grid, row: rect.row + screenRow, column: rect.column, width: width, gutter: gutter)
            let next = move(position, by: 1, width: width)
            if next == position { return false }
            position = next
            if screenRow == rect.height - 1 { return true }
        }
        return true
    }

    private func drawRow(_ position: Position, _ rowStarts: [RowStart], into grid: inout CellGrid, row: Int, column: Int, width: Int, gutter: Int) {
        let line = lines[position.line]
        let scalars = string(of: line).unicodeScalars
        let start = rowStarts[position.row]
        let end = position.row + 1 < rowStarts.count ? rowStarts[position.row + 1].index : line.end
        if line.isTitle {
            grid.write(String(string(of: line)[start.index..<end]), row: row, column: column + gutter, role: .accent, limit: width)
            return
        }
        let block = blocks[line.block]
        let masked = maskRanges(position.line)
        var rightToLeft = false
        var col = column + gutter
        let limit = column + gutter + width
        var offset = start.scalarOffset
        var index = start.index
        var emoji = EmojiSequence()
        while index < end {
            let scalar = scalars[index]
            let next = scalars.index(after: index)
            if !rightToLeft, scalar.value >= 0x590, TextDirection.isRightToLeft(scalar) { rightToLeft = true }
            let inSpan = block.spans.contains { offset >= $0.start && offset < $0.end }
            let joins = emoji.joins(scalar, next: next < line.end ? scalars[next] : nil)
            if joins || (DisplayWidth.of(scalar) == 0 && ContentSanitiser.placeholder(for: scalar) == nil) {
                // Part of the character before it (a combining mark, the rest of an emoji): drawn in that cell,
                // which a span starting here highlights, rather than the span vanishing.
                if !masked.contains(where: { $0.contains(offset) }) { col = grid.join(scalar, row: row, column: col, end: limit) }
                if inSpan, col > column + gutter { grid.paintCharacter(row: row, before: col, role: .highlight) }
            } else if masked.contains(where: { $0.contains(offset) }) {
                for _ in 0..<Self.cellWidth(scalar) where col < limit { grid[row, col] = Cell("█", .placeholder); col += 1 }
            } else {
                col = grid.write(String(scalar), row: row, column: col, role: inSpan ? .highlight : .text, limit: limit - col)
                if inSpan, ContentSanitiser.placeholder(for: scalar) != nil {
                    // Placeholders keep the highlight so that a span over hidden characters is still seen.
                    grid.paint(row: row, column: col - Self.cellWidth(scalar), count: Self.cellWidth(scalar), role: .highlight)
                }
            }
            index = scalars.index(after: index)
            offset += 1
        }
        if rightToLeft, gutter >= 3 { grid.write("RTL", row: row, column: column, role: .warning) }
    }

    /// Code point ranges of masked terms within line `number` (whole words, case-insensitive), computed once per line.
    private func maskRanges(_ number: Int) -> [Range<Int>] {
        guard !maskedTerms.isEmpty else { return [] }
        if let cached = masks[number] { return cached }
        let line = lines[number]
        let ranges = maskedTerms.ranges(in: blocks[line.block].text[line.start..<line.end]).map {
            ($0.lowerBound + line.scalarOffset)..<($0.upperBound + line.scalarOffset)
        }
        masks[number] = ranges
        return ranges
    }
}
