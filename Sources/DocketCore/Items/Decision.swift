/// A stored decision (one row of the append-only history).
public struct Decision: Equatable, Sendable {
    public var id: Int64
    /// The item's id as imported (unique within ``queue``): every backend names items this way.
    public var externalID: String
    public var queue: String
    public var reviewer: String
    public var kind: DecisionKind
    public var label: String?
    public var tags: [String]
    public var severity: String?
    public var note: String?
    /// Reason for a skip or escalation.
    public var reason: String?
    /// Seconds the reviewer spent on the item.
    public var seconds: Double?
    /// Seconds since 1970.
    public var decidedAt: Double
    /// The earlier decision this one corrects or withdraws.
    public var supersedes: Int64?
    /// Where it came from: `review`, `cli`, `import`, `adjudicate`.
    public var origin: String

    public init(id: Int64 = 0, externalID: String, queue: String, reviewer: String, kind: DecisionKind,
                label: String? = nil, tags: [String] = [], severity: String? = nil, note: String? = nil,
                reason: String? = nil, seconds: Double? = nil, decidedAt: Double, supersedes: Int64? = nil,
                origin: String = "cli") {
        self.id = id
        self.externalID = externalID
        self.queue = queue
        self.reviewer = reviewer
        self.kind = kind
        self.label = label
        self.tags = tags
        self.severity = severity
        self.note = note
        self.reason = reason
        self.seconds = seconds
        self.decidedAt = decidedAt
        self.supersedes = supersedes
        self.origin = origin
    }
}
