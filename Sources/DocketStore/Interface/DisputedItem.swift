import DocketCore

/// An item a lead should settle: its reviewers disagree (under a ``DisputeRule``) or one of them escalated it.
public struct DisputedItem: Sendable {
    /// The item's id as imported (load it with ``ReviewStore/item(queue:externalID:)``).
    public var externalID: String
    /// Every reviewer's decision in force on the item (labels, skips and escalations), oldest first.
    public var decisions: [Decision]
    /// The label votes among those decisions.
    public var votes: DisputeRule.Votes
    /// Whether a reviewer escalated the item to a lead.
    public var isEscalated: Bool

    /// A disputed item (the store builds these; tests and tools may too).
    public init(externalID: String, decisions: [Decision], votes: DisputeRule.Votes, isEscalated: Bool) {
        self.externalID = externalID
        self.decisions = decisions
        self.votes = votes
        self.isEscalated = isEscalated
    }
}
