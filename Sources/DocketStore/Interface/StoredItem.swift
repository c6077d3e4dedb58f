/// Everything stored about an item, in its stored forms (JSON texts as written, the priority sort key).
public struct StoredItem: Equatable, Sendable {
    public var queue: String
    public var externalID: String
    public var kind: String
    public var content: String
    public var turns: String?
    public var meta: String
    public var group: String?
    public var contentHash: String
    public var source: String?
    public var reports: Int
    public var createdAt: Double
    public var ingestedAt: Double
    /// Of the import record: an identical re-import changes nothing.
    public var recordHash: Int64
    public var goldLabel: String?
    public var isGold: Bool
    public var priority: String
    /// 0 open, 1 complete, 2 escalated.
    public var state: Int
    public var labelCount: Int
    /// The lead's decision in force (a decision id), if any.
    public var adjudicationID: Int64?
    public var scoresJSON: String
    public var explanationsJSON: String
    /// The item's images (``MediaCoding``'s form), `[]` for a text item or a backend that stores none.
    public var mediaJSON = "[]"

    public init(queue: String, externalID: String, kind: String, content: String, turns: String?, meta: String,
                group: String?, contentHash: String, source: String?, reports: Int, createdAt: Double, ingestedAt: Double,
                recordHash: Int64, goldLabel: String?, isGold: Bool, priority: String, state: Int, labelCount: Int,
                adjudicationID: Int64?, scoresJSON: String, explanationsJSON: String) {
        self.queue = queue
        self.externalID = externalID
        self.kind = kind
        self.content = content
        self.turns = turns
        self.meta = meta
        self.group = group
        self.contentHash = contentHash
        self.source = source
        self.reports = reports
        self.createdAt = createdAt
        self.ingestedAt = ingestedAt
        self.recordHash = recordHash
        self.goldLabel = goldLabel
        self.isGold = isGold
        self.priority = priority
        self.state = state
        self.labelCount = labelCount
        self.adjudicationID = adjudicationID
        self.scoresJSON = scoresJSON
        self.explanationsJSON = explanationsJSON
    }
}
