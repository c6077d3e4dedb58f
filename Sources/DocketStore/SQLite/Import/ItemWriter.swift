import DocketCore
import GRDB
import Synchronization

/// Writes import records with prepared statements reused across a whole import.
///
/// The per-item statements (find, insert, update) are bound through ``RawStatement``; the queue id and the
/// import time are bound once, since SQLite keeps bindings across resets. An item is one row: its scores and
/// explanations are columns in their stored forms (``ScoreCoding``, ``ExplanationCoding``). Imported decisions
/// are rare and go through GRDB as usual.
final class ItemWriter {
    private let db: Database
    private let queue: QueueDefinition
    private let find: RawStatement
    private let insertItem: RawStatement
    private let updateItem: RawStatement
    /// Whether the last record named an item already stored: then the next one looks up before inserting.
    private var lastWasStored = true
    private let insertItemNew: RawStatement
    private let findHead: Statement
    private let insertDecision: Statement
    private let insertHead: Statement
    private let bumpLabels: Statement
    /// The import's time: the ingest time of every item, and the creation time of records without one.
    let now = Timestamp.now()
    /// Resolves and hashes the images of the records from the current source file.
    var media: MediaResolver?
    private lazy var mediaWriter = ItemMediaWriter(db: db)

    init(db: Database, queue: QueueDefinition) throws {
        self.db = db
        self.queue = queue
        find = try RawStatement(db, sql: "SELECT id, record_hash FROM items WHERE queue_id = ?1 AND external_id = ?2")
        find.bind(1, queue.id)
        insertItem = try RawStatement(db, sql: """
            INSERT INTO items (queue_id, external_id, kind, content, turns, meta, group_key, content_hash, source,
                reports, created_at, ingested_at, record_hash, gold_label, is_gold, priority, scores_json, explanations_json)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
            """)
        insertItem.bind(1, queue.id)
        insertItem.bind(12, now)
        insertItemNew = try RawStatement(db, sql: """
            INSERT INTO items (queue_id, external_id, kind, content, turns, meta, group_key, content_hash, source,
                reports, created_at, ingested_at, record_hash, gold_label, is_gold, priority, scores_json, explanations_json)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
            ON CONFLICT (queue_id, external_id) DO NOTHING
            """)
        insertItemNew.bind(1, queue.id)
        insertItemNew.bind(12, now)
        updateItem = try RawStatement(db, sql: """
            UPDATE items SET kind = ?1, content = ?2, turns = ?3, meta = ?4, group_key = ?5, content_hash = ?6, source = ?7,
                reports = ?8, created_at = ?9, record_hash = ?10, gold_label = ?11, is_gold = ?12, priority = ?13,
                scores_json = ?15, explanations_json = ?16
            WHERE id = ?14
            """)
        findHead = try db.makeStatement(sql: "SELECT 1 FROM decision_heads WHERE item_id = ? AND reviewer = ?")
        insertDecision = try db.makeStatement(sql: """
            INSERT INTO decisions (item_id, queue_id, reviewer, kind, label, tags, severity, note, seconds, decided_at, origin)
            VALUES (?, ?, ?, 'label', ?, ?, ?, ?, ?, ?, 'import')
            """)
        insertHead = try db.makeStatement(sql: """
            INSERT INTO decision_heads (item_id, reviewer, queue_id, decision_id, kind, label, tags, seconds, decided_at)
            VALUES (?, ?, ?, ?, 'label', ?, ?, ?, ?)
            """)
        bumpLabels = try db.makeStatement(sql: """
            UPDATE items SET label_count = label_count + ?,
                state = CASE WHEN state = 0 AND is_gold = 0 AND label_count + ? >= ? THEN 1 ELSE state END
            WHERE id = ?
            """)
    }

