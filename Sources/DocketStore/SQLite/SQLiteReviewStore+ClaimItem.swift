import DocketCore
import GRDB

extension SQLiteReviewStore {
    /// Leases the item `externalID` to `reviewer` when the claim rules allow it, else says why not (nothing
    /// written). One immediate transaction: the capacity check and the lease cannot be split by another process.
    public func claimItem(queue queueID: String, externalID: String, reviewer: String, now: Double) throws -> ItemClaim {
        let queue = try queue(queueID)
        enum Outcome { case claimed(Int64), decided(Int64), complete, held(Int) }
        let outcome: Outcome = try writeImmediate { db in
            guard let item = try Row.fetchOne(db, sql: "SELECT id, state, label_count, is_gold FROM items WHERE queue_id = ? AND external_id = ?",
                                              arguments: [queueID, externalID]) else {
                throw DocketError.notFound("queue '\(queueID)' has no item '\(externalID)'")
            }
            let itemID: Int64 = item[0]
            let state: Int = item[1], labelCount: Int = item[2], isGold: Bool = item[3]
            // Your own decision comes first: even a completed item can be amended by whoever decided it.
            if let decisionID = try Int64.fetchOne(db, sql: "SELECT decision_id FROM decision_heads WHERE item_id = ? AND reviewer = ?",
                                                   arguments: [itemID, reviewer]) {
                return .decided(decisionID)
            }
            guard state == 0 else { return .complete }
            let others = try Int.fetchOne(db, sql: "SELECT count(*) FROM leases WHERE item_id = ? AND reviewer <> ? AND expires_at > ?",
                                          arguments: [itemID, reviewer, now]) ?? 0
            // Gold items are answered by every reviewer, so the overlap does not cap them (as in claimNext).
            if !isGold, labelCount + others >= queue.overlap { return .held(others) }
            try db.execute(sql: "INSERT OR REPLACE INTO leases (item_id, reviewer, queue_id, claimed_at, expires_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [itemID, reviewer, queueID, now, now + Double(queue.leaseSeconds)])
            return .claimed(itemID)
        }
        switch outcome {
        case .claimed(let itemID): return .claimed(try item(rowID: itemID))
        case .decided(let decisionID): return .decidedByYou(try decision(id: decisionID, queue: queueID))
        case .complete: return .complete
        case .held(let holders): return .heldByOthers(holders: holders)
        }
    }

    /// The decision with the store's id `id`, in `queue`.
    private func decision(id: Int64, queue: String) throws -> Decision {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: """
                SELECT d.id, i.external_id, d.reviewer, d.kind, d.label, d.tags, d.severity, d.note, d.reason, d.seconds,
                    d.decided_at, d.supersedes, d.origin
                FROM decisions d JOIN items i ON i.id = d.item_id WHERE d.id = ?
                """, arguments: [id]) else {
                throw DocketError.notFound("no decision \(id) in \(path)")
            }
            return try Self.decision(row, queue: queue)
        }
    }
}
