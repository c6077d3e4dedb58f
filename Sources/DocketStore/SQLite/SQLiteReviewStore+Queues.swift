import DocketCore
import GRDB

extension SQLiteReviewStore {
    /// Adds a queue, or updates it when its id exists. Returns true when it was new.
    /// Changing the priority policy re-ranks the queue's items; changing the overlap re-evaluates
    /// which items are complete. Decisions are never touched.
    @discardableResult
    public func saveQueue(_ definition: QueueDefinition, yaml: String, actor: String) throws -> Bool {
        try writeImmediate { db in
            let old = try String.fetchOne(db, sql: "SELECT definition FROM queues WHERE id = ?", arguments: [definition.id])
            let now = Timestamp.now()
            try db.execute(sql: """
                INSERT INTO queues (id, title, definition, overlap, gold_rate, lease_seconds, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO UPDATE SET title = excluded.title, definition = excluded.definition,
                    overlap = excluded.overlap, gold_rate = excluded.gold_rate,
                    lease_seconds = excluded.lease_seconds, updated_at = excluded.updated_at
                """, arguments: [definition.id, definition.title, yaml, definition.overlap, definition.goldRate,
                                 definition.leaseSeconds, now])
            if let old {
                let previous = try? QueueFile.parse(old, file: "queue '\(definition.id)'")
                if previous?.priority != definition.priority {
                    try rerank(db, queue: definition.id, policy: definition.priority)
                }
                if previous?.overlap != definition.overlap {
                    try db.execute(sql: """
                        UPDATE items SET state = CASE
                            WHEN adjudication_id IS NOT NULL THEN 1
                            WHEN state = 2 THEN 2
                            WHEN label_count >= ? AND is_gold = 0 THEN 1 ELSE 0 END
                        WHERE queue_id = ?
                        """, arguments: [definition.overlap, definition.id])
                }
            }
            for reviewer in definition.reviewers {
                try db.execute(sql: "INSERT OR IGNORE INTO queue_reviewers (queue_id, reviewer) VALUES (?, ?)",
                               arguments: [definition.id, reviewer])
            }
            try appendAudit(db, actor: actor, action: old == nil ? "queue.add" : "queue.update", queue: definition.id,
                            detail: [("title", .string(definition.title)), ("overlap", .number(String(definition.overlap)))])
            cachedQueues.removeValue(forKey: definition.id)
            return old == nil
        }
    }

    /// Recomputes every item's priority key under `policy`.
    private func rerank(_ db: Database, queue: String, policy: PriorityPolicy) throws {
        let update = try db.makeStatement(sql: "UPDATE items SET priority = ? WHERE id = ?")
        let rows = try Row.fetchAll(db, sql: "SELECT id, reports, created_at FROM items WHERE queue_id = ?", arguments: [queue])
        for row in rows {
            let id: Int64 = (try row.decode(atIndex: 0))
            let scores = try fetchScores(db, itemID: id)
            let inputs = PriorityPolicy.Inputs(scores: scores, reports: (try row.decode(atIndex: 1)), createdAt: (try row.decode(atIndex: 2)))
            try update.execute(arguments: [policy.sortKey(inputs), id])
        }
    }

    /// The queue named `id`; throws `DocketError.notFound` naming the queues that exist.
    public func queue(_ id: String) throws -> QueueDefinition {
        if let cached = cachedQueues[id] { return cached }
        let yaml = try read { db in
            try String.fetchOne(db, sql: "SELECT definition FROM queues WHERE id = ?", arguments: [id])
        }
        guard let yaml else {
            let known = try queueIDs()
            throw DocketError.notFound("no queue '\(id)' in \(path)" + (known.isEmpty ? " (it has no queues yet: 'docket queues add FILE.yml')" : " (queues: \(known.joined(separator: ", ")))"))
        }
        let definition = try QueueFile.parse(yaml, file: "queue '\(id)' in \(path)")
        cachedQueues[id] = definition
        return definition
    }

    /// The ids of every queue, sorted.
    public func queueIDs() throws -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT id FROM queues ORDER BY id") }
    }

    /// Progress counts for every queue (or one).
    public func queueSummaries(only queue: String?, now: Double) throws -> [QueueSummary] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT q.id, q.title, q.overlap,
                    (SELECT count(*) FROM items i WHERE i.queue_id = q.id),
                    (SELECT count(*) FROM decision_heads h WHERE h.queue_id = q.id),
                    (SELECT count(*) FROM items i WHERE i.queue_id = q.id AND i.state = 1),
                    (SELECT count(*) FROM items i WHERE i.queue_id = q.id AND i.state = 0 AND (i.label_count > 0
                        OR EXISTS (SELECT 1 FROM leases l WHERE l.item_id = i.id AND l.expires_at > ?)
                        OR EXISTS (SELECT 1 FROM decision_heads h WHERE h.item_id = i.id))),
                    (SELECT count(*) FROM items i WHERE i.queue_id = q.id AND i.state = 2),
                    (SELECT count(*) FROM items i WHERE i.queue_id = q.id AND i.is_gold = 1),
                    (SELECT count(*) FROM items i WHERE i.queue_id = q.id AND i.label_count > q.overlap)
                FROM queues q WHERE ? IS NULL OR q.id = ? ORDER BY q.id
                """, arguments: [now, queue, queue])
            return try rows.map { row in
                let items: Int = (try row.decode(atIndex: 3))
                let complete: Int = (try row.decode(atIndex: 5))
                let inProgress: Int = (try row.decode(atIndex: 6))
                let escalated: Int = (try row.decode(atIndex: 7))
                return QueueSummary(id: (try row.decode(atIndex: 0)), title: (try row.decode(atIndex: 1)), overlap: (try row.decode(atIndex: 2)), items: items, decisions: (try row.decode(atIndex: 4)),
                                    complete: complete, inProgress: inProgress,
                                    pending: max(0, items - complete - inProgress - escalated),
                                    escalated: escalated, gold: (try row.decode(atIndex: 8)), overOverlap: (try row.decode(atIndex: 9)))
            }
        }
    }

    func fetchScores(_ db: Database, itemID: Int64) throws -> [ModelScore] {
        let stored = try String.fetchOne(db.cachedStatement(sql: "SELECT scores_json FROM items WHERE id = ?"), arguments: [itemID])
        return stored.map(ScoreCoding.decode) ?? []
    }
}