    /// Writes one record. `prepared`: its columns worked out beforehand (``StoredItemFields``, with this
    /// writer's ``now``); when nil they are worked out here, and only if the record is not unchanged.
    func write(_ original: ImportRecord, fields prepared: StoredItemFields?, fingerprint original64: UInt64, into summary: inout ImportSummary) throws {
        try queue.checkImported(original)
        // Images are resolved and hashed first, and their hashes join the fingerprint: a changed file makes a
        // changed record, so a re-import stores the new file's hash.
        var record = original
        var fingerprint = original64
        if !record.media.isEmpty {
            let resolver = media ?? MediaResolver(importFile: "-")
            record.media = try ItemMediaWriter.resolve(record.media, with: resolver)
            fingerprint = ItemMediaWriter.fingerprint(fingerprint, record.media)
        }
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
        let fields = prepared ?? StoredItemFields(record, policy: queue.priority, importedAt: now)
        let isGold = record.gold == nil ? 0 : 1
        if existing == nil {
            let s = lookedUp ? insertItem : insertItemNew
            s.bind(2, record.id); s.bind(3, record.kind.rawValue); s.bind(4, record.text); s.bind(5, fields.turnsJSON)
            s.bind(6, utf8: fields.metaJSON); s.bind(17, utf8: fields.scoresJSON); s.bind(18, utf8: fields.explanationsJSON)
            s.bind(7, record.group); s.bind(8, fields.contentHash); s.bind(9, record.source)
            s.bind(10, record.reports); s.bind(11, fields.createdAt); s.bind(13, hash); s.bind(14, record.gold)
            s.bind(15, isGold); s.bind(16, fields.priority)
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
            s.bind(1, record.kind.rawValue); s.bind(2, record.text); s.bind(3, fields.turnsJSON)
            s.bind(4, utf8: fields.metaJSON); s.bind(15, utf8: fields.scoresJSON); s.bind(16, utf8: fields.explanationsJSON)
            s.bind(5, record.group); s.bind(6, fields.contentHash); s.bind(7, record.source); s.bind(8, record.reports)
            s.bind(9, fields.createdAt); s.bind(10, hash); s.bind(11, record.gold); s.bind(12, isGold)
            s.bind(13, fields.priority); s.bind(14, existing)
            try s.execute()
            itemID = existing
            summary.updated += 1
            lastWasStored = true
        } else {
            itemID = db.lastInsertedRowID
            summary.inserted += 1
            lastWasStored = false
        }
        if !record.media.isEmpty || existing != nil { try mediaWriter.write(record, itemID: itemID) }
        var added = 0
        for decision in record.decisions {
            if existing != nil, try Row.fetchOne(findHead, arguments: [itemID, decision.reviewer]) != nil { continue }
            let tags = JSONWriter.string(.array(decision.tags.map { .string($0) }))
            let decidedAt = decision.at ?? now
            insertDecision.setUncheckedArguments([itemID, queue.id, decision.reviewer, decision.label, tags,
                                                  decision.severity, decision.note, decision.seconds, decidedAt])
            try insertDecision.execute()
            insertHead.setUncheckedArguments([itemID, decision.reviewer, queue.id, db.lastInsertedRowID, decision.label, tags,
                                              decision.seconds, decidedAt])
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
}


/// An import entry with, for a record, its columns worked out on the reading thread (unless `prepare` is
/// false: then the writer works them out if it needs them).
struct PreparedImportInput: Sendable {
    var input: ImportInput
    var fields: StoredItemFields?

    init(_ input: ImportInput, policy: PriorityPolicy, importedAt now: Double, prepare: Bool) {
        self.input = input
        if prepare, case .record(let record, _, _) = input {
            fields = StoredItemFields(record, policy: policy, importedAt: now)
        }
    }
}

/// Tells the reading thread whether the records written lately were unchanged (a re-import of the same file,
/// whose records need no columns worked out). Only a hint: the writer checks each record, and works the
/// columns out itself for a changed one that came without them.
final class UnchangedRecordsHint: Sendable {
    private let unchanged = Atomic<Bool>(false)

    var recordsAreUnchanged: Bool { unchanged.load(ordering: .relaxed) }

    func set(_ value: Bool) { unchanged.store(value, ordering: .relaxed) }
}
