import DocketCore
import GRDB

/// How `docket import` behaves.
public struct ImportOptions: Sendable {
    /// All or nothing: the first rejected record rolls back the whole import.
    public var strict: Bool
    /// Records per transaction when not strict.
    public var batchSize: Int
    /// Who runs the import (audit log).
    public var actor: String
    /// How many rejections to keep for the summary (all are counted).
    public var keepRejections: Int

    public init(strict: Bool = false, batchSize: Int = 10_000, actor: String, keepRejections: Int = 1000) {
        self.strict = strict
        self.batchSize = batchSize
        self.actor = actor
        self.keepRejections = keepRejections
    }
}

/// What an import did.
public struct ImportSummary: Equatable, Sendable {
    public var inserted = 0
    /// Existing items whose record changed (new scores, text or metadata); decisions are untouched.
    public var updated = 0
    /// Records identical to what is stored.
    public var unchanged = 0
    public var rejected = 0
    /// Decisions carried by records (labels made elsewhere) that were added.
    public var decisionsAdded = 0
    /// The first rejections, each naming file, line and field.
    public var rejections: [InputError] = []

    public init() {}
}

/// Raised by a strict import: nothing was stored.
public struct StrictImportFailure: Error, CustomStringConvertible {
    public var rejection: InputError
    public var description: String { "\(rejection) (strict import: nothing was stored)" }
}

extension ReviewStore {
    /// Imports every entry of `sources` into `queueID`, in batched transactions and constant memory.
    /// Idempotent by external id: an identical record changes nothing; a changed one updates the
    /// item and replaces its scores and explanations, and never touches decisions already stored.
    public func importItems(into queueID: String, from sources: [ImportSource], options: ImportOptions,
                            progress: ((ImportSummary, Int64, Int64?) -> Void)? = nil) throws -> ImportSummary {
        let queue = try queue(queueID)
        var summary = ImportSummary()
        let totalBytes: Int64? = sources.reduce(Int64(0) as Int64?) { sum, source in
            guard let sum, let size = source.progress.total else { return nil }
            return sum + size
        }
        var doneBefore: Int64 = 0
        try pool.writeWithoutTransaction { db in
            let writer = try ItemWriter(db: db, queue: queue)
            var inBatch = 0
            try db.execute(sql: "BEGIN IMMEDIATE")
            do {
                for source in sources {
                    while let input = try source.next() {
                        switch input {
                        case .rejected(let error):
                            if options.strict { throw StrictImportFailure(rejection: error) }
                            summary.rejected += 1
                            if summary.rejections.count < options.keepRejections { summary.rejections.append(error) }
                        case let .record(record, line, fingerprint):
                            do {
                                try writer.write(record, fingerprint: fingerprint, into: &summary)
                            } catch let error as InputError {
                                let located = error.located(file: source.file, line: line)
                                if options.strict { throw StrictImportFailure(rejection: located) }
                                summary.rejected += 1
                                if summary.rejections.count < options.keepRejections { summary.rejections.append(located) }
                            }
                        }
                        inBatch += 1
                        if !options.strict && inBatch >= options.batchSize {
                            try db.execute(sql: "COMMIT")
                            progress?(summary, doneBefore + source.progress.done, totalBytes)
                            try db.execute(sql: "BEGIN IMMEDIATE")
                            inBatch = 0
                        }
                    }
                    doneBefore += source.progress.done
                }
                try appendAudit(db, actor: options.actor, action: "import", queue: queueID, detail: [
                    ("files", .array(sources.map { .string($0.file) })),
                    ("inserted", .number(String(summary.inserted))), ("updated", .number(String(summary.updated))),
                    ("unchanged", .number(String(summary.unchanged))), ("rejected", .number(String(summary.rejected))),
                    ("decisions_added", .number(String(summary.decisionsAdded))),
                ])
                try db.execute(sql: "COMMIT")
                progress?(summary, doneBefore, totalBytes)
            } catch {
                try? db.execute(sql: "ROLLBACK")
                throw error
            }
        }
        return summary
    }
}

/// Writes import records with prepared statements reused across a whole import.
final class ItemWriter {
    private let db: Database
    private let queue: QueueDefinition
    private let find: Statement
    private let insertItem: Statement
    private let updateItem: Statement
    private let deleteScores: Statement
    private let deleteExplanations: Statement
    private let insertScore: Statement
    private let insertExplanation: Statement
    private let findHead: Statement
    private let insertDecision: Statement
    private let insertHead: Statement
    private let bumpLabels: Statement
    private let now = ReviewStore.now()

