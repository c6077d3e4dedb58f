import DocketCore

/// Counts that describe a queue's progress (`docket queues`).
public struct QueueSummary: Equatable, Sendable {
    public var id: String
    public var title: String
    public var overlap: Int
    public var items: Int
    /// Label, skip and escalation decisions in force (superseded ones are not counted).
    public var decisions: Int
    /// Items whose overlap is met (or that a lead adjudicated).
    public var complete: Int
    /// Open items with at least one decision or a live lease, not yet complete.
    public var inProgress: Int
    /// Open items nobody has decided or holds.
    public var pending: Int
    /// Items sent to a lead.
    public var escalated: Int
    /// Known-answer items mixed into the queue.
    public var gold: Int
    /// Items holding more label decisions than the overlap asks for: imported from data sets with more
    /// annotators. They are kept (real labels, all counted by agreement reports and exports) and shown here.
    public var overOverlap = 0
}
