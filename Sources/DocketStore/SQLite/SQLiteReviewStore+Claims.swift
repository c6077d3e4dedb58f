import DocketCore
import GRDB

extension SQLiteReviewStore {
    /// Hands `reviewer` the next item of `queue` and leases it to them.
    ///
    /// Highest priority first; never an item the reviewer already decided; never more holders than the
    /// overlap still needs; a reviewer who already holds a live lease gets that item back (resume).
    /// Known-answer (gold) items are mixed in at the queue's gold rate while real work remains.
    /// Runs in an immediate transaction, so concurrent processes never hand out the same slot twice.
    /// Returns nil when nothing is left for this reviewer.
    public func claimNext(queue queueID: String, reviewer: String, now: Double) throws -> Item? {
        let queue = try queue(queueID)
        let wantGold = queue.goldRate > 0 && Double.random(in: 0..<1) < queue.goldRate
        let rowID: Int64? = try writeImmediate { db in
            // Cached statements: preparing these queries anew cost more than running them.
            if let held = try Int64.fetchOne(db.cachedStatement(sql: """
                SELECT l.item_id FROM leases l JOIN items i ON i.id = l.item_id
                WHERE l.queue_id = ? AND l.reviewer = ? AND l.expires_at > ? AND i.state = 0
                  AND NOT EXISTS (SELECT 1 FROM decision_heads h WHERE h.item_id = l.item_id AND h.reviewer = l.reviewer)
                ORDER BY l.claimed_at LIMIT 1
                """), arguments: [queueID, reviewer, now]) {
                return held
            }
            guard let start = try startOfWalk(db, queue: queueID, reviewer: reviewer) else { return nil }
            var candidate = try nextCandidate(db, queue: queue, reviewer: reviewer, gold: false, from: start, now: now)
            if candidate != nil, wantGold,
               let gold = try nextCandidate(db, queue: queue, reviewer: reviewer, gold: true, from: nil, now: now) {
                candidate = gold
            }
            guard let candidate else { return nil }
            try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO leases (item_id, reviewer, queue_id, claimed_at, expires_at) VALUES (?, ?, ?, ?, ?)
                """).execute(arguments: [candidate, reviewer, queueID, now, now + Double(queue.leaseSeconds)])
            return candidate
        }
        guard let rowID else { return nil }
        return try item(rowID: rowID)
    }

    /// A place in claim order: an item's priority key and id.
    private typealias ClaimPosition = (priority: String, id: Int64)

    /// The first open work item of `queue` that `reviewer` has not decided, walking from their floor
    /// (`claim_floors`, Migrations+ClaimFloors), which moves down to it; nil when there is none.
    private func startOfWalk(_ db: Database, queue: String, reviewer: String) throws -> ClaimPosition? {
        let floor = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT priority, item_id FROM claim_floors WHERE queue_id = ? AND reviewer = ?
            """), arguments: [queue, reviewer]).map { ClaimPosition($0[0], $0[1]) }
        let first = try walk(db, queue: queue, reviewer: reviewer, gold: false, from: floor, withRoom: false, now: 0)
        if let first, first.priority != floor?.priority || first.id != floor?.id {
            try db.cachedStatement(sql: """
                INSERT INTO claim_floors (queue_id, reviewer, priority, item_id) VALUES (?, ?, ?, ?)
                ON CONFLICT (queue_id, reviewer) DO UPDATE SET priority = excluded.priority, item_id = excluded.item_id
                """).execute(arguments: [queue, reviewer, first.priority, first.id])
        }
        return first
    }

    /// Items at or after `:priority`, `:id` in claim order (priority first, then the lower id).
    private static let fromPosition = "AND i.priority <= :priority AND (i.priority < :priority OR i.id >= :id)"

    /// The first open item of `queue` in priority order from `start` on (the top when nil) that `reviewer` has
    /// not decided, gold or work items; `withRoom`: only one whose overlap others' live leases leave room in.
    /// An index walk that stops at the first fit.
    private func walk(_ db: Database, queue: String, reviewer: String, gold: Bool, from start: ClaimPosition?, withRoom: Bool,
                      now: Double, overlap: Int = 0) throws -> ClaimPosition? {
        let room = withRoom ? """
            AND i.label_count + (SELECT count(*) FROM leases l WHERE l.item_id = i.id AND l.expires_at > :now
                AND l.reviewer <> :reviewer) < :overlap
            """ : ""
        return try Row.fetchOne(db.cachedStatement(sql: """
            SELECT i.priority, i.id FROM items i INDEXED BY items_claim
            WHERE i.queue_id = :queue AND i.state = 0 AND i.is_gold = :gold \(start == nil ? "" : Self.fromPosition)
              AND NOT EXISTS (SELECT 1 FROM decision_heads h WHERE h.item_id = i.id AND h.reviewer = :reviewer)
              \(room)
            ORDER BY i.priority DESC, i.id
            LIMIT 1
            """), arguments: ["queue": queue, "gold": gold ? 1 : 0, "reviewer": reviewer, "now": now, "overlap": overlap,
                               "priority": start?.priority, "id": start?.id]).map { ClaimPosition($0[0], $0[1]) }
    }

    /// The best open item for `reviewer` from `start` on; gold items are answered by every reviewer, so the overlap
    /// does not cap them.
    private func nextCandidate(_ db: Database, queue: QueueDefinition, reviewer: String, gold: Bool, from start: ClaimPosition?,
                               now: Double) throws -> Int64? {
        try walk(db, queue: queue.id, reviewer: reviewer, gold: gold, from: start, withRoom: !gold, now: now, overlap: queue.overlap)?.id
    }

    /// Gives back every lease `reviewer` holds in `queue` (quitting the review screen).
    public func release(queue: String, reviewer: String) throws {
        try writeImmediate { db in
            try db.execute(sql: "DELETE FROM leases WHERE queue_id = ? AND reviewer = ?", arguments: [queue, reviewer])
        }
    }

    /// Whether `reviewer` still holds a live lease on the item (false once it expired).
    public func holdsLease(queue: String, externalID: String, reviewer: String, now: Double) throws -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: """
                SELECT l.expires_at > ? FROM items i JOIN leases l ON l.item_id = i.id
                WHERE i.queue_id = ? AND i.external_id = ? AND l.reviewer = ?
                """, arguments: [now, queue, externalID, reviewer]) ?? false
        }
    }

    /// Extends a live lease (the reviewer is still reading a long item). False when it was already lost.
    @discardableResult
    public func renewLease(queue: String, externalID: String, reviewer: String, now: Double) throws -> Bool {
        try writeImmediate { db in
            let lease = try Row.fetchOne(db, sql: """
                SELECT l.item_id, q.lease_seconds FROM items i JOIN leases l ON l.item_id = i.id JOIN queues q ON q.id = l.queue_id
                WHERE i.queue_id = ? AND i.external_id = ? AND l.reviewer = ? AND l.expires_at > ?
                """, arguments: [queue, externalID, reviewer, now])
            guard let lease else { return false }
            let itemID: Int64 = lease[0]
            let seconds: Int = lease[1]
            try db.execute(sql: "UPDATE leases SET expires_at = ? WHERE item_id = ? AND reviewer = ?",
                           arguments: [now + Double(seconds), itemID, reviewer])
            return true
        }
    }
}
