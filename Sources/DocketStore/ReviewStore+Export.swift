import DocketCore
import GRDB

extension ReviewStore {
    /// Runs `body` with an ``ExportSource`` over one consistent snapshot of the database: both export
    /// passes see the same items and decisions even while reviewers keep deciding in other processes.
    public func withExportSnapshot<T>(_ body: (ExportSource) throws -> T) throws -> T {
        try pool.read { db in try body(SnapshotExportSource(db: db)) }
    }

    /// What identifies the data an export of `queue` was made from, for its manifest: the database's
    /// random id, and the queue's item and decision counts and last decision id (they change whenever
    /// anything that could change the export does).
    public func exportIdentity(queue: String) throws -> [(String, JSONValue)] {
        try pool.read { db in
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

/// The export passes over SQLite: merge joins of cursors ordered by item id, one item in memory at a time.
private struct SnapshotExportSource: ExportSource {
    let db: Database

    /// Label ids as UTF-8 bytes, matched against columns in place (no String per row).
    private struct LabelTable {
        let names: [[UInt8]]
        init(_ labels: [String]) { names = labels.map { Array($0.utf8) } }
        func index(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
            for (i, name) in names.enumerated() where name.count == bytes.count && name.elementsEqual(bytes) { return i }
            return nil
        }
    }

    private static func kind(_ firstByte: UInt8) -> DecisionKind {
        switch firstByte {
        case UInt8(ascii: "l"): return .label
        case UInt8(ascii: "e"): return .escalate
        case UInt8(ascii: "a"): return .adjudication
        case UInt8(ascii: "u"): return .undo
        default: return .skip
        }
    }

    /// Adds the decision in columns `kind`, `kind + 1` (label), `kind + 2` (decided_at) to `votes`.
    private static func addVote(_ cursor: ExportCursor, at column: Int32, labels: LabelTable, to votes: inout ItemVotes) {
        let hasLabel = !cursor.isNull(column + 1)
        votes.add(kind: kind(cursor.firstByte(column)), label: hasLabel ? labels.index(cursor.bytes(column + 1)) : nil,
                  hasLabel: hasLabel, decidedAt: cursor.double(column + 2))
    }

    func scanVotes(queue: String, labels: [String], _ body: (ExportKey, ItemVotes) throws -> Void) throws {
        let table = LabelTable(labels)
        var cursor = try ExportCursor(db, sql: """
            SELECT i.id, i.external_id, i.group_key, i.content_hash, i.gold_label, a.kind, a.label, a.decided_at,
                   d.kind, d.label, d.decided_at
            FROM items i
            LEFT JOIN decisions a ON a.id = i.adjudication_id
            LEFT JOIN decision_heads h ON h.item_id = i.id
            LEFT JOIN decisions d ON d.id = h.decision_id
            WHERE +i.queue_id = ?
            ORDER BY i.id
            """, arguments: [queue])
        var votes = ItemVotes(labels: labels.count)
        try cursor.step()
        while cursor.hasRow {
            let id = cursor.int64(0)
            votes.reset()
            let key = ExportKey(rowID: id, externalID: cursor.text(1), group: cursor.optionalText(2), contentHash: cursor.text(3))
            if !cursor.isNull(4) { votes.knownAnswer = table.index(cursor.bytes(4)) }
            if !cursor.isNull(5) { Self.addVote(cursor, at: 5, labels: table, to: &votes) }
            repeat {
                if !cursor.isNull(8) { Self.addVote(cursor, at: 8, labels: table, to: &votes) }
                try cursor.step()
            } while cursor.hasRow && cursor.int64(0) == id
            try body(key, votes)
        }
    }

    func scanItems(queue: String, labels: [String], history: Bool, wanted: (Int64) -> Bool,
                   _ body: (ExportItem) throws -> Void) throws {
        let table = LabelTable(labels)
        var items = try ExportCursor(db, sql: """
            SELECT i.id, i.external_id, i.content, i.group_key, i.meta, i.gold_label, a.kind, a.label, a.decided_at
            FROM items i LEFT JOIN decisions a ON a.id = i.adjudication_id
            WHERE +i.queue_id = ? ORDER BY i.id
            """, arguments: [queue])
        var heads = try ExportCursor(db, sql: """
            SELECT h.item_id, d.kind, d.label, d.decided_at
            FROM decision_heads h CROSS JOIN decisions d ON d.id = h.decision_id
            WHERE +h.queue_id = ? ORDER BY h.item_id
            """, arguments: [queue])
        var scores = try ExportCursor(db, sql: """
            SELECT s.item_id, s.model, s.category, s.score, s.threshold
            FROM scores s CROSS JOIN items i ON i.id = s.item_id
            WHERE +i.queue_id = ? ORDER BY s.item_id, s.model, s.category
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
        try heads.step()
        try scores.step()
        try decisions.step()
        var votes = ItemVotes(labels: labels.count)
        while try items.step() {
            let id = items.int64(0)
            guard wanted(id) else { continue }
            votes.reset()
            if !items.isNull(5) { votes.knownAnswer = table.index(items.bytes(5)) }
            if !items.isNull(6) { Self.addVote(items, at: 6, labels: table, to: &votes) }
            while heads.hasRow && heads.int64(0) < id { try heads.step() }
            while heads.hasRow && heads.int64(0) == id {
                Self.addVote(heads, at: 1, labels: table, to: &votes)
                try heads.step()
            }
            var itemScores: [ModelScore] = []
            while scores.hasRow && scores.int64(0) < id { try scores.step() }
            while scores.hasRow && scores.int64(0) == id {
                itemScores.append(ModelScore(model: scores.text(1), category: scores.text(2), score: scores.double(3),
                                             threshold: scores.optionalDouble(4)))
                try scores.step()
            }
            var itemHistory: [(decision: Decision, inForce: Bool)] = []
            while decisions.hasRow && decisions.int64(0) < id { try decisions.step() }
            while decisions.hasRow && decisions.int64(0) == id {
                itemHistory.append((Self.decision(decisions, queue: queue), decisions.int64(13) != 0))
                try decisions.step()
            }
            try body(ExportItem(rowID: id, externalID: items.text(1), text: items.text(2), group: items.optionalText(3),
                                metaJSON: items.text(4), scores: itemScores, votes: votes, history: itemHistory))
        }
    }

    private static func decision(_ row: ExportCursor, queue: String) -> Decision {
        var tags: [String] = []
        if let parsed = try? JSONParser.parse(row.bytes(5)), let array = parsed.arrayValue {
            tags = array.compactMap(\.stringValue)
        }
        return Decision(id: row.int64(1), itemRowID: row.int64(0), queue: queue, reviewer: row.text(2),
                        kind: DecisionKind(rawValue: row.text(3)) ?? .skip, label: row.optionalText(4), tags: tags,
                        severity: row.optionalText(6), note: row.optionalText(7), reason: row.optionalText(8),
                        seconds: row.optionalDouble(9), decidedAt: row.double(10),
                        supersedes: row.isNull(11) ? nil : row.int64(11), origin: row.text(12))
    }
}
