import DocketCore

// The short forms callers use: protocol requirements cannot carry default arguments, so each one here fills in
// what a caller usually leaves out (the clock, the usual origin) and calls the requirement. They differ from the
// requirements in their labels, so a call always picks exactly one.
extension ReviewStore {
    /// A backend that cannot be opened for reading only never is.
    public var isReadOnly: Bool { false }

    /// Progress counts for every queue (or one), now.
    public func queueSummaries(only queue: String? = nil) throws -> [QueueSummary] {
        try queueSummaries(only: queue, now: Timestamp.now())
    }

    /// Imports without progress reports (see ``importItems(into:from:options:progress:)``).
    public func importItems(into queueID: String, from sources: [ImportSource], options: ImportOptions) throws -> ImportSummary {
        try importItems(into: queueID, from: sources, options: options, progress: nil)
    }

    /// The thorough integrity check.
    public func integrityCheck() throws -> String { try integrityCheck(full: true) }

    /// Claims the next item now.
    public func claimNext(queue: String, reviewer: String) throws -> Item? {
        try claimNext(queue: queue, reviewer: reviewer, now: Timestamp.now())
    }

    /// Claims the item `externalID` now (see ``claimItem(queue:externalID:reviewer:now:)``).
    public func claimItem(queue: String, externalID: String, reviewer: String) throws -> ItemClaim {
        try claimItem(queue: queue, externalID: externalID, reviewer: reviewer, now: Timestamp.now())
    }

    /// Whether `reviewer` holds a live lease on the item now.
    public func holdsLease(queue: String, externalID: String, reviewer: String) throws -> Bool {
        try holdsLease(queue: queue, externalID: externalID, reviewer: reviewer, now: Timestamp.now())
    }

    /// Extends a live lease from now; false when it was already lost.
    @discardableResult
    public func renewLease(queue: String, externalID: String, reviewer: String) throws -> Bool {
        try renewLease(queue: queue, externalID: externalID, reviewer: reviewer, now: Timestamp.now())
    }

    /// Records a decision now.
    @discardableResult
    public func decide(_ request: DecisionRequest) throws -> Decision { try decide(request, now: Timestamp.now()) }

    /// Undoes `reviewer`'s latest decision in force now.
    public func undoLast(queue: String, reviewer: String, origin: String = "cli") throws -> Item? {
        try undoLast(queue: queue, reviewer: reviewer, origin: origin, now: Timestamp.now())
    }

    /// Records a lead's final decision now.
    @discardableResult
    public func adjudicate(queue: String, externalID: String, lead: String, label: String, tags: [String] = [],
                           severity: String? = nil, note: String? = nil) throws -> Decision {
        try adjudicate(queue: queue, externalID: externalID, lead: lead, label: label, tags: tags, severity: severity,
                       note: note, now: Timestamp.now())
    }

    /// The items of `queue` that wait for a lead under `rule`, escalated ones included.
    public func disputedItems(queue: String, rule: DisputeRule = DisputeRule()) throws -> [DisputedItem] {
        try disputedItems(queue: queue, rule: rule, includeEscalated: true)
    }

    /// Every decision in force in `queue`, by item.
    public func forEachDecisionInForce(queue: String, _ body: (DecisionInForce) throws -> Void) throws {
        try forEachDecisionInForce(queue: queue, since: nil, body)
    }

    /// What the agreement report needs of `queue`, all decisions in force.
    public func reviewLog(queue: String, withScores: Bool = true) throws -> ReviewLog {
        try reviewLog(queue: queue, since: nil, withScores: withScores)
    }

    /// Checks that `actor` may take `action` anywhere (no queue's own permissions).
    public func authorize(_ action: Action, actor: String) throws { try authorize(action, actor: actor, queue: nil) }

    /// Assigns a user to a queue.
    public func assign(_ name: String, queue: String, actor: String) throws {
        try assign(name, queue: queue, assigned: true, actor: actor)
    }
}
