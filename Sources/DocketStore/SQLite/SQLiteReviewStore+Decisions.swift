import Foundation
import DocketCore
import GRDB

// Statements here are cached (prepared once per connection): a decision runs a dozen of them, and
// preparing them anew cost more than running them.
extension SQLiteReviewStore {
    /// Records a decision at once, in one transaction with its audit line.
    ///
    /// Refused (nothing stored) when the reviewer already decided the item (unless `correct`), when the
    /// label is not in the taxonomy, when the item already has its overlap of decisions, or when the
    /// reviewer's lease expired and someone else took the item over ("lease lost").
    @discardableResult
    public func decide(_ request: DecisionRequest, now: Double) throws -> Decision {
        let queue = try queue(request.queue)
        let label = try DecisionRules.validate(request, queue: queue)
        let tags = JSONWriter.string(.array(request.tags.map { .string($0) }))
        return try writeImmediate { db in
            let item = try resolve(db, queue: queue.id, request.item)
            let head = try Row.fetchOne(db.cachedStatement(sql: "SELECT decision_id, kind FROM decision_heads WHERE item_id = ? AND reviewer = ?"),
                                        arguments: [item.id, request.reviewer])
            let superseded = try DecisionRules.check(
                request, queue: queue, externalID: item.externalID, state: item.state, labelCount: item.labelCount, isGold: item.isGold,
                head: try head.map { (id: try $0.decode(atIndex: 0), kind: try $0.decode(atIndex: 1)) }, now: now,
                ownLease: {
                    try Double.fetchOne(db.cachedStatement(sql: "SELECT expires_at FROM leases WHERE item_id = ? AND reviewer = ?"),
                                        arguments: [item.id, request.reviewer])
                },
                otherLiveLeases: {
                    try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM leases WHERE item_id = ? AND reviewer <> ? AND expires_at > ?"),
                                     arguments: [item.id, request.reviewer, now]) ?? 0
                })
            let supersedes = superseded?.id
            try db.cachedStatement(sql: """
                INSERT INTO decisions (item_id, queue_id, reviewer, kind, label, tags, severity, note, reason, seconds,
                    decided_at, supersedes, origin)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [item.id, queue.id, request.reviewer, request.kind.rawValue, label,
                                 tags, request.severity, request.note, request.reason, request.seconds, now, supersedes,
                                 request.origin])
            let decisionID = db.lastInsertedRowID
            // The head carries the decision's label, tags, seconds and time, so reports never look the decision up.
            try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO decision_heads (item_id, reviewer, queue_id, decision_id, kind, label, tags, seconds, decided_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [item.id, request.reviewer, queue.id, decisionID, request.kind.rawValue, label, tags,
                                 request.seconds, now])
            try db.cachedStatement(sql: "DELETE FROM leases WHERE item_id = ? AND reviewer = ?").execute(arguments: [item.id, request.reviewer])
            try refreshState(db, itemID: item.id, overlap: queue.overlap)
            try appendAudit(db, actor: request.reviewer, action: DecisionRules.auditAction(request, superseded: superseded != nil),
                            queue: queue.id, item: item.id,
                            detail: DecisionRules.auditDetail(request, decisionID: decisionID, externalID: item.externalID, superseded: superseded),
                            at: now)
            return Decision(id: decisionID, externalID: item.externalID, queue: queue.id, reviewer: request.reviewer, kind: request.kind,
                            label: label, tags: request.tags, severity: request.severity,
                            note: request.note, reason: request.reason, seconds: request.seconds, decidedAt: now,
                            supersedes: supersedes, origin: request.origin)
        }
    }

    /// Withdraws `reviewer`'s latest decision in force in `queue` with an `undo` record (history is kept),
    /// leases the item back to them and returns it; nil when there is nothing to undo.
    public func undoLast(queue queueID: String, reviewer: String, origin: String, now: Double) throws -> Item? {
        try undoLastDecision(queue: queueID, reviewer: reviewer, origin: origin, now: now)?.item
    }

    /// ``undoLast(queue:reviewer:origin:now:)`` that also says what was withdrawn (the review screen names the label).
    public func undoLastDecision(queue queueID: String, reviewer: String, origin: String, now: Double) throws -> UndoneDecision? {
        let queue = try queue(queueID)
        let undone: (Int64, String, String?)? = try writeImmediate { db in
            guard let head = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT item_id, decision_id, kind, label FROM decision_heads WHERE queue_id = ? AND reviewer = ?
                ORDER BY decision_id DESC LIMIT 1
                """), arguments: [queueID, reviewer]) else { return nil }
            let itemID: Int64 = head[0]
            let decisionID: Int64 = head[1]
            try db.cachedStatement(sql: """
                INSERT INTO decisions (item_id, queue_id, reviewer, kind, decided_at, supersedes, origin)
                VALUES (?, ?, ?, 'undo', ?, ?, ?)
                """).execute(arguments: [itemID, queueID, reviewer, now, decisionID, origin])
            try db.cachedStatement(sql: "DELETE FROM decision_heads WHERE item_id = ? AND reviewer = ?").execute(arguments: [itemID, reviewer])
            try refreshState(db, itemID: itemID, overlap: queue.overlap)
            try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO leases (item_id, reviewer, queue_id, claimed_at, expires_at) VALUES (?, ?, ?, ?, ?)
                """).execute(arguments: [itemID, reviewer, queueID, now, now + Double(queue.leaseSeconds)])
            try appendAudit(db, actor: reviewer, action: "decision.undo", queue: queueID, item: itemID,
                            detail: [("undone", .number(String(decisionID))), ("undone_kind", .string(head[2]))], at: now)
            return (itemID, head[2], head[3])
        }
        guard let undone else { return nil }
        return UndoneDecision(item: try item(rowID: undone.0), kind: DecisionKind(rawValue: undone.1) ?? .label, label: undone.2)
    }

    /// Records a lead's final decision on an item; it overrides aggregated labels and completes the item.
    @discardableResult
    public func adjudicate(queue queueID: String, externalID: String, lead: String, label: String, tags: [String],
                           severity: String?, note: String?, now: Double) throws -> Decision {
        let queue = try queue(queueID)
        try queue.validate(label: label, tags: tags, severity: severity)
        return try writeImmediate { db in
            let item = try resolve(db, queue: queueID, .external(externalID))
            let previous = try Int64.fetchOne(db.cachedStatement(sql: "SELECT adjudication_id FROM items WHERE id = ?"), arguments: [item.id])
            try db.cachedStatement(sql: """
                INSERT INTO decisions (item_id, queue_id, reviewer, kind, label, tags, severity, note, decided_at, supersedes, origin)
                VALUES (?, ?, ?, 'adjudication', ?, ?, ?, ?, ?, ?, 'adjudicate')
                """).execute(arguments: [item.id, queueID, lead, label, JSONWriter.string(.array(tags.map { .string($0) })), severity,
                                 note, now, previous])
            let decisionID = db.lastInsertedRowID
            try db.cachedStatement(sql: "UPDATE items SET adjudication_id = ?, state = 1 WHERE id = ?").execute(arguments: [decisionID, item.id])
            try appendAudit(db, actor: lead, action: "adjudicate", queue: queueID, item: item.id,
                            detail: [("decision", .number(String(decisionID))), ("label", .string(label)),
                                     ("external_id", .string(externalID))], at: now)
            return Decision(id: decisionID, externalID: item.externalID, queue: queueID, reviewer: lead, kind: .adjudication, label: label,
                            tags: tags, severity: severity, note: note, decidedAt: now, supersedes: previous, origin: "adjudicate")
        }
    }

    struct ItemState {
        var id: Int64
        var externalID: String
        var state: Int
        var labelCount: Int
        var isGold: Bool
    }

    func resolve(_ db: Database, queue: String, _ reference: DecisionRequest.ItemReference) throws -> ItemState {
        let id: String
        switch reference { case .external(let external): id = external }
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, external_id, state, label_count, is_gold FROM items WHERE queue_id = ? AND external_id = ?"),
                                         arguments: [queue, id]) else {
            throw DocketError.notFound("queue '\(queue)' has no item '\(id)'")
        }
        return ItemState(id: (try row.decode(atIndex: 0)), externalID: (try row.decode(atIndex: 1)), state: (try row.decode(atIndex: 2)), labelCount: (try row.decode(atIndex: 3)), isGold: ((try row.decode(atIndex: 4)) as Int) != 0)
    }

    /// Recomputes an item's label count and state from its decisions in force.
    func refreshState(_ db: Database, itemID: Int64, overlap: Int) throws {
        try db.cachedStatement(sql: """
            UPDATE items SET
                label_count = (SELECT count(*) FROM decision_heads WHERE item_id = :id AND kind = 'label'),
                state = CASE
                    WHEN adjudication_id IS NOT NULL THEN 1
                    WHEN EXISTS (SELECT 1 FROM decision_heads WHERE item_id = :id AND kind = 'escalate') THEN 2
                    WHEN is_gold = 0 AND (SELECT count(*) FROM decision_heads WHERE item_id = :id AND kind = 'label') >= :overlap THEN 1
                    ELSE 0 END
            WHERE id = :id
            """).execute(arguments: ["id": itemID, "overlap": overlap])
    }
}
