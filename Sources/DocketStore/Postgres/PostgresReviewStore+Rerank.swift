import DocketCore

extension PostgresReviewStore {
    /// Recomputes every item's priority key in `queue` under `policy` (a queue file whose priority rules changed),
    /// as the SQLite store does, inside the caller's transaction; updates go 1,000 items per statement.
    func rerank(_ t: PostgresConnection, queue: String, policy: PriorityPolicy) throws {
        let rows = try t.execute("SELECT id, reports, created_at, scores_json FROM items WHERE queue_id = $1 ORDER BY id", [queue])
        var parameters: [(any PostgresEncodable)?] = []
        func flush() throws {
            guard !parameters.isEmpty else { return }
            let values = stride(from: 0, to: parameters.count, by: 2)
                .map { "($\($0 + 1)::bigint, $\($0 + 2)::text)" }.joined(separator: ", ")
            try t.execute("UPDATE items SET priority = v.p FROM (VALUES \(values)) AS v(id, p) WHERE items.id = v.id", parameters)
            parameters.removeAll(keepingCapacity: true)
        }
        for r in 0..<rows.rowCount {
            let inputs = PriorityPolicy.Inputs(scores: ScoreCoding.decode(rows.string(r, 3) ?? "[]"),
                                               reports: Int(rows.int64(r, 1) ?? 0), createdAt: rows.double(r, 2) ?? 0)
            parameters.append(rows.int64(r, 0))
            parameters.append(policy.sortKey(inputs))
            if parameters.count == 2_000 { try flush() }
        }
        try flush()
    }
}
