/// What a queue's operations report reads from the store: each item's import time and the times of its
/// first decision and of the decision that settled it, and every decision's reviewer, kind and time.
public struct QueueActivity: Sendable {
    /// One item's timeline (times in seconds since 1970).
    public struct ItemTimes: Sendable, Equatable {
        /// When the item was imported.
        public var ingestedAt: Double
        /// The first decision on the item (any kind), if any.
        public var firstDecisionAt: Double?
        /// When the item got its final decision: its last decision in force once it was complete (enough
        /// labels, or adjudicated); nil while it is open.
        public var finalDecisionAt: Double?

        public init(ingestedAt: Double, firstDecisionAt: Double?, finalDecisionAt: Double?) {
            self.ingestedAt = ingestedAt
            self.firstDecisionAt = firstDecisionAt
            self.finalDecisionAt = finalDecisionAt
        }
    }

    /// One decision of the queue's history (undos included as their own kind).
    public struct DecisionEvent: Sendable, Equatable {
        public var reviewer: String
        public var kind: DecisionKind
        public var decidedAt: Double

        public init(reviewer: String, kind: DecisionKind, decidedAt: Double) {
            self.reviewer = reviewer
            self.kind = kind
            self.decidedAt = decidedAt
        }
    }

    /// Every item of the queue.
    public var items: [ItemTimes]
    /// Every decision of the queue, oldest first.
    public var decisions: [DecisionEvent]

    public init(items: [ItemTimes], decisions: [DecisionEvent]) {
        self.items = items
        self.decisions = decisions
    }
}
