/// A rectangle of an image that a model flagged, in the image's own pixels (origin at the top left),
/// with the model's label and weight: drawn as an outline over the picture and listed beside it.
public struct MediaRegion: Equatable, Sendable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double
    public var label: String?
    public var weight: Double?

    public init(x: Double, y: Double, width: Double, height: Double, label: String? = nil, weight: Double? = nil) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.label = label
        self.weight = weight
    }
}
