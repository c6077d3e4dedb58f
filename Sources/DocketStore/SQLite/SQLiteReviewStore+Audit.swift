import Foundation
import DocketCore
import GRDB

extension SQLiteReviewStore {
    /// Appends an entry (for actions recorded outside the store's own writes, such as an export).
    public func recordAudit(actor: String, action: String, queue: String?, detail: [(String, JSONValue)]) throws {
        try writeImmediate { db in try appendAudit(db, actor: actor, action: action, queue: queue, detail: detail) }
    }

    /// Audit entries matching `filter`, oldest first (the newest `limit` when a limit is given).
    public func auditEntries(_ filter: AuditFilter) throws -> [AuditEntry] {
        try read { db in
            var conditions: [String] = []
            var arguments: [DatabaseValueConvertible?] = []
            if let since = filter.since { conditions.append("a.at >= ?"); arguments.append(since) }
            if let until = filter.until { conditions.append("a.at < ?"); arguments.append(until) }
            if let actor = filter.actor { conditions.append("a.actor = ?"); arguments.append(actor) }
            if let queue = filter.queue { conditions.append("a.queue_id = ?"); arguments.append(queue) }
            if let action = filter.action {
                if action.hasSuffix(".") {
                    conditions.append("(a.action = ? OR a.action LIKE ? ESCAPE '\\')")
                    arguments.append(String(action.dropLast()))
                    arguments.append(action.replacingOccurrences(of: "_", with: "\\_") + "%")
                } else {
                    conditions.append("a.action = ?")
                    arguments.append(action)
                }
            }
            let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
            let limit = filter.limit.map { "LIMIT \(max(0, $0))" } ?? ""
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM (
                    SELECT a.id, a.at, a.actor, a.action, a.queue_id, i.external_id, a.detail
                    FROM audit a LEFT JOIN items i ON i.id = a.item_id
                    \(whereClause) ORDER BY a.id DESC \(limit)
                ) ORDER BY id
                """, arguments: StatementArguments(arguments))
            return try rows.map { row in
                AuditEntry(id: (try row.decode(atIndex: 0)), at: (try row.decode(atIndex: 1)), actor: (try row.decode(atIndex: 2)), action: (try row.decode(atIndex: 3)), queue: (try row.decode(atIndex: 4)), item: (try row.decode(atIndex: 5)),
                           detail: (try? JSONParser.parse((try row.decode(atIndex: 6)) as String)) ?? .object([]))
            }
        }
    }
}