    init(db: Database, queue: QueueDefinition) throws {
        self.db = db
        self.queue = queue
        find = try db.makeStatement(sql: "SELECT id, record_hash FROM items WHERE queue_id = ? AND external_id = ?")
        insertItem = try db.makeStatement(sql: """
            INSERT INTO items (queue_id, external_id, kind, content, turns, meta, group_key, content_hash, source,
                reports, created_at, ingested_at, record_hash, gold_label, is_gold, priority)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        updateItem = try db.makeStatement(sql: """
            UPDATE items SET kind = ?, content = ?, turns = ?, meta = ?, group_key = ?, content_hash = ?, source = ?,
                reports = ?, created_at = ?, record_hash = ?, gold_label = ?, is_gold = ?, priority = ?
            WHERE id = ?
            """)
        deleteScores = try db.makeStatement(sql: "DELETE FROM scores WHERE item_id = ?")
        deleteExplanations = try db.makeStatement(sql: "DELETE FROM explanations WHERE item_id = ?")
        insertScore = try db.makeStatement(sql: "INSERT OR REPLACE INTO scores (item_id, model, category, score, threshold) VALUES (?, ?, ?, ?, ?)")
        insertExplanation = try db.makeStatement(sql: "INSERT OR REPLACE INTO explanations (item_id, model, text, spans) VALUES (?, ?, ?, ?)")
        findHead = try db.makeStatement(sql: "SELECT 1 FROM decision_heads WHERE item_id = ? AND reviewer = ?")
        insertDecision = try db.makeStatement(sql: """
            INSERT INTO decisions (item_id, queue_id, reviewer, kind, label, tags, severity, note, decided_at, origin)
            VALUES (?, ?, ?, 'label', ?, ?, ?, ?, ?, 'import')
            """)
        insertHead = try db.makeStatement(sql: "INSERT INTO decision_heads (item_id, reviewer, queue_id, decision_id, kind) VALUES (?, ?, ?, ?, 'label')")
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
        if let row = try Row.fetchOne(find, arguments: [queue.id, record.id]) {
            let storedHash: Int64 = row[1]
            if storedHash == hash {
                summary.unchanged += 1
                return
            }
            existing = row[0]
        }
        let createdAt = record.createdAt ?? now
        let priority = queue.priority.sortKey(.init(scores: record.scores, reports: record.reports, createdAt: createdAt))
        let turns: String? = record.turns.isEmpty ? nil : JSONWriter.string(.array(record.turns.map {
            .object([("speaker", .string($0.speaker)), ("text", .string($0.text))])
        }))
        let meta = JSONWriter.string(record.meta)
        let contentHash = ContentHash.of(record.text)
        let itemID: Int64
        if let existing {
            updateItem.setUncheckedArguments([record.kind.rawValue, record.text, turns, meta, record.group, contentHash,
                                              record.source, record.reports, createdAt, hash, record.gold,
                                              record.gold == nil ? 0 : 1, priority, existing])
            try updateItem.execute()
            try deleteScores.execute(arguments: [existing])
            try deleteExplanations.execute(arguments: [existing])
            itemID = existing
            summary.updated += 1
        } else {
            insertItem.setUncheckedArguments([queue.id, record.id, record.kind.rawValue, record.text, turns, meta, record.group,
                                              contentHash, record.source, record.reports, createdAt, now, hash, record.gold,
                                              record.gold == nil ? 0 : 1, priority])
            try insertItem.execute()
            itemID = db.lastInsertedRowID
            summary.inserted += 1
        }
        for score in record.scores {
            insertScore.setUncheckedArguments([itemID, score.model, score.category, score.score, score.threshold])
            try insertScore.execute()
        }
        for explanation in record.explanations {
            insertExplanation.setUncheckedArguments([itemID, explanation.model, explanation.text, SpanCoding.encode(explanation.spans)])
            try insertExplanation.execute()
        }
        var added = 0
        for decision in record.decisions {
            if existing != nil, try Row.fetchOne(findHead, arguments: [itemID, decision.reviewer]) != nil { continue }
            insertDecision.setUncheckedArguments([itemID, queue.id, decision.reviewer, decision.label,
                                                  JSONWriter.string(.array(decision.tags.map { .string($0) })),
                                                  decision.severity, decision.note, decision.at ?? now])
            try insertDecision.execute()
            insertHead.setUncheckedArguments([itemID, decision.reviewer, queue.id, db.lastInsertedRowID])
            try insertHead.execute()
            added += 1
        }
        if added > 0 {
            try bumpLabels.execute(arguments: [added, added, queue.overlap, itemID])
            summary.decisionsAdded += added
        }
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
