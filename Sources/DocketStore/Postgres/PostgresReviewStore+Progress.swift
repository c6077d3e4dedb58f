import DocketCore

extension PostgresReviewStore {
    /// Progress counts for every queue (or one), by queue id: the SQLite store's counts, from the same rules.
    public func queueSummaries(only queue: String?, now: Double) throws -> [QueueSummary] {
        try run(retryOnLostConnection: true) { c in
            let rows = try c.execute("""
                SELECT q.id, q.title, q.overlap,
                    (SELECT count(*) FROM items i WHERE i.queue_id = q.id),
                    (SELECT count(*) FROM decision_heads h WHERE h.queue_id = q.id),
                    (SELECT count(*) FROM items i WHERE i.queue_id = q.id AND i.state = 1),
                    (SELECT count(*) FROM items i WHERE i.queue_id = q.id AND i.state = 0 AND (i.label_count > 0
                        OR EXISTS (SELECT 1 FROM leases l WHERE l.item_id = i.id AND l.expires_at > $1)
                        OR EXISTS (SELECT 1 FROM decision_heads h WHERE h.item_id = i.id))),
                    (SELECT count(*) FROM items i WHERE i.queue_id = q.id AND i.state = 2),
                    (SELECT count(*) FROM items i WHERE i.queue_id = q.id AND i.is_gold = 1),
                    (SELECT count(*) FROM items i WHERE i.queue_id = q.id AND i.label_count > q.overlap)
                FROM queues q WHERE $2::text IS NULL OR q.id = $2 ORDER BY q.id
                """, [now, queue])
            return (0..<rows.rowCount).map { r in
                func count(_ column: Int) -> Int { Int(rows.int64(r, column) ?? 0) }
                let items = count(3), complete = count(5), inProgress = count(6), escalated = count(7)
                return QueueSummary(id: rows.string(r, 0) ?? "", title: rows.string(r, 1) ?? "", overlap: count(2), items: items,
                                    decisions: count(4), complete: complete, inProgress: inProgress,
                                    pending: max(0, items - complete - inProgress - escalated),
                                    escalated: escalated, gold: count(8), overOverlap: count(9))
            }
        }
    }

    /// The review screen's numbers for `reviewer` in `queue` at `now`, by the SQLite store's rule (see
    /// ``SQLiteReviewStore/reviewProgress(queue:reviewer:now:)``): open items, less those this reviewer decided,
    /// less those whose free slots other reviewers' live leases fill; gold items left out.
    public func reviewProgress(queue queueID: String, reviewer: String, now: Double) throws -> ReviewProgress {
        let queue = try queue(queueID)
        return try run(retryOnLostConnection: true) { c in
            try c.transaction(.repeatableRead, readOnly: true) { t in
                var open = 0, done = 0, total = 0
                // Kept by triggers in shards (PostgresSchema+ReviewCounts.swift): a few rows, where counting walked
                // the whole queue. Only the live leases are walked.
                let states = try t.executePrepared("progress_counts", """
                    SELECT state, sum(items)::bigint FROM queue_state_counts WHERE queue_id = $1 GROUP BY state
                    """, [queueID])
                for r in 0..<states.rowCount {
                    let count = Int(states.int64(r, 1) ?? 0)
                    total += count
                    if states.int64(r, 0) == 0 { open += count } else { done += count }
                }
                // Kept the same way: counting walked every decision this reviewer has in force in the queue.
                let decidedByYou = Int(try t.executePrepared("progress_decided_kept", """
                    SELECT coalesce(sum(items), 0)::bigint FROM reviewer_open_counts WHERE queue_id = $1 AND reviewer = $2
                    """, [queueID, reviewer]).int64(0, 0) ?? 0)
                // An open item has fewer label decisions than the overlap, so only others' leases can fill it.
                let heldByOthers = Int(try t.executePrepared("progress_held", """
                    SELECT count(*) FROM (
                        SELECT l.item_id, count(*) AS held FROM leases l
                        WHERE l.queue_id = $1 AND l.reviewer <> $2 AND l.expires_at > $3 GROUP BY l.item_id
                    ) AS l JOIN items i ON i.id = l.item_id
                    WHERE i.state = 0 AND i.is_gold = 0 AND i.label_count + l.held >= $4
                      AND NOT EXISTS (SELECT 1 FROM decision_heads h WHERE h.item_id = i.id AND h.reviewer = $2)
                    """, [queueID, reviewer, now, queue.overlap]).int64(0, 0) ?? 0)
                return ReviewProgress(leftForYou: max(0, open - decidedByYou - heldByOthers), done: done, total: total)
            }
        }
    }

    /// `reviewer`'s decisions in force in `queue`, newest first, at most `limit` (the review screen's history),
    /// down the reviewer's index. With `matching`, only those whose item id or label contains it, ASCII letters
    /// in any case as on SQLite (the columns are in the "C" collation, which folds ASCII only).
    public func recentDecisions(queue: String, reviewer: String, matching: String?, limit: Int) throws -> [Decision] {
        let pattern = matching.map { "%" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%" }
        return try run(retryOnLostConnection: true) { c in
            let rows = try c.executePrepared("recent_decisions", """
                SELECT d.id, i.external_id, d.reviewer, d.kind, d.label, d.tags, d.severity, d.note, d.reason, d.seconds,
                    d.decided_at, d.supersedes, d.origin
                FROM decision_heads h
                JOIN decisions d ON d.id = h.decision_id
                JOIN items i ON i.id = h.item_id
                WHERE h.queue_id = $1 AND h.reviewer = $2
                  AND ($3::text IS NULL OR i.external_id ILIKE $3 ESCAPE '\\' OR coalesce(d.label, d.kind) ILIKE $3 ESCAPE '\\')
                ORDER BY h.decision_id DESC LIMIT $4
                """, [queue, reviewer, pattern, max(0, limit)])
            return (0..<rows.rowCount).map { Self.decision(rows, row: $0, queue: queue) }
        }
    }
}
