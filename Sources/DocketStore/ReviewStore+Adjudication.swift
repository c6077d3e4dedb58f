import DocketCore
import GRDB

/// An item a lead should settle: its reviewers disagree (under a ``DisputeRule``) or one of them escalated it.
public struct DisputedItem: Sendable {
    /// The store's row id of the item (load it with ``ReviewStore/item(rowID:)``).
    public var rowID: Int64
    public var externalID: String
    /// Every reviewer's decision in force on the item (labels, skips and escalations), oldest first.
    public var decisions: [Decision]
    /// The label votes among those decisions.
    public var votes: DisputeRule.Votes
    /// Whether a reviewer escalated the item to a lead.
    public var isEscalated: Bool

    public init(rowID: Int64, externalID: String, decisions: [Decision], votes: DisputeRule.Votes, isEscalated: Bool) {
        self.rowID = rowID
        self.externalID = externalID
        self.decisions = decisions
        self.votes = votes
        self.isEscalated = isEscalated
    }
}

extension ReviewStore {
    /// The items of `queue` that wait for a lead, most disputed first: items whose label votes `rule` calls
    /// disputed, plus escalated items unless `includeEscalated` is false. Items already adjudicated are left out.
    public func disputedItems(queue queueID: String, rule: DisputeRule = DisputeRule(),
                              includeEscalated: Bool = true) throws -> [DisputedItem] {
        _ = try queue(queueID)  // an unknown queue is an error, not an empty list
        return try pool.read { db in
            // Pass 1: votes per item, only where two labels or an escalation make a dispute possible.
            var candidates: [Int64: (votes: [(label: String, count: Int)], escalated: Bool)] = [:]
            let votes = try Row.fetchCursor(db, sql: """
                SELECT h.item_id, d.label, count(*)
                FROM items i
                JOIN decision_heads h ON h.item_id = i.id
                JOIN decisions d ON d.id = h.decision_id
                WHERE i.queue_id = ? AND i.adjudication_id IS NULL AND h.kind = 'label' AND i.label_count >= 2
                GROUP BY h.item_id, d.label
                """, arguments: [queueID])
            while let row = try votes.next() {
                let label: String = row[1] ?? ""
                candidates[row[0], default: ([], false)].votes.append((label: label, count: row[2]))
            }
            if includeEscalated {
                let escalated = try Int64.fetchCursor(db, sql: """
                    SELECT id FROM items WHERE queue_id = ? AND state = 2 AND adjudication_id IS NULL
                    """, arguments: [queueID])
                while let id = try escalated.next() { candidates[id, default: ([], false)].escalated = true }
            }
            var ranked: [(rowID: Int64, votes: DisputeRule.Votes, escalated: Bool)] = []
            for (rowID, candidate) in candidates {
                let votes = DisputeRule.Votes(candidate.votes)
                if candidate.escalated || rule.isDisputed(votes) { ranked.append((rowID, votes, candidate.escalated)) }
            }
            ranked.sort { a, b in
                if DisputeRule.comesBefore((a.votes, a.escalated), (b.votes, b.escalated)) { return true }
                if DisputeRule.comesBefore((b.votes, b.escalated), (a.votes, a.escalated)) { return false }
                return a.rowID < b.rowID
            }
            // Pass 2: the decisions in force of the chosen items only.
            let decisions = try db.makeStatement(sql: """
                SELECT d.id, d.item_id, d.reviewer, d.kind, d.label, d.tags, d.severity, d.note, d.reason, d.seconds,
                    d.decided_at, d.supersedes, d.origin, i.external_id
                FROM decision_heads h JOIN decisions d ON d.id = h.decision_id JOIN items i ON i.id = h.item_id
                WHERE h.item_id = ? ORDER BY d.id
                """)
            return try ranked.map { entry in
                let rows = try Row.fetchAll(decisions, arguments: [entry.rowID])
                let externalID = try rows.first.map { $0[13] as String }
                    ?? String.fetchOne(db, sql: "SELECT external_id FROM items WHERE id = ?", arguments: [entry.rowID]) ?? ""
                return DisputedItem(rowID: entry.rowID, externalID: externalID,
                                    decisions: rows.map { Self.decision($0, queue: queueID) },
                                    votes: entry.votes, isEscalated: entry.escalated)
            }
        }
    }

    /// The lead's decision in force on item `externalID` of `queue`, or nil when it was not adjudicated.
    public func adjudication(queue queueID: String, externalID: String) throws -> Decision? {
        try pool.read { db in
            try Row.fetchOne(db, sql: """
                SELECT d.id, d.item_id, d.reviewer, d.kind, d.label, d.tags, d.severity, d.note, d.reason, d.seconds,
                    d.decided_at, d.supersedes, d.origin
                FROM items i JOIN decisions d ON d.id = i.adjudication_id
                WHERE i.queue_id = ? AND i.external_id = ?
                """, arguments: [queueID, externalID]).map { Self.decision($0, queue: queueID) }
        }
    }
}
