/// The numbers the review screen's header shows, as the store sees them now (Docs/reviewing.md defines each).
/// Known-answer (gold) items are left out of every number: they are mixed in while real work remains and
/// are not work of the queue.
public struct ReviewProgress: Equatable, Sendable {
    /// Items this reviewer could still be handed, the one on screen included: open, not decided by them, and
    /// with a slot free for them (decisions plus other reviewers' live leases below the overlap).
    public var leftForYou: Int
    /// Items that need no more review decisions: their overlap is met, a lead adjudicated them, or they were escalated.
    public var done: Int
    /// Items of the queue to review.
    public var total: Int

    /// Progress with these counts.
    public init(leftForYou: Int, done: Int, total: Int) {
        self.leftForYou = leftForYou
        self.done = done
        self.total = total
    }
}
