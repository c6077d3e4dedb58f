import Foundation
import DocketCore

/// A decision to record (`docket decide`, a key in the review screen).
public struct DecisionRequest: Sendable {
    /// Which item the decision is about: its id as imported (every backend names items this way).
    public enum ItemReference: Sendable {
        case external(String)
    }

    public var queue: String
    public var item: ItemReference
    public var reviewer: String
    /// label, skip or escalate (adjudication has its own call; undo is ``ReviewStore/undoLast(queue:reviewer:origin:now:)``).
    public var kind: DecisionKind
    public var label: String?
    public var tags: [String]
    public var severity: String?
    public var note: String?
    /// Why the item was skipped or escalated.
    public var reason: String?
    /// Seconds spent on the item.
    public var seconds: Double?
    /// `review`, `cli`, `llm`, ...
    public var origin: String
    /// Replace this reviewer's own earlier decision on the item (a correction) instead of refusing.
    public var correct: Bool
    /// Refuse unless the reviewer claimed the item (holds its lease, or held it and nobody took it over):
    /// `docket decide` sets it, so that nobody picks items against the queue's priority. The review screen
    /// decides only what it claimed; an admin importing outside labels leaves it off (`decide --unclaimed`).
    public var requiresClaim = false

    public init(queue: String, item: ItemReference, reviewer: String, kind: DecisionKind = .label, label: String? = nil,
                tags: [String] = [], severity: String? = nil, note: String? = nil, reason: String? = nil,
                seconds: Double? = nil, origin: String = "cli", correct: Bool = false) {
        self.queue = queue
        self.item = item
        self.reviewer = reviewer
        self.kind = kind
        self.label = label
        self.tags = tags
        self.severity = severity
        self.note = note
        self.reason = reason
        self.seconds = seconds
        self.origin = origin
        self.correct = correct
    }
}
