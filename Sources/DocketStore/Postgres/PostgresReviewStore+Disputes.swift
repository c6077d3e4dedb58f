import DocketCore

extension PostgresReviewStore {
    /// The items of `queue` that wait for a lead, most disputed first: items whose label votes `rule` calls
    /// disputed, plus escalated items unless `includeEscalated` is false. Items already adjudicated are left out.
    /// The same passes as on SQLite, in one snapshot, so both backends list the same items in the same order.
    public func disputedItems(queue queueID: String, rule: DisputeRule, includeEscalated: Bool) throws -> [DisputedItem] {
        _ = try queue(queueID)  // an unknown queue is an error, not an empty list
        return try readSnapshot(retry: true) { c in
            // Pass 1: votes per item, only where two labels or an escalation make a dispute possible.
            var candidates: [Int64: DisputeRule.Candidate] = [:]
            let votes = try PostgresCursor(c, """
                SELECT h.item_id, h.label, count(*)
                FROM items i JOIN decision_heads h ON h.item_id = i.id
                WHERE i.queue_id = $1 AND i.adjudication_id IS NULL AND h.kind = 'label' AND i.label_count >= 2
                GROUP BY h.item_id, h.label
                """, [queueID])
            while try votes.step() {
                candidates[votes.int64(0), default: ([], false)].votes.append((label: votes.text(1), count: Int(votes.int64(2))))
            }
            if includeEscalated {
                let escalated = try PostgresCursor(c, """
                    SELECT id FROM items WHERE queue_id = $1 AND state = 2 AND adjudication_id IS NULL
                    """, [queueID])
                while try escalated.step() { candidates[escalated.int64(0), default: ([], false)].escalated = true }
            }
            let ranked = rule.ranked(candidates)
            // Pass 2: the chosen items' decisions in force and names, in one query (one per item costs far more once
            // thousands of items are disputed).
            var decisions: [Int64: [Decision]] = [:]
            var externalIDs: [Int64: String] = [:]
            decisions.reserveCapacity(ranked.count)
            for entry in ranked { decisions[entry.itemID] = [] }
            let heads = try PostgresCursor(c, """
                SELECT \(Self.decisionColumns), d.item_id
                FROM decision_heads h JOIN decisions d ON d.id = h.decision_id JOIN items i ON i.id = h.item_id
                WHERE h.queue_id = $1 AND i.adjudication_id IS NULL AND (i.label_count >= 2 OR i.state = 2)
                """, [queueID])
            while try heads.step() {
                let itemID = heads.int64(13)
                guard decisions[itemID] != nil else { continue }
                decisions[itemID]!.append(Self.decision(heads, queue: queueID))
                externalIDs[itemID] = heads.text(1)
            }
            return ranked.map { entry in
                DisputedItem(externalID: externalIDs[entry.itemID] ?? "",
                             decisions: (decisions[entry.itemID] ?? []).sorted { $0.id < $1.id },
                             votes: entry.votes, isEscalated: entry.escalated)
            }
        }
    }
}
