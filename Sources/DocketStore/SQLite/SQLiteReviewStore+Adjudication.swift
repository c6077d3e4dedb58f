import DocketCore
import GRDB

extension SQLiteReviewStore {
    /// The items of `queue` that wait for a lead, most disputed first: items whose label votes `rule` calls
    /// disputed, plus escalated items unless `includeEscalated` is false. Items already adjudicated are left out.
    public func disputedItems(queue queueID: String, rule: DisputeRule,
                              includeEscalated: Bool) throws -> [DisputedItem] {
        _ = try queue(queueID)  // an unknown queue is an error, not an empty list
        return try read { db in
            // Pass 1: votes per item, only where two labels or an escalation make a dispute possible.
            var candidates: [Int64: DisputeRule.Candidate] = [:]
            let votes = try Row.fetchCursor(db, sql: """
                SELECT h.item_id, h.label, count(*)
                FROM items i
                JOIN decision_heads h ON h.item_id = i.id
                WHERE i.queue_id = ? AND i.adjudication_id IS NULL AND h.kind = 'label' AND i.label_count >= 2
                GROUP BY h.item_id, h.label
                """, arguments: [queueID])
            while let row = try votes.next() {
                let label: String = (try row.decode(atIndex: 1)) ?? ""
                candidates[(try row.decode(atIndex: 0)), default: ([], false)].votes.append((label: label, count: (try row.decode(atIndex: 2))))
            }
            if includeEscalated {
                let escalated = try Int64.fetchCursor(db, sql: """
                    SELECT id FROM items WHERE queue_id = ? AND state = 2 AND adjudication_id IS NULL
                    """, arguments: [queueID])
                while let id = try escalated.next() { candidates[id, default: ([], false)].escalated = true }
            }
            let ranked = rule.ranked(candidates)
            // Pass 2: one streaming read of the queue's decisions in force, keeping the chosen items' only
            // (one query per item costs far more once thousands of items are disputed).
            var decisions: [Int64: [Decision]] = [:]
            decisions.reserveCapacity(ranked.count)
            for entry in ranked { decisions[entry.itemID] = [] }
            let heads = try Row.fetchCursor(db, sql: """
                SELECT d.id, '', d.reviewer, d.kind, d.label, d.tags, d.severity, d.note, d.reason, d.seconds,
                    d.decided_at, d.supersedes, d.origin, d.item_id
                FROM decision_heads h JOIN decisions d ON d.id = h.decision_id
                WHERE h.queue_id = ?
                """, arguments: [queueID])
            while let row = try heads.next() {
                let itemID: Int64 = (try row.decode(atIndex: 13))
                if decisions[itemID] != nil { decisions[itemID]!.append(try Self.decision(row, queue: queueID)) }
            }
            var externalIDs: [Int64: String] = [:]
            let ids = try Row.fetchCursor(db, sql: """
                SELECT id, external_id FROM items WHERE queue_id = ? AND adjudication_id IS NULL AND (label_count >= 2 OR state = 2)
                """, arguments: [queueID])
            while let row = try ids.next() {
                let id: Int64 = (try row.decode(atIndex: 0))
                if decisions[id] != nil { externalIDs[id] = (try row.decode(atIndex: 1)) }
            }
            return ranked.map { entry in
                // The item's external id, read once per item above, goes into each of its decisions here.
                let externalID = externalIDs[entry.itemID] ?? ""
                return DisputedItem(externalID: externalID,
                             decisions: (decisions[entry.itemID] ?? []).sorted { $0.id < $1.id }.map { decision in
                                 var named = decision
                                 named.externalID = externalID
                                 return named
                             },
                             votes: entry.votes, isEscalated: entry.escalated)
            }
        }
    }

    /// The lead's decision in force on item `externalID` of `queue`, or nil when it was not adjudicated.
    public func adjudication(queue queueID: String, externalID: String) throws -> Decision? {
        try read { db in
            try Row.fetchOne(db, sql: """
                SELECT d.id, i.external_id, d.reviewer, d.kind, d.label, d.tags, d.severity, d.note, d.reason, d.seconds,
                    d.decided_at, d.supersedes, d.origin
                FROM items i JOIN decisions d ON d.id = i.adjudication_id
                WHERE i.queue_id = ? AND i.external_id = ?
                """, arguments: [queueID, externalID]).map { try Self.decision($0, queue: queueID) }
        }
    }
}
