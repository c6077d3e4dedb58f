import DocketCore

/// Writes ``StoreRecord``s into an empty PostgreSQL database inside the caller's transaction, items by COPY in
/// batches and the rest with prepared statements (the PostgreSQL twin of ``SQLiteRecordLoader``). Items are found by queue and external id (the
/// `items` unique key) for the row ids that decisions, heads, leases and audit lines point to here.
///
/// The append-only triggers need no lifting: a dump arrives in dependency order (queues before items, a decision
/// after the one it supersedes, a head right after its decision, audit rows by id), and loading only inserts.
/// Decision and audit ids are written as they were; ``finish()`` moves the id sequences past them. A parameter used
/// twice is cast to `dtext` at both places: PostgreSQL would otherwise deduce `text` for one and `dtext` for the other.
struct PostgresRecordLoader {
    private let c: PostgresConnection
    /// The audit chain is signed anew in the copy (its rows' item ids are this database's): the last row's hash.
    private var auditChain: String
    /// Items not yet written: they go in by COPY, thousands per round trip, in the order they came.
    private var pendingItems: [StoredItem] = []
    private var pendingBytes = 0

    /// Takes the audit chain's lock for the rest of the transaction, so no append can interleave with the load.
    init(_ c: PostgresConnection) throws {
        self.c = c
        try c.execute("SELECT pg_advisory_xact_lock(\(PostgresSchema.auditLockKey))")
        auditChain = try c.execute("SELECT coalesce(hash, '') FROM audit ORDER BY id DESC LIMIT 1").string(0, 0) ?? ""
    }

    /// Writes one record (an item may wait for the next batch; any other record writes the waiting items first).
    mutating func write(_ record: StoreRecord) throws {
        if case .item(let item) = record {
            pendingItems.append(item)
            pendingBytes += item.content.utf8.count + item.meta.utf8.count + item.scoresJSON.utf8.count + 256
            if pendingItems.count >= 2_000 || pendingBytes >= 8 << 20 { try writePendingItems() }
            return
        }
        try writePendingItems()
        switch record {
        case let .info(key, value):
            try c.executePrepared("copy_info", """
                INSERT INTO docket_info (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value
                """, [key, value])
        case let .reviewer(name, role, createdAt):
            try c.executePrepared("copy_reviewer", "INSERT INTO reviewers (name, role, created_at) VALUES ($1, $2, $3)",
                                  [name, role, createdAt])
        case let .queue(q):
            try c.executePrepared("copy_queue", """
                INSERT INTO queues (id, title, definition, overlap, gold_rate, lease_seconds, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
                """, [q.id, q.title, q.yaml, q.overlap, q.goldRate, q.leaseSeconds, q.updatedAt])
        case let .assignment(queueID, name):
            try c.executePrepared("copy_assignment", "INSERT INTO queue_reviewers (queue_id, reviewer) VALUES ($1, $2)", [queueID, name])
        case .item:
            break  // batched above
        case let .decision(d):
            let written = try c.executePrepared("copy_decision", """
                INSERT INTO decisions (id, item_id, queue_id, reviewer, kind, label, tags, severity, note, reason, seconds,
                    decided_at, supersedes, origin)
                SELECT $1, i.id, $2::dtext, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14 FROM items i WHERE i.queue_id = $2::dtext AND i.external_id = $3
                """, [d.id, d.queue, d.externalID, d.reviewer, d.kind, d.label, d.tagsJSON, d.severity, d.note, d.reason, d.seconds,
                      d.decidedAt, d.supersedes, d.origin])
            try expectOneRow(written, "decision #\(d.id)", queue: d.queue, externalID: d.externalID)
        case let .head(queueID, externalID, name, decisionID):
            // A head carries copies of its decision's columns, taken from the decision just written.
            let written = try c.executePrepared("copy_head", """
                INSERT INTO decision_heads (item_id, reviewer, queue_id, decision_id, kind, label, tags, seconds, decided_at)
                SELECT i.id, $3, $1::dtext, d.id, d.kind, d.label, d.tags, d.seconds, d.decided_at
                FROM items i JOIN decisions d ON d.id = $4 WHERE i.queue_id = $1::dtext AND i.external_id = $2
                """, [queueID, externalID, name, decisionID])
            try expectOneRow(written, "the decision in force #\(decisionID)", queue: queueID, externalID: externalID)
        case let .lease(queueID, externalID, name, claimedAt, expiresAt):
            let written = try c.executePrepared("copy_lease", """
                INSERT INTO leases (item_id, reviewer, queue_id, claimed_at, expires_at)
                SELECT i.id, $3, $1::dtext, $4, $5 FROM items i WHERE i.queue_id = $1::dtext AND i.external_id = $2
                """, [queueID, externalID, name, claimedAt, expiresAt])
            try expectOneRow(written, "a lease of \(name)", queue: queueID, externalID: externalID)
        case let .audit(id, at, actor, action, queueID, itemQueue, externalID, detail):
            var item: Int64?
            if let itemQueue, let externalID {
                item = try c.executePrepared("copy_item_id", "SELECT id FROM items WHERE queue_id = $1 AND external_id = $2",
                                             [itemQueue, externalID]).int64(0, 0)
            }
            let hash = AuditChain.hash(previous: auditChain, id: id, at: at, actor: actor, action: action, queue: queueID,
                                       item: item, detail: detail)
            try c.executePrepared("copy_audit", """
                INSERT INTO audit (id, at, actor, action, queue_id, item_id, detail, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                """, [id, at, actor, action, queueID, item, detail, hash])
            auditChain = hash
        }
    }

