import DocketCore

/// Writes an import's rows into `items` on PostgreSQL, a chunk at a time, inside the caller's transaction:
/// new external ids are inserted, stored ones updated only when their record changed (its fingerprint,
/// `record_hash`), unchanged ones left alone; decisions already stored are never touched.
///
/// Rows wait in ``pending`` until ``flush(_:into:)`` (at most ``chunkSize``, so memory does not grow with the
/// file). A chunk never names an external id twice: a repeat flushes the chunk first, so the second record
/// meets the first one stored, as it does on SQLite, which writes record by record.
final class PostgresItemMerger {
    private let queue: QueueDefinition
    /// The import's time: every new item's ingest time, and the time of imported decisions without one.
    let now: Double
    private let chunkSize: Int
    private var pending: [PostgresImportRow] = []
    private var pendingIDs: Set<String> = []

    init(queue: QueueDefinition, now: Double, chunkSize: Int) {
        self.queue = queue
        self.now = now
        self.chunkSize = max(1, chunkSize)
    }

    /// Queues `row` for writing; writes the pending rows first when they are a full chunk or name its id.
    func add(_ row: PostgresImportRow, _ c: PostgresConnection, into summary: inout ImportSummary) throws {
        if pending.count >= chunkSize || pendingIDs.contains(row.externalID) { try flush(c, into: &summary) }
        pending.append(row)
        pendingIDs.insert(row.externalID)
    }

    /// Writes every pending row (in the caller's transaction) and counts what happened to each.
    func flush(_ c: PostgresConnection, into summary: inout ImportSummary) throws {
        guard !pending.isEmpty else { return }
        defer {
            pending.removeAll(keepingCapacity: true)
            pendingIDs.removeAll(keepingCapacity: true)
        }
        for row in pending {
            let parameters: [(any PostgresEncodable)?] = [queue.id, now] + row.values.map { $0 }
            let written = try c.executePrepared("import_upsert", Self.upsert, parameters)
            guard written.rowCount == 1, let itemID = written.int64(0, 0) else {
                summary.unchanged += 1
                continue
            }
            let inserted = written.bool(0, 1) ?? false
            if inserted { summary.inserted += 1 } else { summary.updated += 1 }
            if !row.decisions.isEmpty {
                summary.decisionsAdded += try addDecisions(row.decisions, itemID: itemID, itemIsNew: inserted, c)
            }
        }
    }

    /// One row's insert, or its update when the stored record differs (nothing when it is the same): the item's
    /// id and whether it is new (a row inserted has no `xmax`), no row when unchanged. The ingest time stays the
    /// first import's, and state and label count are left to decisions, as on SQLite.
    static let upsert: String = {
        let columns = PostgresImportRow.columns
        let updates = columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        return """
            INSERT INTO items (queue_id, ingested_at, \(columns.joined(separator: ", ")))
            VALUES ($1, $2, \(columns.indices.map { "$\($0 + 3)" }.joined(separator: ", ")))
            ON CONFLICT (queue_id, external_id) DO UPDATE SET \(updates)
            WHERE items.record_hash <> excluded.record_hash
            RETURNING id, xmax = 0
            """
    }()

    /// Stores a record's imported decisions on its item (skipping, on an item stored before, reviewers who
    /// already have a decision in force there) and counts them into the item's label count and state.
    private func addDecisions(_ decisions: [ImportRecord.ImportedDecision], itemID: Int64, itemIsNew: Bool,
                              _ c: PostgresConnection) throws -> Int {
        var added = 0
        for decision in decisions {
            if !itemIsNew, try c.executePrepared("import_find_head", "SELECT 1 FROM decision_heads WHERE item_id = $1 AND reviewer = $2",
                                                 [itemID, decision.reviewer]).rowCount > 0 {
                continue
            }
            let tags = JSONWriter.string(.array(decision.tags.map { .string($0) }))
            let decidedAt = decision.at ?? now
            let decisionID = try c.executePrepared("import_decision", """
                INSERT INTO decisions (item_id, queue_id, reviewer, kind, label, tags, severity, note, seconds, decided_at, origin)
                VALUES ($1, $2, $3, 'label', $4, $5, $6, $7, $8, $9, 'import') RETURNING id
                """, [itemID, queue.id, decision.reviewer, decision.label, tags, decision.severity, decision.note,
                      decision.seconds, decidedAt]).int64(0, 0)
            try c.executePrepared("import_head", """
                INSERT INTO decision_heads (item_id, reviewer, queue_id, decision_id, kind, label, tags, seconds, decided_at)
                VALUES ($1, $2, $3, $4, 'label', $5, $6, $7, $8)
                """, [itemID, decision.reviewer, queue.id, decisionID, decision.label, tags, decision.seconds, decidedAt])
            added += 1
        }
        if added > 0 {
            try c.executePrepared("import_bump_labels", """
                UPDATE items SET label_count = label_count + $1,
                    state = CASE WHEN state = 0 AND is_gold = 0 AND label_count + $1 >= $2 THEN 1 ELSE state END
                WHERE id = $3
                """, [added, queue.overlap, itemID])
        }
        return added
    }
}
