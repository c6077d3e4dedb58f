import DocketCore

extension PostgresReviewStore {
    /// Progress counts for every queue (or one).
    public func queueSummaries(only queue: String?, now: Double) throws -> [QueueSummary] {
        throw notYetOnPostgres("queue summaries")
    }

    /// The review screen's numbers for `reviewer` in `queue` at `now`.
    public func reviewProgress(queue: String, reviewer: String, now: Double) throws -> ReviewProgress {
        throw notYetOnPostgres("review progress")
    }

    /// `reviewer`'s decisions in force in `queue`, newest first, at most `limit`.
    public func recentDecisions(queue: String, reviewer: String, matching: String?, limit: Int) throws -> [Decision] {
        throw notYetOnPostgres("recent decisions")
    }
}
