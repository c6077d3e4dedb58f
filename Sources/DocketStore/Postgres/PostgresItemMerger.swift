import DocketCore

/// Writes an import's rows into `items` on PostgreSQL, a chunk at a time, inside the caller's transaction:
/// new external ids are inserted, stored ones updated only when their record changed (its fingerprint,
/// `record_hash`), unchanged ones left alone; decisions already stored are never touched, and the decisions a
/// new or changed record carries are added in bulk, as SQLite adds them one by one (same rows, same numbering).
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
    /// The decisions the pending rows carry (none: no decisions to stage or store).
    private var pendingDecisions = 0
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
        pendingDecisions += row.decisions.count
        pendingBytes += row.values.reduce(0) { $0 + ($1?.utf8.count ?? 0) }
    }

    /// Writes every pending row (in the caller's transaction) and counts what happened to each, in a few round
    /// trips whatever the chunk holds: the records, and the decisions they carry, go through COPY into temporary
    /// staging tables (``PostgresImportStatements``), then one statement inserts and updates the items and one
    /// more stores the decisions of the new and changed ones with their decisions in force. Row by row, the
    /// decisions of the 1M-decision benchmark took about 3 statements each.
    func flush(_ c: PostgresConnection, into summary: inout ImportSummary) throws {
        guard !pending.isEmpty else { return }
        defer {
            pending.removeAll(keepingCapacity: true)
            pendingIDs.removeAll(keepingCapacity: true)
            pendingBytes = 0
            pendingDecisions = 0
        }
        if try c.executePrepared("import_staging_exists", PostgresImportStatements.stagingExists).bool(0, 0) == true {
            try c.execute(PostgresImportStatements.truncateStaging)
        } else {
            try c.execute(PostgresImportStatements.createStaging)
        }
        try c.copy(PostgresImportStatements.copyRows) { copy in
            for (ord, row) in pending.enumerated() {
                try copy.row([String(ord), String(row.decisions.count)] + row.values)
            }
        }
        if pendingDecisions > 0 {
            try c.copy(PostgresImportStatements.copyDecisions) { copy in
                for (ord, row) in pending.enumerated() where !row.decisions.isEmpty {
                    for (idx, values) in row.decisionValues(at: now).enumerated() {
                        try copy.row([String(ord), String(idx)] + values)
                    }
                }
            }
        }
        let merged = try c.executePrepared("import_merge", PostgresImportStatements.merge, [queue.id, now, queue.overlap])
        let inserted = Int(merged.int64(0, 0) ?? 0), updated = Int(merged.int64(0, 1) ?? 0)
        summary.inserted += inserted
        summary.updated += updated
        summary.unchanged += pending.count - inserted - updated
        if pendingDecisions > 0 {
            let added = try c.executePrepared("import_decisions", PostgresImportStatements.addDecisions, [queue.id, queue.overlap])
            summary.decisionsAdded += Int(added.int64(0, 0) ?? 0)
        }
    }
}
