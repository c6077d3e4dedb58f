import DocketCore

/// What asking for one item by its id came to (``ReviewStore/claimItem(queue:externalID:reviewer:now:)``, the
/// review screen's `/`): the item leased to you, or why it cannot be, with what the screen needs to say so.
public enum ItemClaim: Equatable, Sendable {
    /// The item is leased to you now (or already was): decide it.
    case claimed(Item)
    /// You have a decision in force on it (a label, skip or escalation): it is never handed to you again, but
    /// the decision can be opened and amended.
    case decidedByYou(Decision)
    /// It needs no more review decisions: its overlap is met, a lead adjudicated it, or it was escalated.
    case complete
    /// Its free slots are filled by other reviewers' live leases (`holders` of them): it may come back when a
    /// lease runs out.
    case heldByOthers(holders: Int)
}
