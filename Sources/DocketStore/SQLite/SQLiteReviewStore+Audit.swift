import Foundation
import DocketCore
import GRDB

/// One line of the append-only audit log.
public struct AuditEntry: Equatable, Sendable {
    public var id: Int64
    /// Seconds since 1970.
    public var at: Double
    public var actor: String
    /// `decision`, `decision.undo`, `decision.correct`, `adjudicate`, `import`, `export`, `queue.add`,
    /// `queue.update`, `reviewer.add`, `reviewer.role`, `reviewer.assign`, `reviewer.unassign`.
    public var action: String
    public var queue: String?
    /// The item's external id when the entry is about one item.
    public var item: String?
    /// What was done, as a JSON object.
    public var detail: JSONValue
}

/// Which audit entries to read.
public struct AuditFilter: Sendable {
    public var since: Double?
    public var until: Double?
    public var actor: String?
    /// An exact action, or a prefix ending in `.` (`decision.` matches `decision.undo`).
    public var action: String?
    public var queue: String?
    public var limit: Int?

    public init(since: Double? = nil, until: Double? = nil, actor: String? = nil, action: String? = nil,
                queue: String? = nil, limit: Int? = nil) {
        self.since = since
        self.until = until
        self.actor = actor
        self.action = action
        self.queue = queue
        self.limit = limit
    }
}

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
