/// The bounds every image is held to, so a hostile file cannot take the reviewer's memory or time.
public struct ImageLimits: Equatable, Sendable {
    /// The largest file read.
    public var maximumFileBytes: Int
    /// The most pixels (width x height, from the header, checked before decoding) an image may have.
    public var maximumPixels: Int
    /// Decoded images are scaled down so that their longer side is at most this: a terminal shows fewer
    /// (symbols: 4 x 8 pixels a cell; sixel and kitty: about 10 x 20 in a pane of 60 columns).
    public var maximumSide: Int

    public init(maximumFileBytes: Int = 64 << 20, maximumPixels: Int = 16_000_000, maximumSide: Int = 640) {
        self.maximumFileBytes = maximumFileBytes
        self.maximumPixels = maximumPixels
        self.maximumSide = maximumSide
    }

    /// The limits the review screen uses.
    public static let standard = ImageLimits()
}
