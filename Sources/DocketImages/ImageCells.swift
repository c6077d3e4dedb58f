/// A picture as terminal cells: one symbol per cell with foreground and background colours from the
/// 256-colour palette (16-255; the 16 system colours are left out because terminals theme them).
/// The review screen copies these into its cell grid, so tests read the picture like any other text.
public struct ImageCells: Equatable, Sendable {
    /// One cell of a picture.
    public struct Cell: Equatable, Sendable {
        public var symbol: Unicode.Scalar
        public var foreground: UInt8
        public var background: UInt8

        public init(symbol: Unicode.Scalar, foreground: UInt8, background: UInt8) {
            self.symbol = symbol
            self.foreground = foreground
            self.background = background
        }
    }

    public var columns: Int
    public var rows: Int
    public var cells: [Cell]

    public init(columns: Int, rows: Int, cells: [Cell]) {
        self.columns = columns
        self.rows = rows
        self.cells = cells
    }

    public subscript(row: Int, column: Int) -> Cell { cells[row * columns + column] }

    /// Whether palette index `index` is a grey (the grey ramp 232-255, or a grey of the colour cube).
    public static func isGrey(_ index: UInt8) -> Bool {
        if index >= 232 { return true }
        guard index >= 16 else { return false }
        let cube = Int(index) - 16
        return cube / 36 == (cube / 6) % 6 && (cube / 6) % 6 == cube % 6
    }
}
