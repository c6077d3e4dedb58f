import DocketCore

/// What an undo withdrew: the item (leased back to the reviewer) and the decision's kind and label.
public struct UndoneDecision: Sendable {
    /// The item, back with the reviewer to decide again.
    public var item: Item
    /// label, skip or escalate.
    public var kind: DecisionKind
    /// The withdrawn label (label decisions only).
    public var label: String?

    /// An undone decision of `kind` (with `label`) on `item`.
    public init(item: Item, kind: DecisionKind, label: String?) {
        self.item = item
        self.kind = kind
        self.label = label
    }
}
