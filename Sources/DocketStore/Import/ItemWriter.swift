import DocketCore
import GRDB

/// Writes import records with prepared statements reused across a whole import.
///
/// The per-item statements (find, insert, update, scores, explanations) are bound through
/// ``RawStatement``; the queue id and the import time are bound once, since SQLite keeps bindings
/// across resets. Imported decisions are rare and go through GRDB as usual.
final class ItemWriter {
    private let db: Database
    private let queue: QueueDefinition
    private let find: RawStatement
    private let insertItem: RawStatement
    private let updateItem: RawStatement
    private let deleteScores: RawStatement
    private let deleteExplanations: RawStatement
    private let insertScore: RawStatement
    /// Multi-row score inserts by row count (index 2...maxScoreRows): one statement per item instead of one per score.
    private var insertScores: [RawStatement?] = []
    private static let maxScoreRows = 8
    /// Whether the last record named an item already stored: then the next one looks up before inserting.
    private var lastWasStored = true
    private let insertItemNew: RawStatement
    private let insertExplanation: RawStatement
    private let findHead: Statement
    private let insertDecision: Statement
    private let insertHead: Statement
    private let bumpLabels: Statement
    private let now = ReviewStore.now()
    /// Metadata and spans are written here as JSON and bound as bytes: one buffer for the whole import.
    private var json = JSONWriter(capacity: 4096)

    init(db: Database, queue: QueueDefinition) throws {
        self.db = db
        self.queue = queue
        find = try RawStatement(db, sql: "SELECT id, record_hash FROM items WHERE queue_id = ?1 AND external_id = ?2")
        find.bind(1, queue.id)
        insertItem = try RawStatement(db, sql: """
            INSERT INTO items (queue_id, external_id, kind, content, turns, meta, group_key, content_hash, source,
                reports, created_at, ingested_at, record_hash, gold_label, is_gold, priority)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
            """)
        insertItem.bind(1, queue.id)
        insertItem.bind(12, now)
        insertItemNew = try RawStatement(db, sql: """
            INSERT INTO items (queue_id, external_id, kind, content, turns, meta, group_key, content_hash, source,
                reports, created_at, ingested_at, record_hash, gold_label, is_gold, priority)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)
            ON CONFLICT (queue_id, external_id) DO NOTHING
            """)
        insertItemNew.bind(1, queue.id)
        insertItemNew.bind(12, now)
        updateItem = try RawStatement(db, sql: """
            UPDATE items SET kind = ?1, content = ?2, turns = ?3, meta = ?4, group_key = ?5, content_hash = ?6, source = ?7,
                reports = ?8, created_at = ?9, record_hash = ?10, gold_label = ?11, is_gold = ?12, priority = ?13
            WHERE id = ?14
            """)
        deleteScores = try RawStatement(db, sql: "DELETE FROM scores WHERE item_id = ?1")
        deleteExplanations = try RawStatement(db, sql: "DELETE FROM explanations WHERE item_id = ?1")
        insertScore = try RawStatement(db, sql: "INSERT OR REPLACE INTO scores (item_id, model, category, score, threshold) VALUES (?1, ?2, ?3, ?4, ?5)")
        insertExplanation = try RawStatement(db, sql: "INSERT OR REPLACE INTO explanations (item_id, model, text, spans) VALUES (?1, ?2, ?3, ?4)")
        findHead = try db.makeStatement(sql: "SELECT 1 FROM decision_heads WHERE item_id = ? AND reviewer = ?")
        insertDecision = try db.makeStatement(sql: """
            INSERT INTO decisions (item_id, queue_id, reviewer, kind, label, tags, severity, note, decided_at, origin)
            VALUES (?, ?, ?, 'label', ?, ?, ?, ?, ?, 'import')
            """)
        insertHead = try db.makeStatement(sql: """
            INSERT INTO decision_heads (item_id, reviewer, queue_id, decision_id, kind, label, tags, decided_at)
            VALUES (?, ?, ?, ?, 'label', ?, ?, ?)
            """)
        bumpLabels = try db.makeStatement(sql: """
            UPDATE items SET label_count = label_count + ?,
                state = CASE WHEN state = 0 AND is_gold = 0 AND label_count + ? >= ? THEN 1 ELSE state END
            WHERE id = ?
            """)
    }

