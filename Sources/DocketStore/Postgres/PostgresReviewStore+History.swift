import DocketCore

extension PostgresReviewStore {
    /// The items of `queue` that wait for a lead, most disputed first.
    public func disputedItems(queue: String, rule: DisputeRule, includeEscalated: Bool) throws -> [DisputedItem] {
        throw notYetOnPostgres("disputed items")
    }

    /// The lead's decision in force on an item, or nil when it was not adjudicated.
    public func adjudication(queue: String, externalID: String) throws -> Decision? {
        throw notYetOnPostgres("adjudication lookup")
    }

    /// Calls `body` for every decision in force in `queue` (decided at or after `since`), by item.
    public func forEachDecisionInForce(queue: String, since: Double?, _ body: (DecisionInForce) throws -> Void) throws {
        throw notYetOnPostgres("decisions in force")
    }

    /// Every row of the decision history of `queue`, oldest first.
    public func forEachHistoryRow(queue: String, _ body: (Decision) throws -> Void) throws {
        throw notYetOnPostgres("decision history")
    }

    /// The lead's adjudicated label per item (external id) in `queue`.
    public func adjudications(queue: String) throws -> [String: String] {
        throw notYetOnPostgres("adjudications")
    }

    /// What the agreement report needs of `queue`, in item order then decision order.
    public func reviewLog(queue: String, since: Double?, withScores: Bool) throws -> ReviewLog {
        throw notYetOnPostgres("the review log")
    }

    /// Each item's value of the top-level metadata field `field`, by external id.
    public func metadataValues(queue: String, field: String) throws -> [String: String] {
        throw notYetOnPostgres("metadata values")
    }

    /// Each item's import, first- and final-decision times and every decision's reviewer, kind and time.
    public func queueActivity(queue: String) throws -> QueueActivity {
        throw notYetOnPostgres("queue activity")
    }
}
