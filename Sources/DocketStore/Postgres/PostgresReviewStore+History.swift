import DocketCore

extension PostgresReviewStore {
    /// The columns of a decision as ``decision(_:queue:from:)`` reads them, the item's external id second.
    static let decisionColumns = """
        d.id, i.external_id, d.reviewer, d.kind, d.label, d.tags, d.severity, d.note, d.reason, d.seconds,
        d.decided_at, d.supersedes, d.origin
        """

    /// Runs `body` in one read-only REPEATABLE READ transaction: every statement sees the same snapshot, as a
    /// SQLite read transaction does. With `retry` (for reads that hand nothing out before they end) a connection
    /// lost on the way is re-opened and the read starts over; streaming reads must not repeat rows, so they don't.
    func readSnapshot<T>(retry: Bool, _ body: (PostgresConnection) throws -> T) throws -> T {
        try run(retryOnLostConnection: retry) { c in
            // A read-only transaction never fails to serialize, so it is never run twice.
            try c.transaction(.repeatableRead, readOnly: true, attempts: 1, body)
        }
    }

    /// Calls `body` for every decision in force in `queue` (each reviewer's latest, not withdrawn), label, skip
    /// and escalate kinds, ordered by item then decision; streams through a cursor in constant memory.
    public func forEachDecisionInForce(queue: String, since: Double?, _ body: (DecisionInForce) throws -> Void) throws {
        try readSnapshot(retry: false) { c in
            let rows = try PostgresCursor(c, """
                SELECT \(Self.decisionColumns), i.gold_label
                FROM decision_heads h
                JOIN decisions d ON d.id = h.decision_id
                JOIN items i ON i.id = h.item_id
                WHERE h.queue_id = $1 AND ($2::double precision IS NULL OR d.decided_at >= $2)
                ORDER BY h.item_id, d.id
                """, [queue, since])
            while try rows.step() {
                try body(DecisionInForce(decision: Self.decision(rows, queue: queue), externalID: rows.text(1),
                                         goldLabel: rows.string(13)))
            }
        }
    }

    /// Every row of the decision history of `queue` (superseded and undo rows included), oldest first.
    public func forEachHistoryRow(queue: String, _ body: (Decision) throws -> Void) throws {
        try readSnapshot(retry: false) { c in
            let rows = try PostgresCursor(c, """
                SELECT \(Self.decisionColumns)
                FROM decisions d JOIN items i ON i.id = d.item_id WHERE d.queue_id = $1 ORDER BY d.id
                """, [queue])
            while try rows.step() { try body(Self.decision(rows, queue: queue)) }
        }
    }

    /// The lead's adjudicated label per item (external id) in `queue`.
    public func adjudications(queue: String) throws -> [String: String] {
        try readSnapshot(retry: true) { c in
            var result: [String: String] = [:]
            let rows = try PostgresCursor(c, """
                SELECT i.external_id, d.label FROM items i JOIN decisions d ON d.id = i.adjudication_id WHERE i.queue_id = $1
                """, [queue])
            while try rows.step() {
                // A NULL label leaves the key out, as decoding an optional into a dictionary does on SQLite.
                if let label = rows.string(1) { result[rows.text(0)] = label }
            }
            return result
        }
    }

    /// The lead's decision in force on item `externalID` of `queue`, or nil when it was not adjudicated.
    public func adjudication(queue: String, externalID: String) throws -> Decision? {
        try readSnapshot(retry: true) { c in
            let rows = try PostgresCursor(c, """
                SELECT \(Self.decisionColumns)
                FROM items i JOIN decisions d ON d.id = i.adjudication_id
                WHERE i.queue_id = $1 AND i.external_id = $2
                """, [queue, externalID])
            return try rows.step() ? Self.decision(rows, queue: queue) : nil
        }
    }

    /// Each item's value of the top-level metadata field `field` in `queue`, by external id (items without it
    /// are left out). The value is read by ``MetadataField`` from the stored JSON, as on SQLite, so numbers,
    /// booleans, objects and arrays read as the same text on both backends.
    public func metadataValues(queue: String, field: String) throws -> [String: String] {
        try readSnapshot(retry: true) { c in
            var values: [String: String] = [:]
            let reader = MetadataField(name: field)
            let rows = try PostgresCursor(c, "SELECT external_id, meta FROM items WHERE queue_id = $1", [queue])
            while try rows.step() {
                if let value = reader.value(inJSON: rows.text(1)) { values[rows.text(0)] = value }
            }
            return values
        }
    }

    /// Every item's import, first-decision and final-decision times in `queue`, and every decision's reviewer,
    /// kind and time, oldest first (see ``QueueActivity``).
    public func queueActivity(queue: String) throws -> QueueActivity {
        _ = try self.queue(queue)  // an unknown queue is an error, not an empty report
        return try readSnapshot(retry: true) { c in
            var items: [QueueActivity.ItemTimes] = []
            // The final decision of a complete item is its latest decision that is not an undo.
            let rows = try PostgresCursor(c, """
                SELECT i.ingested_at,
                       (SELECT min(d.decided_at) FROM decisions d WHERE d.item_id = i.id),
                       CASE WHEN i.state = 1 THEN (SELECT max(d.decided_at) FROM decisions d WHERE d.item_id = i.id AND d.kind <> 'undo') END
                FROM items i WHERE i.queue_id = $1 ORDER BY i.id
                """, [queue])
            while try rows.step() {
                items.append(.init(ingestedAt: rows.double(0), firstDecisionAt: rows.optionalDouble(1), finalDecisionAt: rows.optionalDouble(2)))
            }
            var decisions: [QueueActivity.DecisionEvent] = []
            let events = try PostgresCursor(c, "SELECT reviewer, kind, decided_at FROM decisions WHERE queue_id = $1 ORDER BY id", [queue])
            while try events.step() {
                decisions.append(.init(reviewer: events.text(0), kind: DecisionKind(rawValue: events.text(1)) ?? .skip,
                                       decidedAt: events.double(2)))
            }
            return QueueActivity(items: items, decisions: decisions)
        }
    }

    /// A decision from the cursor's row, whose first columns are ``decisionColumns``.
    static func decision(_ row: PostgresCursor, queue: String) -> Decision {
        guard let (rows, index) = row.current else { preconditionFailure("a decision read from a cursor that stands on no row") }
        return decision(rows, row: index, queue: queue)
    }
}
