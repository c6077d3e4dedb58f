import DocketImages

/// How the review screen shows images: on or off (`--no-images`), the graphics mode (`--graphics`),
/// the symbols used in symbols mode, and the limits every file is held to.
public struct ImageOptions: Equatable, Sendable {
    public var enabled: Bool
    /// The mode in force (never `.auto`: resolve it with ``GraphicsMode/resolved(environment:)`` first).
    public var graphics: GraphicsMode
    public var symbols: SymbolSet
    public var limits: ImageLimits

    public init(enabled: Bool = true, graphics: GraphicsMode = .symbols, symbols: SymbolSet = .blocks,
                limits: ImageLimits = .standard) {
        self.enabled = enabled
        self.graphics = graphics == .auto ? .symbols : graphics
        self.symbols = symbols
        self.limits = limits
    }
}
