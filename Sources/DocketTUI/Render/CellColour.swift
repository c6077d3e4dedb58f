/// Colours of a picture's cell, from the 256-colour palette: pictures bring their own colours, where text
/// takes its colour from its ``StyleRole`` and the theme.
public struct CellColour: Equatable, Hashable, Sendable {
    public var foreground: UInt8
    public var background: UInt8

    public init(foreground: UInt8, background: UInt8) {
        self.foreground = foreground
        self.background = background
    }
}
