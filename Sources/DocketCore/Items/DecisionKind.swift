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