    func write(_ record: ImportRecord, fingerprint: UInt64, into summary: inout ImportSummary) throws {
        try validate(record)
        let hash = Int64(bitPattern: fingerprint)
        var existing: Int64?
        // A first import is mostly new items, a re-import mostly stored ones: look up first only while
        // the records seen last were stored, else insert and look up only when the insert finds a conflict.
        let lookedUp = lastWasStored
        if lookedUp {
            if let stored = try storedItem(record.id) {
                if stored.hash == hash {
                    summary.unchanged += 1
                    lastWasStored = true
                    return
                }
                existing = stored.id
            }
        }
        let createdAt = record.createdAt ?? now
        let priority = queue.priority.sortKey(.init(scores: record.scores, reports: record.reports, createdAt: createdAt))
        let turns: String? = record.turns.isEmpty ? nil : JSONWriter.string(.array(record.turns.map {
            .object([("speaker", .string($0.speaker)), ("text", .string($0.text))])
        }))
        json.removeAll()
        json.write(record.meta)   // the metadata until the item row is written
        let contentHash = ContentHash.of(record.text)
        let isGold = record.gold == nil ? 0 : 1
        if existing == nil {
            let s = lookedUp ? insertItem : insertItemNew
            s.bind(2, record.id); s.bind(3, record.kind.rawValue); s.bind(4, record.text); s.bind(5, turns)
            s.bind(6, utf8: json.bytes); s.bind(7, record.group); s.bind(8, contentHash); s.bind(9, record.source)
            s.bind(10, record.reports); s.bind(11, createdAt); s.bind(13, hash); s.bind(14, record.gold)
            s.bind(15, isGold); s.bind(16, priority)
            try s.execute()
            if !lookedUp && db.changesCount == 0 {
                // The external id is stored already (ON CONFLICT DO NOTHING wrote nothing).
                lastWasStored = true
                guard let stored = try storedItem(record.id) else { throw DocketError.refused("item '\(record.id)' conflicts but cannot be found") }
                if stored.hash == hash {
                    summary.unchanged += 1
                    return
                }
                existing = stored.id
            }
        }
        let itemID: Int64
        if let existing {
            let s = updateItem
            s.bind(1, record.kind.rawValue); s.bind(2, record.text); s.bind(3, turns); s.bind(4, utf8: json.bytes)
            s.bind(5, record.group); s.bind(6, contentHash); s.bind(7, record.source); s.bind(8, record.reports)
            s.bind(9, createdAt); s.bind(10, hash); s.bind(11, record.gold); s.bind(12, isGold)
            s.bind(13, priority); s.bind(14, existing)
            try s.execute()
            deleteScores.bind(1, existing)
            try deleteScores.execute()
            deleteExplanations.bind(1, existing)
            try deleteExplanations.execute()
            itemID = existing
            summary.updated += 1
            lastWasStored = true
        } else {
            itemID = db.lastInsertedRowID
            summary.inserted += 1
            lastWasStored = false
        }
        try writeScores(record.scores, item: itemID)
        for explanation in record.explanations {
            let s = insertExplanation
            s.bind(1, itemID); s.bind(2, explanation.model); s.bind(3, explanation.text)
            json.removeAll()
            SpanCoding.write(explanation.spans, to: &json)
            s.bind(4, utf8: json.bytes)
            try s.execute()
        }
        var added = 0
        for decision in record.decisions {
            if existing != nil, try Row.fetchOne(findHead, arguments: [itemID, decision.reviewer]) != nil { continue }
            let tags = JSONWriter.string(.array(decision.tags.map { .string($0) }))
            let decidedAt = decision.at ?? now
            insertDecision.setUncheckedArguments([itemID, queue.id, decision.reviewer, decision.label, tags,
                                                  decision.severity, decision.note, decidedAt])
            try insertDecision.execute()
            insertHead.setUncheckedArguments([itemID, decision.reviewer, queue.id, db.lastInsertedRowID, decision.label, tags, decidedAt])
            try insertHead.execute()
            added += 1
        }
        if added > 0 {
            try bumpLabels.execute(arguments: [added, added, queue.overlap, itemID])
            summary.decisionsAdded += added
        }
    }

    /// The stored item with external id `id` in this queue, with the fingerprint of the record it came from.
    private func storedItem(_ id: String) throws -> (id: Int64, hash: Int64)? {
        find.bind(2, id)
        return try find.fetchOne { row in (id: row.int64(0), hash: row.int64(1)) }
    }

    /// Writes an item's scores, several rows per statement: a statement's fixed cost (start, halt,
    /// reset) was a large part of the import, and an item has about five scores.
    private func writeScores(_ scores: [ModelScore], item: Int64) throws {
        var rest = scores[...]
        while !rest.isEmpty {
            let rows = min(rest.count, Self.maxScoreRows)
            let s = try scoreStatement(rows: rows)
            s.bind(1, item)
            var position: Int32 = 2
            for score in rest.prefix(rows) {
                s.bind(position, score.model); s.bind(position + 1, score.category); s.bind(position + 2, score.score)
                s.bind(position + 3, score.threshold)
                position += 4
            }
            try s.execute()
            rest = rest.dropFirst(rows)
        }
    }

    /// The statement inserting `rows` scores of one item (item id in ?1, then model, category, score,
    /// threshold per row); later rows replace earlier ones with the same model and category, as one
    /// statement per row did.
    private func scoreStatement(rows: Int) throws -> RawStatement {
        if rows == 1 { return insertScore }
        if insertScores.isEmpty { insertScores = Array(repeating: nil, count: Self.maxScoreRows + 1) }
        if let statement = insertScores[rows] { return statement }
        let values = (0..<rows).map { row in
            let base = 2 + 4 * row
            return "(?1, ?\(base), ?\(base + 1), ?\(base + 2), ?\(base + 3))"
        }
        let statement = try RawStatement(db, sql: "INSERT OR REPLACE INTO scores (item_id, model, category, score, threshold) VALUES "
                                         + values.joined(separator: ", "))
        insertScores[rows] = statement
        return statement
    }

    /// Checks a record against the queue's taxonomy before anything is written.
    private func validate(_ record: ImportRecord) throws(InputError) {
        if let gold = record.gold, queue.label(gold) == nil {
            throw InputError(field: "gold", "'\(gold)' is not a label of queue '\(queue.id)' (labels: \(queue.labels.map(\.id).joined(separator: ", ")))")
        }
        var reviewers: Set<String> = []
        for (index, decision) in record.decisions.enumerated() {
            let field = "decisions[\(index)]"
            guard reviewers.insert(decision.reviewer).inserted else {
                throw InputError(field: field + ".reviewer", "reviewer '\(decision.reviewer)' decides this item twice")
            }
            do {
                try queue.validate(label: decision.label, tags: decision.tags, severity: decision.severity)
            } catch {
                throw InputError(field: field, error.description)
            }
        }
    }
}

