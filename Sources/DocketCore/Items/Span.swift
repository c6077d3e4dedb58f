/// A stretch of the content that a model's explanation points at.
public struct Span: Equatable, Sendable {
    /// Start offset in Unicode code points (as Python indexes strings), inclusive.
    public var start: Int
    /// End offset in code points, exclusive.
    public var end: Int
    public var label: String?
    public var weight: Double?
    /// When set, the offsets count in the alt text of the item's image at this index, not in its text.
    public var media: Int?

    public init(start: Int, end: Int, label: String? = nil, weight: Double? = nil, media: Int? = nil) {
        self.start = start
        self.end = end
        self.label = label
        self.weight = weight
        self.media = media
    }
}
