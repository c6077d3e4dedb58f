import DocketCore

extension PostgresReviewStore {
    /// Records a decision at once, in one transaction with its audit line; refused (nothing stored) by the same
    /// rules and words as on SQLite (``DecisionRules``).
    ///
    /// The item's row is locked first (`FOR UPDATE`), as every claim of it does, so that the checks below
    /// (each statement a fresh view under READ COMMITTED) see every claim and decision committed before.
    @discardableResult
    public func decide(_ request: DecisionRequest, now: Double = Timestamp.now()) throws -> Decision {
        let queue = try queue(request.queue)
        let label = try DecisionRules.validate(request, queue: queue)
        let externalID: String
        switch request.item { case .external(let id): externalID = id }
        let tags = JSONWriter.string(.array(request.tags.map { .string($0) }))
        return try run { c in
            try c.transaction { t in
                let item = try t.executePrepared("decide_item", """
                    SELECT id, state, label_count, is_gold FROM items WHERE queue_id = $1 AND external_id = $2 FOR UPDATE
                    """, [queue.id, externalID])
                guard item.rowCount == 1, let itemID = item.int64(0, 0) else {
                    throw DocketError.notFound("queue '\(queue.id)' has no item '\(externalID)'")
                }
                let head = try t.executePrepared("decide_head", "SELECT decision_id, kind FROM decision_heads WHERE item_id = $1 AND reviewer = $2",
                                                 [itemID, request.reviewer])
                let superseded = try DecisionRules.check(
                    request, queue: queue, externalID: externalID, state: Int(item.int64(0, 1) ?? 0),
                    labelCount: Int(item.int64(0, 2) ?? 0), isGold: item.int64(0, 3) == 1,
                    head: head.rowCount == 1 ? (id: head.int64(0, 0) ?? 0, kind: head.string(0, 1) ?? "") : nil, now: now,
                    ownLease: {
                        try t.executePrepared("decide_lease", "SELECT expires_at FROM leases WHERE item_id = $1 AND reviewer = $2",
                                              [itemID, request.reviewer]).double(0, 0)
                    },
                    otherLiveLeases: {
                        Int(try t.executePrepared("decide_others", "SELECT count(*) FROM leases WHERE item_id = $1 AND reviewer <> $2 AND expires_at > $3",
                                                  [itemID, request.reviewer, now]).int64(0, 0) ?? 0)
                    })
                let inserted = try t.executePrepared("decide_insert", """
                    INSERT INTO decisions (item_id, queue_id, reviewer, kind, label, tags, severity, note, reason, seconds,
                        decided_at, supersedes, origin)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id
                    """, [itemID, queue.id, request.reviewer, request.kind.rawValue, label, tags, request.severity, request.note,
                          request.reason, request.seconds, now, superseded?.id, request.origin])
                let decisionID = inserted.int64(0, 0) ?? 0
                // The head carries the decision's label, tags, seconds and time, so reports never look the decision up.
                try t.executePrepared("decide_head_upsert", """
                    INSERT INTO decision_heads (item_id, reviewer, queue_id, decision_id, kind, label, tags, seconds, decided_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                    ON CONFLICT (item_id, reviewer) DO UPDATE SET decision_id = excluded.decision_id, kind = excluded.kind,
                        label = excluded.label, tags = excluded.tags, seconds = excluded.seconds, decided_at = excluded.decided_at
                    """, [itemID, request.reviewer, queue.id, decisionID, request.kind.rawValue, label, tags, request.seconds, now])
                try t.executePrepared("decide_unlease", "DELETE FROM leases WHERE item_id = $1 AND reviewer = $2", [itemID, request.reviewer])
                try refreshState(t, itemID: itemID, overlap: queue.overlap)
                try appendAudit(t, actor: request.reviewer, action: DecisionRules.auditAction(request, superseded: superseded != nil),
                                queue: queue.id, item: itemID,
                                detail: DecisionRules.auditDetail(request, decisionID: decisionID, externalID: externalID, superseded: superseded),
                                at: now)
                return Decision(id: decisionID, externalID: externalID, queue: queue.id, reviewer: request.reviewer, kind: request.kind,
                                label: label, tags: request.tags, severity: request.severity, note: request.note, reason: request.reason,
                                seconds: request.seconds, decidedAt: now, supersedes: superseded?.id, origin: request.origin)
            }
        }
    }

    /// Recomputes an item's label count and state from its decisions in force (the SQLite store's rule).
    func refreshState(_ c: PostgresConnection, itemID: Int64, overlap: Int) throws {
        try c.executePrepared("refresh_state", """
            UPDATE items SET
                label_count = (SELECT count(*) FROM decision_heads WHERE item_id = $1 AND kind = 'label'),
                state = CASE
                    WHEN adjudication_id IS NOT NULL THEN 1
                    WHEN EXISTS (SELECT 1 FROM decision_heads WHERE item_id = $1 AND kind = 'escalate') THEN 2
                    WHEN is_gold = 0 AND (SELECT count(*) FROM decision_heads WHERE item_id = $1 AND kind = 'label') >= $2 THEN 1
                    ELSE 0 END
            WHERE id = $1
            """, [itemID, overlap])
    }
}
