import DocketCore
import GRDB

extension SQLiteReviewStore {
    /// Calls `body` for every decision in force in `queue` (each reviewer's latest, not withdrawn),
    /// label, skip and escalate kinds, ordered by item; streams in constant memory.
    public func forEachDecisionInForce(queue: String, since: Double?,
                                       _ body: (DecisionInForce) throws -> Void) throws {
        try read { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT d.id, i.external_id, d.reviewer, d.kind, d.label, d.tags, d.severity, d.note, d.reason, d.seconds,
                    d.decided_at, d.supersedes, d.origin, i.external_id, i.gold_label
                FROM decision_heads h
                JOIN decisions d ON d.id = h.decision_id
                JOIN items i ON i.id = h.item_id
                WHERE h.queue_id = ? AND (? IS NULL OR d.decided_at >= ?)
                ORDER BY h.item_id, d.id
                """, arguments: [queue, since, since])
            while let row = try cursor.next() {
                try body(DecisionInForce(decision: Self.decision(row, queue: queue), externalID: (try row.decode(atIndex: 13)), goldLabel: (try row.decode(atIndex: 14))))
            }
        }
    }

    /// Every row of the decision history of `queue` (superseded and undo rows included), oldest first.
    public func forEachHistoryRow(queue: String, _ body: (Decision) throws -> Void) throws {
        try read { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT d.id, i.external_id, d.reviewer, d.kind, d.label, d.tags, d.severity, d.note, d.reason, d.seconds,
                    d.decided_at, d.supersedes, d.origin
                FROM decisions d JOIN items i ON i.id = d.item_id WHERE d.queue_id = ? ORDER BY d.id
                """, arguments: [queue])
            while let row = try cursor.next() { try body(Self.decision(row, queue: queue)) }
        }
    }

    /// The lead's adjudicated label per item (external id) in `queue`.
    public func adjudications(queue: String) throws -> [String: String] {
        try read { db in
            var result: [String: String] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT i.external_id, d.label FROM items i JOIN decisions d ON d.id = i.adjudication_id WHERE i.queue_id = ?
                """, arguments: [queue])
            while let row = try rows.next() { result[(try row.decode(atIndex: 0))] = (try row.decode(atIndex: 1)) }
            return result
        }
    }

    /// A decision's tags from their stored JSON list (none when it is not a list).
    static func tags(_ text: String) -> [String] {
        guard let value = try? JSONParser.parse(text), let list = value.arrayValue else { return [] }
        return list.compactMap(\.stringValue)
    }

    /// A decision from a row whose columns are the decision's, with the item's external id in column 1.
    static func decision(_ row: Row, queue: String) throws -> Decision {
        let tags: [String] = ((try row.decode(atIndex: 5)) as String?).map(Self.tags) ?? []
        return Decision(id: (try row.decode(atIndex: 0)), externalID: (try row.decode(atIndex: 1)), queue: queue, reviewer: (try row.decode(atIndex: 2)),
                        kind: DecisionKind(rawValue: (try row.decode(atIndex: 3))) ?? .label, label: (try row.decode(atIndex: 4)), tags: tags, severity: (try row.decode(atIndex: 6)),
                        note: (try row.decode(atIndex: 7)), reason: (try row.decode(atIndex: 8)), seconds: (try row.decode(atIndex: 9)), decidedAt: (try row.decode(atIndex: 10)), supersedes: (try row.decode(atIndex: 11)), origin: (try row.decode(atIndex: 12)))
    }
}
