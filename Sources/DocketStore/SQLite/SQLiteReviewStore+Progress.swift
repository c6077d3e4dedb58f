import DocketCore
import GRDB

extension SQLiteReviewStore {
    /// The review screen's numbers for `reviewer` in `queue` at `now`, computed from what is stored, so that
    /// every reviewer's screen agrees with the database whatever the others do.
    ///
    /// "Left for you" is counted as open items, less those this reviewer already decided, less those whose
    /// free slots other reviewers' live leases fill: the same rule ``claimNext(queue:reviewer:now:)`` applies,
    /// so a screen never promises an item the next claim would not hand out. The queue's counts by state and the
    /// reviewer's decisions on open items are kept by the store as items change (Migrations+QueueCounts.swift);
    /// only the live leases are walked.
    public func reviewProgress(queue queueID: String, reviewer: String, now: Double) throws -> ReviewProgress {
        let queue = try queue(queueID)
        return try pool.read { db in
            var open = 0, done = 0, total = 0
            // Kept by triggers (Migrations+QueueCounts.swift): a lookup, where counting walked the whole queue.
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT state, items FROM queue_counts WHERE queue_id = ?"),
                                        arguments: [queueID]) {
                let state: Int = row[0]
                let count: Int = row[1]
                total += count
                if state == 0 { open += count } else { done += count }
            }
            let decidedByYou = try Int.fetchOne(db.cachedStatement(sql: """
                SELECT items FROM reviewer_open_heads WHERE queue_id = ? AND reviewer = ?
                """), arguments: [queueID, reviewer]) ?? 0
            // An open item has fewer label decisions than the overlap, so only others' leases can fill it.
            let heldByOthers = try Int.fetchOne(db.cachedStatement(sql: """
                SELECT count(*) FROM (
                    SELECT l.item_id, count(*) AS held FROM leases l
                    WHERE l.queue_id = :queue AND l.reviewer <> :reviewer AND l.expires_at > :now GROUP BY l.item_id
                ) AS l JOIN items i ON i.id = l.item_id
                WHERE i.state = 0 AND i.is_gold = 0 AND i.label_count + l.held >= :overlap
                  AND NOT EXISTS (SELECT 1 FROM decision_heads h WHERE h.item_id = i.id AND h.reviewer = :reviewer)
                """), arguments: ["queue": queueID, "reviewer": reviewer, "now": now, "overlap": queue.overlap]) ?? 0
            return ReviewProgress(leftForYou: max(0, open - decidedByYou - heldByOthers), done: done, total: total)
        }
    }
}
