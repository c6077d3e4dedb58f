/// A rectangle of cells on the screen (a pane, a bar, an overlay).
public struct Rect: Equatable, Sendable {
    public var row: Int
    public var column: Int
    public var width: Int
    public var height: Int

    public init(row: Int, column: Int, width: Int, height: Int) {
        self.row = row
        self.column = column
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The rectangle without its first line (a pane's body under its title).
    public var belowTitle: Rect { Rect(row: row + 1, column: column, width: width, height: height - 1) }
}
