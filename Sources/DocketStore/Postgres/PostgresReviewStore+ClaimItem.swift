import DocketCore

extension PostgresReviewStore {
    /// Leases the item `externalID` to `reviewer` when the claim rules allow it, else says why not (nothing
    /// written); one transaction.
    ///
    /// The item's row is locked first, as `docket_claim` and every decision lock it, so the capacity check that
    /// follows (`docket_item_has_room`, a fresh view under READ COMMITTED) sees every claim and decision of the
    /// item committed before: two reviewers never fill the same last slot. Safe to run twice after a lost
    /// connection (a second run finds the lease already taken and renews it).
    public func claimItem(queue queueID: String, externalID: String, reviewer: String,
                          now: Double = Timestamp.now()) throws -> ItemClaim {
        let queue = try queue(queueID)
        return try run(retryOnLostConnection: true) { c in
            try c.transaction { t in
                let item = try t.execute("SELECT id, state, is_gold FROM items WHERE queue_id = $1 AND external_id = $2 FOR UPDATE",
                                         [queueID, externalID])
                guard let itemID = item.int64(0, 0) else {
                    throw DocketError.notFound("queue '\(queueID)' has no item '\(externalID)'")
                }
                // Your own decision comes first: even a completed item can be amended by whoever decided it.
                let decided = try t.execute("""
                    SELECT d.id, i.external_id, d.reviewer, d.kind, d.label, d.tags, d.severity, d.note, d.reason, d.seconds,
                        d.decided_at, d.supersedes, d.origin
                    FROM decision_heads h JOIN decisions d ON d.id = h.decision_id JOIN items i ON i.id = h.item_id
                    WHERE h.item_id = $1 AND h.reviewer = $2
                    """, [itemID, reviewer])
                if decided.rowCount == 1 { return .decidedByYou(Self.decision(decided, row: 0, queue: queueID)) }
                guard item.int64(0, 1) == 0 else { return .complete }
                let room = try t.execute("""
                    SELECT docket_item_has_room($1, $2, $3, $4),
                        (SELECT count(*) FROM leases WHERE item_id = $1 AND reviewer <> $2 AND expires_at > $3)
                    """, [itemID, reviewer, now, queue.overlap])
                // Gold items are answered by every reviewer, so the overlap does not cap them (as in docket_claim).
                if item.int64(0, 2) != 1, room.bool(0, 0) != true {
                    return .heldByOthers(holders: Int(room.int64(0, 1) ?? 0))
                }
                try t.execute("""
                    INSERT INTO leases (item_id, reviewer, queue_id, claimed_at, expires_at) VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (item_id, reviewer) DO UPDATE SET claimed_at = excluded.claimed_at, expires_at = excluded.expires_at
                    """, [itemID, reviewer, queueID, now, now + Double(queue.leaseSeconds)])
                return .claimed(try loadItem(t, id: itemID))
            }
        }
    }
}
