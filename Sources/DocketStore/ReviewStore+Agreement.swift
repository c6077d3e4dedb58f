import DocketCore
import GRDB

extension ReviewStore {
    /// Reads what the agreement report needs from `queue` in one streaming pass per table: every decision in
    /// force (decided at or after `since` when given), the lead's adjudications and the items' model scores.
    public func reviewLog(queue: String, since: Double? = nil) throws -> ReviewLog {
        var log = ReviewLog()
        try forEachDecisionInForce(queue: queue, since: since) { entry in
            log.add(item: entry.externalID, decision: entry.decision, gold: entry.goldLabel)
        }
        log.adjudicated = try adjudications(queue: queue)
        try pool.read { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT i.external_id, s.model, s.category, s.score, s.threshold
                FROM scores s JOIN items i ON i.id = s.item_id WHERE i.queue_id = ?
                ORDER BY s.item_id
                """, arguments: [queue])
            while let row = try cursor.next() {
                log.add(item: row[0], score: ModelScore(model: row[1], category: row[2], score: row[3], threshold: row[4]))
            }
        }
        return log
    }
}
