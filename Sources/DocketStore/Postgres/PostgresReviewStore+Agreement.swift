import DocketCore

extension PostgresReviewStore {
    /// Reads what the agreement report needs from `queue` in one snapshot: every decision in force (decided at
    /// or after `since` when given) in item order, then decision order; the lead's adjudications; and the model
    /// scores of the items that have decisions in force (unless `withScores` is false). See
    /// ``PostgresReviewLogReader``.
    public func reviewLog(queue: String, since: Double?, withScores: Bool) throws -> ReviewLog {
        try readSnapshot(retry: true) { c in
            var reader = try PostgresReviewLogReader(c, queue: queue, since: since, withScores: withScores)
            return try reader.read()
        }
    }
}
