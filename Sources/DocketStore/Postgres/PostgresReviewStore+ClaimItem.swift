import DocketCore

extension PostgresReviewStore {
    /// Leases the item `externalID` to `reviewer` when the claim rules allow it, else says why not (nothing
    /// written); one statement (`docket_claim_item`, checked on the server like every change).
    ///
    /// The item's row is locked first, as `docket_claim` and every decision lock it, so the capacity check that
    /// follows (`docket_item_has_room`, a fresh view under READ COMMITTED) sees every claim and decision of the
    /// item committed before: two reviewers never fill the same last slot. Safe to run twice after a lost
    /// connection (a second run finds the lease already taken and renews it).
    public func claimItem(queue queueID: String, externalID: String, reviewer: String,
                          now: Double = Timestamp.now()) throws -> ItemClaim {
        _ = try queue(queueID)
        return try run(retryOnLostConnection: true) { c in
            let claim = try c.execute("SELECT * FROM docket_claim_item($1, $2, $3, $4)", [queueID, externalID, reviewer, now])
            guard let itemID = claim.int64(0, 0) else { throw DocketError.notFound("queue '\(queueID)' has no item '\(externalID)'") }
            switch claim.string(0, 1) {
            case "decided":
                let decided = try c.execute("""
                    SELECT d.id, i.external_id, d.reviewer, d.kind, d.label, d.tags, d.severity, d.note, d.reason, d.seconds,
                        d.decided_at, d.supersedes, d.origin
                    FROM decisions d JOIN items i ON i.id = d.item_id WHERE d.id = $1
                    """, [claim.int64(0, 3)])
                return .decidedByYou(Self.decision(decided, row: 0, queue: queueID))
            case "complete": return .complete
            case "held": return .heldByOthers(holders: Int(claim.int64(0, 2) ?? 0))
            default: return .claimed(try loadItem(c, id: itemID))
            }
        }
    }
}
