import DocketCore
import GRDB

extension SQLiteReviewStore {
    /// Checks the audit chain and rebuilds every decision head from the decisions to compare (read only).
    public func checkHistory() throws -> HistoryCheck {
        try read { db in
            let chain = try AuditChain.firstBreak(db)
            var check = HistoryCheck(auditRows: chain.rows, brokenAuditRow: chain.broken?.id, auditProblem: chain.broken?.why)
            let expected = HeadCheck.expected, stored = HeadCheck.stored
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
                check.headMismatches.append(HeadCheck.mismatch(stored: side == "stored", externalID: external, reviewer: reviewer,
                                                               label: label, decision: decision))
            }
            return check
        }
    }
}
