import DocketCore

/// The export passes over PostgreSQL, inside the one REPEATABLE READ transaction of
/// ``PostgresReviewStore/withExportSnapshot(_:)``: the queue's items in id order, merged in the first pass with
/// the decisions in force (also in item order) and in the second with each item's decisions when the history is
/// asked for. Every query is a server-side cursor read a batch at a time, so memory stays flat in the queue's
/// size, and every order is the SQLite store's, so both backends write the same files byte for byte.
struct PostgresExportSource: ExportSource {
    let connection: PostgresConnection

    func scanVotes(queue: String, labels: [String], _ body: (ExportKey, ItemVotes) throws -> Void) throws {
        let index = Self.labelIndex(labels)
        let items = try PostgresCursor(connection, """
            SELECT i.id, i.external_id, i.group_key, i.content_hash, i.gold_label, a.kind, a.label, a.decided_at,
                   length(btrim(i.content, E' \\t\\n\\r')), i.meta,
                   CASE WHEN left(i.content, 1) = chr(\(Int(PostgresStoredText.marker.value))) THEN i.content END
            FROM items i LEFT JOIN decisions a ON a.id = i.adjudication_id
            WHERE i.queue_id = $1 ORDER BY i.id
            """, [queue])
        // Within an item in (item, reviewer) order, the order of SQLite's primary key.
        let heads = try PostgresCursor(connection, """
            SELECT item_id, kind, label, decided_at FROM decision_heads WHERE queue_id = $1 ORDER BY item_id, reviewer
            """, [queue])
        try heads.step()
        var votes = ItemVotes(labels: labels.count)
        while try items.step() {
            let id = items.int64(0)
            votes.reset()
            // Content holding a NUL is stored encoded (PostgresStoredText): its length is worked out from the text.
            let length = items.string(10).map { Self.trimmedLength(PostgresStoredText.decode($0)) } ?? Int(items.int64(8))
            let key = ExportKey(rowID: id, externalID: items.text(1), group: items.string(2), contentHash: items.text(3),
                                textLength: length, metaJSON: items.text(9))
            if let gold = items.string(4) { votes.knownAnswer = index[gold] }
            if !items.isNull(5) { votes.add(decisionAt: 5, of: items, labels: index) }
            while heads.hasRow && heads.int64(0) < id { try heads.step() }
            while heads.hasRow && heads.int64(0) == id {
                votes.add(decisionAt: 1, of: heads, labels: index)
                try heads.step()
            }
            try body(key, votes)
        }
        try items.close()
        try heads.close()
    }

    func scanItems(queue: String, labels: [String], history: Bool, wanted: (Int64) -> Bool,
                   _ body: (ExportItem) throws -> Void) throws {
        let items = try PostgresCursor(connection, """
            SELECT id, external_id, content, group_key, meta, scores_json, turns, media_json FROM items WHERE queue_id = $1 ORDER BY id
            """, [queue])
        // Without the history no decision is read at all.
        let decisions = history ? try PostgresCursor(connection, """
            SELECT d.item_id, d.id, d.reviewer, d.kind, d.label, d.tags, d.severity, d.note, d.reason, d.seconds,
                   d.decided_at, d.supersedes, d.origin,
                   EXISTS (SELECT 1 FROM decision_heads h WHERE h.item_id = d.item_id AND h.reviewer = d.reviewer
                           AND h.decision_id = d.id)
                   OR d.id IS NOT DISTINCT FROM (SELECT adjudication_id FROM items WHERE id = d.item_id)
            FROM decisions d WHERE d.queue_id = $1
            ORDER BY d.item_id, d.id
            """, [queue]) : nil
        try decisions?.step()
        while try items.step() {
            let id = items.int64(0)
            guard wanted(id) else { continue }
            var itemHistory: [(decision: Decision, inForce: Bool)] = []
            if let decisions {
                while decisions.hasRow && decisions.int64(0) < id { try decisions.step() }
                while decisions.hasRow && decisions.int64(0) == id {
                    itemHistory.append((Self.decision(decisions, queue: queue, externalID: items.text(1)), decisions.bool(13)))
                    try decisions.step()
                }
            }
            var item = ExportItem(rowID: id, externalID: items.text(1), text: PostgresStoredText.decode(items.text(2)), group: items.string(3),
                                  metaJSON: items.text(4), scoresJSON: items.text(5), history: itemHistory)
            if let turns = items.string(6) { item.turns = Turn.list(fromJSON: turns) }
            item.mediaJSON = items.text(7)
            try body(item)
        }
        try items.close()
        try decisions?.close()
    }

    func queueHasMedia(_ queue: String) throws -> Bool {
        try connection.execute("SELECT EXISTS (SELECT 1 FROM items WHERE queue_id = $1 AND media_json <> '[]')", [queue]).bool(0, 0) ?? false
    }

    /// What SQLite's `length(trim(content, ' ' || char(9, 10, 13)))` gives for `text`: characters (Unicode
    /// scalars) once spaces, tabs, line feeds and carriage returns are trimmed from both ends, counted up to the
    /// first NUL (where SQLite's `length` stops).
    static func trimmedLength(_ text: String) -> Int {
        let trimmed: Set<Unicode.Scalar> = [" ", "\t", "\n", "\r"]
        let scalars = Array(text.unicodeScalars)
        var start = 0, end = scalars.count
        while start < end && trimmed.contains(scalars[start]) { start += 1 }
        while end > start && trimmed.contains(scalars[end - 1]) { end -= 1 }
        return scalars[start..<end].firstIndex(of: "\u{0}").map { $0 - start } ?? end - start
    }

    /// Each label's index in the queue's order (the first, should a label be listed twice).
    private static func labelIndex(_ labels: [String]) -> [String: Int] {
        var index: [String: Int] = [:]
        for (i, label) in labels.enumerated() where index[label] == nil { index[label] = i }
        return index
    }

    /// A decision of the history from the row of `row` (columns as in `scanItems`).
    private static func decision(_ row: PostgresCursor, queue: String, externalID: String) -> Decision {
        Decision(id: row.int64(1), externalID: externalID, queue: queue, reviewer: row.text(2),
                        kind: DecisionKind(rawValue: row.text(3)) ?? .skip, label: row.string(4),
                        tags: SQLiteReviewStore.tags(row.text(5)),
                        severity: row.string(6), note: row.string(7), reason: row.string(8),
                        seconds: row.optionalDouble(9), decidedAt: row.double(10),
                        supersedes: row.optionalInt64(11), origin: row.text(12))
    }
}

extension ItemVotes {
    /// Adds the decision in columns `kind`, `kind + 1` (label), `kind + 2` (decided_at) of `row`.
    mutating func add(decisionAt kind: Int, of row: PostgresCursor, labels: [String: Int]) {
        let label = row.string(kind + 1)
        add(kind: DecisionKind.fromFirstByte(row.text(kind).utf8.first ?? 0), label: label.flatMap { labels[$0] },
            hasLabel: label != nil, decidedAt: row.double(kind + 2))
    }
}