    /// Writes the waiting items in one COPY (items have no row ids in a dump: they get this database's, in order).
    private mutating func writePendingItems() throws {
        guard let first = pendingItems.first, let last = pendingItems.last else { return }
        do {
            try c.copy("""
                COPY items (queue_id, external_id, kind, content, turns, meta, group_key, content_hash, source, reports,
                    created_at, ingested_at, record_hash, gold_label, is_gold, priority, state, label_count, adjudication_id,
                    scores_json, explanations_json, media_json) FROM STDIN
                """) { rows in
                for i in pendingItems {
                    try rows.row([i.queue, i.externalID, i.kind, PostgresStoredText.encode(i.content), i.turns, i.meta, i.group,
                                  i.contentHash, i.source, String(i.reports), i.createdAt.postgresText, i.ingestedAt.postgresText,
                                  String(i.recordHash), i.goldLabel, i.isGold ? "1" : "0", i.priority, String(i.state),
                                  String(i.labelCount), i.adjudicationID.map(String.init), i.scoresJSON, i.explanationsJSON, i.mediaJSON])
                }
            }
        } catch let error as PostgresError {
            throw error.docketError.prefixed("the \(pendingItems.count) items from '\(first.externalID)' (queue '\(first.queue)') to '\(last.externalID)' (queue '\(last.queue)') could not be written")
        }
        pendingItems.removeAll(keepingCapacity: true)
        pendingBytes = 0
    }

    /// Moves each id sequence past the ids written, so that the next decision, item or audit line gets a new one.
    mutating func finish() throws {
        try writePendingItems()
        for table in ["items", "decisions", "audit"] {
            try c.execute("SELECT setval(pg_get_serial_sequence('\(table)', 'id'), max(id)) FROM \(table)")
        }
    }

    /// An `INSERT ... SELECT` that found no item wrote nothing: the source named an item it did not send.
    private func expectOneRow(_ result: PostgresResult, _ what: String, queue: String, externalID: String) throws {
        guard result.affectedRows == 1 else {
            throw DocketError.refused("cannot copy \(what): the source has no item '\(externalID)' in queue '\(queue)' before it")
        }
    }
}
