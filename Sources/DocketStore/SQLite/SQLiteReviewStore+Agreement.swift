import DocketCore
import GRDB

extension SQLiteReviewStore {
    /// Reads what the agreement report needs from `queue`: every decision in force (decided at or after `since`
    /// when given) in item order, then decision order; the lead's adjudications; and the model scores of the items
    /// that have decisions in force (unless `withScores` is false: an export's aggregation needs only the votes).
    /// See ``ReviewLogReader`` for how a million decisions are read quickly.
    public func reviewLog(queue: String, since: Double?, withScores: Bool) throws -> ReviewLog {
        try read { db in
            // The queue's items as a range of row ids (a queue's items are imported together), so every table is
            // walked along its own key.
            guard let range = try Row.fetchOne(db, sql: "SELECT min(id), max(id) FROM items WHERE queue_id = ?", arguments: [queue]),
                  let low = range[0] as Int64?, let high = range[1] as Int64? else { return ReviewLog() }
            var reader = try ReviewLogReader(db, queue: queue, low: low, high: high, since: since)
            try reader.read(withScores: withScores)
            return reader.log
        }
    }
}
