import DocketCore

extension PostgresReviewStore {
    /// A decision from a result row whose columns are, in order: id, the item's external id, reviewer, kind,
    /// label, tags, severity, note, reason, seconds, decided_at, supersedes, origin (the SQLite store's order).
    static func decision(_ rows: PostgresResult, row r: Int, queue: String) -> Decision {
        Decision(id: rows.int64(r, 0) ?? 0, externalID: rows.string(r, 1) ?? "", queue: queue, reviewer: rows.string(r, 2) ?? "",
                 kind: DecisionKind(rawValue: rows.string(r, 3) ?? "") ?? .label, label: rows.string(r, 4),
                 tags: SQLiteReviewStore.tags(rows.string(r, 5) ?? "[]"), severity: rows.string(r, 6), note: rows.string(r, 7),
                 reason: rows.string(r, 8), seconds: rows.double(r, 9), decidedAt: rows.double(r, 10) ?? 0,
                 supersedes: rows.int64(r, 11), origin: rows.string(r, 12) ?? "")
    }
}
