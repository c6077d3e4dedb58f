/// An item as the review screen and the scriptable `next` command see it.
public struct Item: Equatable, Sendable {
    public var queue: String
    /// The id given at import (unique within a queue).
    public var externalID: String
    public var kind: ContentKind
    public var text: String
    public var turns: [Turn]
    /// The item's metadata object (JSON), in its imported key order.
    public var meta: JSONValue
    public var group: String?
    public var contentHash: String
    public var source: String?
    public var reports: Int
    /// Seconds since 1970.
    public var createdAt: Double
    public var ingestedAt: Double
    public var scores: [ModelScore]
    public var explanations: [Explanation]
    /// The item's images, in import order (empty for a text item).
    public var media: [MediaReference] = []

    public init(queue: String, externalID: String, kind: ContentKind = .text, text: String,
                turns: [Turn] = [], meta: JSONValue = .object([]), group: String? = nil, contentHash: String = "",
                source: String? = nil, reports: Int = 0, createdAt: Double = 0, ingestedAt: Double = 0,
                scores: [ModelScore] = [], explanations: [Explanation] = []) {
        self.queue = queue
        self.externalID = externalID
        self.kind = kind
        self.text = text
        self.turns = turns
        self.meta = meta
        self.group = group
        self.contentHash = contentHash
        self.source = source
        self.reports = reports
        self.createdAt = createdAt
        self.ingestedAt = ingestedAt
        self.scores = scores
        self.explanations = explanations
    }
}
