import DocketCore
import GRDB

extension SQLiteReviewStore {
    /// Every item's import, first-decision and final-decision times in `queue`, and every decision's reviewer,
    /// kind and time, oldest first (see ``QueueActivity``). One pass over each table's queue index.
    public func queueActivity(queue: String) throws -> QueueActivity {
        _ = try self.queue(queue)  // an unknown queue is an error, not an empty report
        return try pool.read { db in
            var items: [QueueActivity.ItemTimes] = []
            // The final decision of a complete item is its latest decision that is not an undo.
            let rows = try Row.fetchCursor(db, sql: """
                SELECT i.ingested_at,
                       (SELECT min(d.decided_at) FROM decisions d WHERE d.item_id = i.id),
                       CASE WHEN i.state = 1 THEN (SELECT max(d.decided_at) FROM decisions d WHERE d.item_id = i.id AND d.kind <> 'undo') END
                FROM items i WHERE i.queue_id = ?
                """, arguments: [queue])
            while let row = try rows.next() {
                items.append(.init(ingestedAt: row[0], firstDecisionAt: row[1], finalDecisionAt: row[2]))
            }
            var decisions: [QueueActivity.DecisionEvent] = []
            let events = try Row.fetchCursor(db, sql: "SELECT reviewer, kind, decided_at FROM decisions WHERE queue_id = ? ORDER BY id", arguments: [queue])
            while let row = try events.next() {
                let kind: String = row[1]
                decisions.append(.init(reviewer: row[0], kind: DecisionKind(rawValue: kind) ?? .skip, decidedAt: row[2]))
            }
            return QueueActivity(items: items, decisions: decisions)
        }
    }
}
