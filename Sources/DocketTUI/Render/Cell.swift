/// One terminal cell of a screen model: the characters drawn there and what they mean.
/// A wide character fills its first cell; the cell after it is a continuation (empty text).
public struct Cell: Equatable, Sendable {
    /// One base character with its combining marks, a space, or "" for the second half of a wide character.
    public var text: String
    public var role: StyleRole
    /// A picture's own colours; nil for text, which takes its colours from `role`.
    public var colour: CellColour?

    public init(_ text: String, _ role: StyleRole = .text, colour: CellColour? = nil) {
        self.text = text
        self.role = role
        self.colour = colour
    }

    /// An empty cell.
    public static let blank = Cell(" ", .text)

    /// Whether this cell is the right half of a wide character.
    public var isContinuation: Bool { text.isEmpty }
}
