import DocketCore

/// Writes an import's rows into `items` on PostgreSQL, a chunk at a time, inside the caller's transaction:
/// new external ids are inserted, stored ones updated only when their record changed (its fingerprint,
/// `record_hash`), unchanged ones left alone; decisions already stored are never touched.
///
/// Rows wait in ``pending`` until ``flush(_:into:)`` (at most ``chunkSize`` rows or about 32 MB of text, so memory
/// does not grow with the file). A chunk never names an external id twice: a repeat flushes the chunk first, so the second record
/// meets the first one stored, as it does on SQLite, which writes record by record.
final class PostgresItemMerger {
    private let queue: QueueDefinition
    /// The import's time: every new item's ingest time, and the time of imported decisions without one.
    let now: Double
    private let chunkSize: Int
    private var pending: [PostgresImportRow] = []
    private var pendingIDs: Set<String> = []
    /// The text the pending rows hold, so that a chunk of very large records is written before it grows big.
    private var pendingBytes = 0
    private static let chunkBytes = 32 << 20

    init(queue: QueueDefinition, now: Double, chunkSize: Int) {
        self.queue = queue
        self.now = now
        self.chunkSize = max(1, chunkSize)
    }

    /// Queues `row` for writing; writes the pending rows first when they are a full chunk or name its id.
    func add(_ row: PostgresImportRow, _ c: PostgresConnection, into summary: inout ImportSummary) throws {
        if pending.count >= chunkSize || pendingBytes >= Self.chunkBytes || pendingIDs.contains(row.externalID) {
            try flush(c, into: &summary)
        }
        pending.append(row)
        pendingIDs.insert(row.externalID)
        pendingBytes += row.values.reduce(0) { $0 + ($1?.utf8.count ?? 0) }
    }

    /// Writes every pending row (in the caller's transaction) and counts what happened to each: the rows go
    /// through COPY into a temporary staging table, then one statement (``merge``) inserts and updates them all.
    /// The staging table lives until the transaction ends (`ON COMMIT DROP`): committed or rolled back, an
    /// import leaves nothing of it behind.
    func flush(_ c: PostgresConnection, into summary: inout ImportSummary) throws {
        guard !pending.isEmpty else { return }
        defer {
            pending.removeAll(keepingCapacity: true)
            pendingIDs.removeAll(keepingCapacity: true)
            pendingBytes = 0
        }
        if try c.executePrepared("import_staging_exists", "SELECT to_regclass('pg_temp.docket_import_rows') IS NOT NULL").bool(0, 0) == true {
            try c.execute("TRUNCATE docket_import_rows")
        } else {
            try c.execute(Self.createStaging)
        }
        try c.copy("COPY docket_import_rows (ord, has_decisions, \(PostgresImportRow.columns.joined(separator: ", "))) FROM STDIN") { copy in
            for (ord, row) in pending.enumerated() {
                try copy.row([String(ord), row.decisions.isEmpty ? "f" : "t"] + row.values)
            }
        }
        let merged = try c.executePrepared("import_merge", Self.merge, [queue.id, now])
        var withDecisions: [(ord: Int, itemID: Int64, isNew: Bool)] = []
        for r in 0..<merged.rowCount {
            guard let itemID = merged.int64(r, 0) else {
                let inserted = Int(merged.int64(r, 1) ?? 0), updated = Int(merged.int64(r, 2) ?? 0)
                summary.inserted += inserted
                summary.updated += updated
                summary.unchanged += pending.count - inserted - updated
                continue
            }
            withDecisions.append((Int(merged.int64(r, 1) ?? 0), itemID, merged.int64(r, 2) == 1))
        }
        // In file order, so that decisions are numbered as SQLite numbers them.
        for item in withDecisions.sorted(by: { $0.ord < $1.ord }) {
            summary.decisionsAdded += try addDecisions(pending[item.ord].decisions, itemID: item.itemID, itemIsNew: item.isNew, c)
        }
    }

    /// The staging table: the item columns in the items table's own types (so text compares in its collation),
    /// each row's place in the chunk, and whether its record carries decisions.
    static let createStaging = """
        CREATE TEMPORARY TABLE docket_import_rows ON COMMIT DROP AS
        SELECT 0::integer AS ord, false AS has_decisions, \(PostgresImportRow.columns.joined(separator: ", "))
        FROM items WITH NO DATA
        """

    /// Inserts the staged rows in their order (so new items are numbered as on SQLite, in file order), updating
    /// a stored item only when its record changed (`record_hash`); an unchanged one is left as it is. Unchanged
    /// records are left out before the insert (`NOT EXISTS`): ON CONFLICT alone would still lock each of their
    /// rows and draw an id for it, which made re-importing 100,000 unchanged records 5 times slower here (3.9 s
    /// against 0.8 s); the ON CONFLICT test stays for a record another import changes meanwhile. Returns
    /// one row of counts (a NULL id, then how many were inserted and updated), and for each new or changed item
    /// whose record carries decisions its id, its place in the chunk, and 1 when it is new.
    /// The ingest time stays the first import's; state and label count are left to decisions, as on SQLite.
    static let merge: String = {
        let columns = PostgresImportRow.columns
        let updates = columns.dropFirst().map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        return """
            WITH merged AS (
                INSERT INTO items AS i (queue_id, ingested_at, \(columns.joined(separator: ", ")))
                SELECT $1::text, $2::double precision, \(columns.joined(separator: ", ")) FROM docket_import_rows s
                WHERE NOT EXISTS (SELECT 1 FROM items x
                                  WHERE x.queue_id = $1 AND x.external_id = s.external_id AND x.record_hash = s.record_hash)
                ORDER BY ord
                ON CONFLICT (queue_id, external_id) DO UPDATE SET \(updates)
                WHERE i.record_hash <> excluded.record_hash
                RETURNING i.id, i.external_id, i.xmax = 0 AS inserted
            )
            SELECT NULL::bigint, count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM merged
            UNION ALL
            SELECT m.id, s.ord, CASE WHEN m.inserted THEN 1 ELSE 0 END
            FROM merged m JOIN docket_import_rows s ON s.external_id = m.external_id
            WHERE s.has_decisions
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
