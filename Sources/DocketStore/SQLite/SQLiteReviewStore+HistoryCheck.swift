import DocketCore
import GRDB

extension SQLiteReviewStore {
    /// Checks the audit chain and rebuilds every decision head from the decisions to compare (read only).
    public func checkHistory() throws -> HistoryCheck {
        try read { db in
            let chain = try AuditChain.firstBreak(db)
            var check = HistoryCheck(auditRows: chain.rows, brokenAuditRow: chain.broken?.id, auditProblem: chain.broken?.why)
            // A head is the newest label, skip, escalate or undo of its reviewer on the item (adjudications have
            // none), and none at all when that newest one is an undo.
            let expected = """
                SELECT d.item_id, d.reviewer, d.queue_id, d.id, d.kind, d.label, d.tags, d.seconds, d.decided_at
                FROM (SELECT max(id) AS id FROM decisions WHERE kind IN ('label', 'skip', 'escalate', 'undo')
                      GROUP BY item_id, reviewer) latest
                JOIN decisions d ON d.id = latest.id WHERE d.kind <> 'undo'
                """
            let stored = "SELECT item_id, reviewer, queue_id, decision_id, kind, label, tags, seconds, decided_at FROM decision_heads"
            let wrong = try Row.fetchAll(db, sql: """
                SELECT 'stored', * FROM (\(stored) EXCEPT \(expected))
                UNION ALL SELECT 'expected', * FROM (\(expected) EXCEPT \(stored))
                """)
            check.headMismatchCount = wrong.count
            for row in wrong.prefix(5) {
                let item: Int64 = try row.decode(atIndex: 1)
                let external = try String.fetchOne(db, sql: "SELECT external_id FROM items WHERE id = ?", arguments: [item]) ?? "#\(item)"
                let reviewer: String = try row.decode(atIndex: 2)
                let label: String? = try row.decode(atIndex: 6)
                let decision: Int64 = try row.decode(atIndex: 4)
                let side: String = try row.decode(atIndex: 0)
                check.headMismatches.append(side == "stored"
                    ? "item \(external), reviewer \(reviewer): the head says \(label.map { "'\($0)'" } ?? "no label") (decision #\(decision)), which its decisions do not"
                    : "item \(external), reviewer \(reviewer): decision #\(decision) (\(label.map { "'\($0)'" } ?? "no label")) is in force, but the head does not say so")
            }
            return check
        }
    }
}
