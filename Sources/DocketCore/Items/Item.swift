/// What kind of content an item holds; the review screen lays each out differently.
public enum ContentKind: String, Equatable, Sendable, CaseIterable {
    /// A message or post.
    case text
    /// Several turns; ``Item/turns`` holds them and ``Item/text`` the turn under review.
    case conversation
    /// A link or a reference to media stored elsewhere; never fetched by Docket.
    case url
}

/// One turn of a conversation.
public struct Turn: Equatable, Sendable {
    public var speaker: String
    public var text: String

    public init(speaker: String, text: String) {
        self.speaker = speaker
        self.text = text
    }
}

/// A classifier's score for one category of one item.
public struct ModelScore: Equatable, Sendable {
    /// Model name, optionally with its version after `@` (`tfidf-logreg@v1`) or as its own name.
    public var model: String
    public var category: String
    /// Probability-like score in [0, 1].
    public var score: Double
    /// The model's decision threshold for this category, when known.
    public var threshold: Double?

    public init(model: String, category: String, score: Double, threshold: Double? = nil) {
        self.model = model
        self.category = category
        self.score = score
        self.threshold = threshold
    }

    /// Whether the model flags the item for this category (`score >= threshold`).
    public var isAboveThreshold: Bool {
        guard let threshold else { return false }
        return score >= threshold
    }
}

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

/// A model's explanation of its scores: rationale text and highlighted spans.
public struct Explanation: Equatable, Sendable {
    public var model: String
    public var text: String
    public var spans: [Span]

    public init(model: String, text: String, spans: [Span] = []) {
        self.model = model
        self.text = text
        self.spans = spans
    }
}

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

/// What a decision record says about an item.
public enum DecisionKind: String, Equatable, Sendable, CaseIterable {
    /// A label (with optional tags and severity).
    case label
    /// The reviewer passed the item on, with a reason; it goes to someone else.
    case skip
    /// The reviewer sent the item to a lead, with a reason.
    case escalate
    /// A lead's final decision on a disputed item; overrides aggregation.
    case adjudication
    /// Withdraws the decision it supersedes (the item comes back to the reviewer).
    case undo
}

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
