import DocketStore
import Foundation
import PostgresTestSupport

/// Reads a Docket database on PostgreSQL directly, after the processes under test are done, to check what
/// they left behind (the raw tables: decisions, heads, leases, the audit log). ``DatabaseFacts`` for PostgreSQL.
struct PostgresFacts {
    let connection: PostgresConnection

    init(_ database: PostgresTestDatabase) throws {
        connection = try database.connect()
    }

    /// The single integer an aggregate query returns.
    func count(_ sql: String, _ arguments: [String] = []) throws -> Int {
        Int(try connection.execute(sql, arguments.map { $0 as (any PostgresEncodable)? }).int64(0, 0) ?? 0)
    }

    /// The rows of a query as text cells, for comparisons and failure messages.
    func rows(_ sql: String, _ arguments: [String] = []) throws -> [[String]] {
        let result = try connection.execute(sql, arguments.map { $0 as (any PostgresEncodable)? })
        return (0..<result.rowCount).map { row in
            (0..<result.columnCount).map { column in result.string(row, column) ?? "NULL" }
        }
    }

    /// Items of `queue` that do not hold exactly `overlap` label decisions in force, or are not complete.
    func itemsWithout(overlap: Int, queue: String) throws -> [[String]] {
        try rows("""
            SELECT i.external_id, i.state, i.label_count,
                   (SELECT count(*) FROM decision_heads h WHERE h.item_id = i.id AND h.kind = 'label') AS heads
            FROM items i WHERE i.queue_id = $1
              AND ((SELECT count(*) FROM decision_heads h WHERE h.item_id = i.id AND h.kind = 'label') <> $2::int
                   OR i.label_count <> $2::int OR i.state <> 1)
            ORDER BY i.external_id LIMIT 5
            """, [queue, String(overlap)])
    }

    /// (item, reviewer) pairs with more than one decision: nobody may decide an item twice in a run that never corrects.
    func decidedTwice() throws -> [[String]] {
        try rows("SELECT item_id, reviewer, count(*) FROM decisions GROUP BY item_id, reviewer HAVING count(*) > 1 LIMIT 5")
    }

    /// Every reviewer's decision in force as "reviewer<US>external id", to compare with what processes confirmed.
    func decisionHeads() throws -> Set<String> {
        Set(try rows("SELECT h.reviewer, i.external_id FROM decision_heads h JOIN items i ON i.id = h.item_id")
            .map { $0[0] + "\u{1F}" + $0[1] })
    }

    /// Label decisions that have no `decision` line in the audit log naming their id, by their reviewer.
    func decisionsWithoutAudit() throws -> Int {
        try count("""
            SELECT count(*) FROM decisions d
            WHERE d.kind = 'label' AND d.origin <> 'import' AND NOT EXISTS (
                SELECT 1 FROM audit a WHERE a.action = 'decision' AND a.item_id = d.item_id
                  AND (a.detail::jsonb ->> 'decision')::bigint = d.id AND a.actor = d.reviewer)
            """)
    }
}
