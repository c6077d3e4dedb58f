/// One stored decision row with its tags as their stored JSON list.
public struct StoredDecision: Equatable, Sendable {
    public var id: Int64
    public var queue: String
    public var externalID: String
    public var reviewer: String
    public var kind: String
    public var label: String?
    public var tagsJSON: String
    public var severity: String?
    public var note: String?
    public var reason: String?
    public var seconds: Double?
    public var decidedAt: Double
    public var supersedes: Int64?
    public var origin: String

    public init(id: Int64, queue: String, externalID: String, reviewer: String, kind: String, label: String?, tagsJSON: String,
                severity: String?, note: String?, reason: String?, seconds: Double?, decidedAt: Double, supersedes: Int64?,
                origin: String) {
        self.id = id
        self.queue = queue
        self.externalID = externalID
        self.reviewer = reviewer
        self.kind = kind
        self.label = label
        self.tagsJSON = tagsJSON
        self.severity = severity
        self.note = note
        self.reason = reason
        self.seconds = seconds
        self.decidedAt = decidedAt
        self.supersedes = supersedes
        self.origin = origin
    }
}
