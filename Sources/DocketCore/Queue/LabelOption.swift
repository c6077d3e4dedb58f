/// One choice of a taxonomy: a label, a tag or a severity level.
public struct LabelOption: Equatable, Sendable {
    public var id: String
    /// The key that chooses it in the review screen (one character).
    public var key: String
    public var description: String

    public init(id: String, key: String, description: String = "") {
        self.id = id
        self.key = key
        self.description = description
    }
}
