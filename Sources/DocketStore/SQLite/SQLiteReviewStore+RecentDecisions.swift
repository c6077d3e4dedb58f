import DocketCore
import GRDB

extension SQLiteReviewStore {
    /// `reviewer`'s decisions in force in `queue`, newest first, at most `limit` (the review screen's history):
    /// a walk down the reviewer's index, so its cost does not grow with the queue. With `matching`, only those
    /// whose item id or label contains it (any case).
    public func recentDecisions(queue: String, reviewer: String, matching: String?, limit: Int) throws -> [Decision] {
        try read { db in
            let pattern = matching.map { "%" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_") + "%" }
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT d.id, i.external_id, d.reviewer, d.kind, d.label, d.tags, d.severity, d.note, d.reason, d.seconds,
                    d.decided_at, d.supersedes, d.origin
                FROM decision_heads h INDEXED BY decision_heads_reviewer
                JOIN decisions d ON d.id = h.decision_id
                JOIN items i ON i.id = h.item_id
                WHERE h.queue_id = ? AND h.reviewer = ?
                  AND (? IS NULL OR i.external_id LIKE ? ESCAPE '\\' OR coalesce(d.label, d.kind) LIKE ? ESCAPE '\\')
                ORDER BY h.decision_id DESC LIMIT ?
                """), arguments: [queue, reviewer, pattern, pattern, pattern, max(0, limit)])
            return try rows.map { try Self.decision($0, queue: queue) }
        }
    }
}
