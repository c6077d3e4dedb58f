/// A picture drawn by a pixel graphics protocol (sixel, kitty) over a rectangle of the screen model, whose
/// cells stay blank: the terminal layer writes `escape` at (`row`, `column`) after drawing the cells.
public struct GraphicsPlacement: Equatable, Sendable {
    public var row: Int
    public var column: Int
    public var columns: Int
    public var rows: Int
    /// The protocol's escape sequence, made by ``GraphicsEncoder`` from decoded pixels.
    public var escape: String

    public init(row: Int, column: Int, columns: Int, rows: Int, escape: String) {
        self.row = row
        self.column = column
        self.columns = columns
        self.rows = rows
        self.escape = escape
    }
}
