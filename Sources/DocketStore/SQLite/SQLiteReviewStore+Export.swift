import DocketCore
import GRDB

extension SQLiteReviewStore {
    /// Runs `body` with an ``ExportSource`` over one consistent snapshot of the database: both export
    /// passes see the same items and decisions even while reviewers keep deciding in other processes.
    public func withExportSnapshot<T>(_ body: (ExportSource) throws -> T) throws -> T {
        try read { db in try body(SnapshotExportSource(db: db)) }
    }

    /// What identifies the data an export of `queue` was made from, for its manifest: the database's
    /// random id, and the queue's item and decision counts and last decision id (they change whenever
    /// anything that could change the export does).
    public func exportIdentity(queue: String) throws -> [(String, JSONValue)] {
        try read { db in
            let id = try String.fetchOne(db, sql: "SELECT value FROM docket_info WHERE key = 'database_id'") ?? ""
            let items = try Int64.fetchOne(db, sql: "SELECT count(*) FROM items WHERE queue_id = ?", arguments: [queue]) ?? 0
            let row = try Row.fetchOne(db, sql: "SELECT count(*), max(id) FROM decisions WHERE queue_id = ?", arguments: [queue])
            let decisions: Int64 = row?[0] ?? 0
            let last: Int64? = row?[1]
            return [
                ("database_id", .string(id)),
                ("queue_items", .number(String(items))),
                ("queue_decisions", .number(String(decisions))),
                ("last_decision_id", last.map { .number(String($0)) } ?? .null),
            ]
        }
    }
}

/// The export passes over SQLite: the queue's items in rowid order, merged in the first pass with the
/// decisions in force (``ExportHeads``, also in item order) and in the second with each item's decisions
/// when the history is asked for; one item's row in memory at a time.
private struct SnapshotExportSource: ExportSource {
    let db: Database

    func scanVotes(queue: String, labels: [String], _ body: (ExportKey, ItemVotes) throws -> Void) throws {
        let table = ExportLabelTable(labels)
        var inForce = try ExportHeads(db, queue: queue, labels: table)
        var cursor = try ExportCursor(db, sql: """
            SELECT i.id, i.external_id, i.group_key, i.content_hash, i.gold_label, a.kind, a.label, a.decided_at,
                   length(trim(i.content, ' ' || char(9, 10, 13))), i.meta
            FROM items i LEFT JOIN decisions a ON a.id = i.adjudication_id
            WHERE +i.queue_id = ? ORDER BY i.id
            """, arguments: [queue])
        var votes = ItemVotes(labels: labels.count)
        while try cursor.step() {
            let id = cursor.int64(0)
            votes.reset()
            let key = ExportKey(rowID: id, externalID: cursor.text(1), group: cursor.optionalText(2), contentHash: cursor.text(3),
                                textLength: Int(cursor.int64(8)), metaJSON: cursor.text(9))
            if !cursor.isNull(4) { votes.knownAnswer = table.index(cursor.bytes(4)) }
            if !cursor.isNull(5) { votes.add(decisionAt: 5, of: cursor, labels: table) }
            try inForce.add(item: id, to: &votes)
            try body(key, votes)
        }
    }

    func scanItems(queue: String, labels: [String], history: Bool, wanted: (Int64) -> Bool,
                   _ body: (ExportItem) throws -> Void) throws {
        var items = try ExportCursor(db, sql: """
            SELECT i.id, i.external_id, i.content, i.group_key, i.meta, i.scores_json, i.turns, i.media_json
            FROM items i WHERE +i.queue_id = ? ORDER BY i.id
            """, arguments: [queue])
        var decisions = try ExportCursor(db, sql: """
            SELECT d.item_id, d.id, d.reviewer, d.kind, d.label, d.tags, d.severity, d.note, d.reason, d.seconds,
                   d.decided_at, d.supersedes, d.origin,
                   EXISTS (SELECT 1 FROM decision_heads h WHERE h.item_id = d.item_id AND h.reviewer = d.reviewer
                           AND h.decision_id = d.id)
                   OR d.id = (SELECT adjudication_id FROM items WHERE id = d.item_id)
            FROM decisions d INDEXED BY decisions_item WHERE +d.queue_id = ? AND ?
            ORDER BY d.item_id, d.id
            """, arguments: [queue, history])
        try decisions.step()
        while try items.step() {
            let id = items.int64(0)
            guard wanted(id) else { continue }
            var itemHistory: [(decision: Decision, inForce: Bool)] = []
            while decisions.hasRow && decisions.int64(0) < id { try decisions.step() }
            while decisions.hasRow && decisions.int64(0) == id {
                itemHistory.append((Self.decision(decisions, queue: queue, externalID: items.text(1)), decisions.int64(13) != 0))
                try decisions.step()
            }
            var item = ExportItem(rowID: id, externalID: items.text(1), text: items.text(2), group: items.optionalText(3),
                                  metaJSON: items.text(4), scoresJSON: items.text(5), history: itemHistory)
            if let turns = items.optionalText(6) { item.turns = Turn.list(fromJSON: turns) }
            item.mediaJSON = items.text(7)
            try body(item)
        }
    }

    func queueHasMedia(_ queue: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM items WHERE queue_id = ? AND media_json != '[]')", arguments: [queue]) ?? false
    }

    private static func decision(_ row: ExportCursor, queue: String, externalID: String) -> Decision {
        var tags: [String] = []
        if let parsed = try? JSONParser.parse(row.bytes(5)), let array = parsed.arrayValue {
            tags = array.compactMap(\.stringValue)
        }
        return Decision(id: row.int64(1), externalID: externalID, queue: queue, reviewer: row.text(2),
                        kind: DecisionKind(rawValue: row.text(3)) ?? .skip, label: row.optionalText(4), tags: tags,
                        severity: row.optionalText(6), note: row.optionalText(7), reason: row.optionalText(8),
                        seconds: row.optionalDouble(9), decidedAt: row.double(10),
                        supersedes: row.isNull(11) ? nil : row.int64(11), origin: row.text(12))
    }
}
