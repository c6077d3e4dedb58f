import DocketCore

extension PostgresReviewStore {
    /// Withdraws `reviewer`'s latest decision in force in `queue` with an `undo` record (history is kept),
    /// leases the item back to them and returns it; nil when there is nothing to undo.
    public func undoLast(queue: String, reviewer: String, origin: String = "cli", now: Double = Timestamp.now()) throws -> Item? {
        try undoLastDecision(queue: queue, reviewer: reviewer, origin: origin, now: now)?.item
    }

    /// ``undoLast(queue:reviewer:origin:now:)`` that also says what was withdrawn; one transaction. The item's
    /// row is locked before the head is read again, as a decision locks it, so an undo and a decision of the
    /// same item take turns.
    public func undoLastDecision(queue queueID: String, reviewer: String, origin: String = "cli",
                                 now: Double = Timestamp.now()) throws -> UndoneDecision? {
        let queue = try queue(queueID)
        return try run { c in
            try c.transaction { t in
                let latest = try t.execute("""
                    SELECT item_id FROM decision_heads WHERE queue_id = $1 AND reviewer = $2 ORDER BY decision_id DESC LIMIT 1
                    """, [queueID, reviewer])
                guard let itemID = latest.int64(0, 0) else { return nil }
                try t.execute("SELECT 1 FROM items WHERE id = $1 FOR UPDATE", [itemID])
                let head = try t.execute("SELECT decision_id, kind, label FROM decision_heads WHERE item_id = $1 AND reviewer = $2",
                                         [itemID, reviewer])
                guard let decisionID = head.int64(0, 0), let kind = head.string(0, 1) else { return nil }
                try t.execute("""
                    INSERT INTO decisions (item_id, queue_id, reviewer, kind, decided_at, supersedes, origin)
                    VALUES ($1, $2, $3, 'undo', $4, $5, $6)
                    """, [itemID, queueID, reviewer, now, decisionID, origin])
                try t.execute("DELETE FROM decision_heads WHERE item_id = $1 AND reviewer = $2", [itemID, reviewer])
                try refreshState(t, itemID: itemID, overlap: queue.overlap)
                try t.execute("""
                    INSERT INTO leases (item_id, reviewer, queue_id, claimed_at, expires_at) VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (item_id, reviewer) DO UPDATE SET claimed_at = excluded.claimed_at, expires_at = excluded.expires_at
                    """, [itemID, reviewer, queueID, now, now + Double(queue.leaseSeconds)])
                try appendAudit(t, actor: reviewer, action: "decision.undo", queue: queueID, item: itemID,
                                detail: [("undone", .number(String(decisionID))), ("undone_kind", .string(kind))], at: now)
                return UndoneDecision(item: try loadItem(t, id: itemID), kind: DecisionKind(rawValue: kind) ?? .label,
                                      label: head.string(0, 2))
            }
        }
    }

    /// Records a lead's final decision on an item in one transaction; it overrides aggregated labels and
    /// completes the item, superseding an earlier adjudication.
    @discardableResult
    public func adjudicate(queue queueID: String, externalID: String, lead: String, label: String, tags: [String] = [],
                           severity: String? = nil, note: String? = nil, now: Double = Timestamp.now()) throws -> Decision {
        let queue = try queue(queueID)
        try queue.validate(label: label, tags: tags, severity: severity)
        return try run { c in
            try c.transaction { t in
                let item = try t.execute("SELECT id, adjudication_id FROM items WHERE queue_id = $1 AND external_id = $2 FOR UPDATE",
                                         [queueID, externalID])
                guard let itemID = item.int64(0, 0) else { throw DocketError.notFound("queue '\(queueID)' has no item '\(externalID)'") }
                let previous = item.int64(0, 1)
                let decisionID = try t.execute("""
                    INSERT INTO decisions (item_id, queue_id, reviewer, kind, label, tags, severity, note, decided_at, supersedes, origin)
                    VALUES ($1, $2, $3, 'adjudication', $4, $5, $6, $7, $8, $9, 'adjudicate') RETURNING id
                    """, [itemID, queueID, lead, label, JSONWriter.string(.array(tags.map { .string($0) })), severity, note, now,
                          previous]).int64(0, 0) ?? 0
                try t.execute("UPDATE items SET adjudication_id = $1, state = 1 WHERE id = $2", [decisionID, itemID])
                try appendAudit(t, actor: lead, action: "adjudicate", queue: queueID, item: itemID,
                                detail: [("decision", .number(String(decisionID))), ("label", .string(label)),
                                         ("external_id", .string(externalID))], at: now)
                return Decision(id: decisionID, externalID: externalID, queue: queueID, reviewer: lead, kind: .adjudication, label: label,
                                tags: tags, severity: severity, note: note, decidedAt: now, supersedes: previous, origin: "adjudicate")
            }
        }
    }
}
