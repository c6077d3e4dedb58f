import DocketCore

// `docket copy` on PostgreSQL: the whole database as backend-neutral records, read from one snapshot through
// cursors (memory stays flat whatever its size) and written in one transaction (all or nothing), in the order
// ``StoreRecord`` documents. Items are written in the source's order into an empty database, so they keep it;
// decision and audit ids are kept as they were.
extension PostgresReviewStore {
    /// Whether the database holds nothing yet: no queue, item, reviewer or audit entry.
    public func isEmpty() throws -> Bool {
        try run(retryOnLostConnection: true) { c in
            try c.execute("""
                SELECT (SELECT count(*) FROM queues) + (SELECT count(*) FROM items) + (SELECT count(*) FROM reviewers)
                     + (SELECT count(*) FROM audit)
                """).int64(0, 0) == 0
        }
    }

    /// Streams everything stored, from one consistent snapshot (REPEATABLE READ), as ``StoreRecord``s.
    /// Not retried on a lost connection: `body` has seen records already.
    public func dump(_ body: (StoreRecord) throws -> Void) throws {
        try run { c in
            try c.transaction(.repeatableRead, readOnly: true, attempts: 1) { t in
                try t.forEachRow("SELECT key, value FROM docket_info ORDER BY key") { r, i in
                    try body(.info(key: r.string(i, 0) ?? "", value: r.string(i, 1) ?? ""))
                }
                try t.forEachRow("SELECT name, role, created_at FROM reviewers ORDER BY name") { r, i in
                    try body(.reviewer(name: r.string(i, 0) ?? "", role: r.string(i, 1) ?? "", createdAt: r.double(i, 2) ?? 0))
                }
                try t.forEachRow("SELECT id, title, definition, overlap, gold_rate, lease_seconds, updated_at FROM queues ORDER BY id") { r, i in
                    try body(.queue(StoreRecord.Queue(id: r.string(i, 0) ?? "", title: r.string(i, 1) ?? "", yaml: r.string(i, 2) ?? "",
                                                      overlap: Int(r.int64(i, 3) ?? 0), goldRate: r.double(i, 4) ?? 0,
                                                      leaseSeconds: Int(r.int64(i, 5) ?? 0), updatedAt: r.double(i, 6) ?? 0)))
                }
                try t.forEachRow("SELECT queue_id, reviewer FROM queue_reviewers ORDER BY queue_id, reviewer") { r, i in
                    try body(.assignment(queue: r.string(i, 0) ?? "", reviewer: r.string(i, 1) ?? ""))
                }
                try dumpItems(t, body)
                try dumpDecisions(t, body)
                try t.forEachRow("""
                    SELECT l.queue_id, i.external_id, l.reviewer, l.claimed_at, l.expires_at FROM leases l JOIN items i ON i.id = l.item_id
                    ORDER BY l.item_id, l.reviewer
                    """) { r, i in
                    try body(.lease(queue: r.string(i, 0) ?? "", externalID: r.string(i, 1) ?? "", reviewer: r.string(i, 2) ?? "",
                                    claimedAt: r.double(i, 3) ?? 0, expiresAt: r.double(i, 4) ?? 0))
                }
                try t.forEachRow("""
                    SELECT a.id, a.at, a.actor, a.action, a.queue_id, i.queue_id, i.external_id, a.detail
                    FROM audit a LEFT JOIN items i ON i.id = a.item_id ORDER BY a.id
                    """) { r, i in
                    try body(.audit(id: r.int64(i, 0) ?? 0, at: r.double(i, 1) ?? 0, actor: r.string(i, 2) ?? "", action: r.string(i, 3) ?? "",
                                    queue: r.string(i, 4), itemQueue: r.string(i, 5), externalID: r.string(i, 6), detail: r.string(i, 7) ?? "{}"))
                }
            }
        }
    }

    private func dumpItems(_ t: PostgresConnection, _ body: (StoreRecord) throws -> Void) throws {
        try t.forEachRow("""
            SELECT queue_id, external_id, kind, content, turns, meta, group_key, content_hash, source, reports,
                created_at, ingested_at, record_hash, gold_label, is_gold, priority, state, label_count, adjudication_id,
                scores_json, explanations_json, media_json
            FROM items ORDER BY id
            """) { r, i in
            var item = StoredItem(queue: r.string(i, 0) ?? "", externalID: r.string(i, 1) ?? "", kind: r.string(i, 2) ?? "",
                                  content: PostgresStoredText.decode(r.string(i, 3) ?? ""), turns: r.string(i, 4), meta: r.string(i, 5) ?? "",
                                  group: r.string(i, 6), contentHash: r.string(i, 7) ?? "", source: r.string(i, 8),
                                  reports: Int(r.int64(i, 9) ?? 0), createdAt: r.double(i, 10) ?? 0, ingestedAt: r.double(i, 11) ?? 0,
                                  recordHash: r.int64(i, 12) ?? 0, goldLabel: r.string(i, 13), isGold: (r.int64(i, 14) ?? 0) != 0,
                                  priority: r.string(i, 15) ?? "", state: Int(r.int64(i, 16) ?? 0), labelCount: Int(r.int64(i, 17) ?? 0),
                                  adjudicationID: r.int64(i, 18), scoresJSON: r.string(i, 19) ?? "[]", explanationsJSON: r.string(i, 20) ?? "[]")
            item.mediaJSON = r.string(i, 21) ?? "[]"
            try body(.item(item))
        }
    }

    /// Each decision in force comes right after its decision: then it is its reviewer's newest decision on the
    /// item, which is all a head may copy (as on SQLite).
    private func dumpDecisions(_ t: PostgresConnection, _ body: (StoreRecord) throws -> Void) throws {
        try t.forEachRow("""
            SELECT d.id, d.queue_id, i.external_id, d.reviewer, d.kind, d.label, d.tags, d.severity, d.note, d.reason, d.seconds,
                d.decided_at, d.supersedes, d.origin, h.decision_id IS NOT NULL
            FROM decisions d JOIN items i ON i.id = d.item_id
            LEFT JOIN decision_heads h ON h.item_id = d.item_id AND h.reviewer = d.reviewer AND h.decision_id = d.id
            ORDER BY d.id
            """) { r, i in
            let decision = StoredDecision(id: r.int64(i, 0) ?? 0, queue: r.string(i, 1) ?? "", externalID: r.string(i, 2) ?? "",
                                          reviewer: r.string(i, 3) ?? "", kind: r.string(i, 4) ?? "", label: r.string(i, 5),
                                          tagsJSON: r.string(i, 6) ?? "[]", severity: r.string(i, 7), note: r.string(i, 8),
                                          reason: r.string(i, 9), seconds: r.double(i, 10), decidedAt: r.double(i, 11) ?? 0,
                                          supersedes: r.int64(i, 12), origin: r.string(i, 13) ?? "")
            try body(.decision(decision))
            if r.bool(i, 14) == true {
                try body(.head(queue: decision.queue, externalID: decision.externalID, reviewer: decision.reviewer, decisionID: decision.id))
            }
        }
    }

    /// Writes the records of another store's dump into this empty database in one transaction: everything or,
    /// on any failure, nothing. Not retried: the source has been read once already. A database not in UTF8 (made
    /// by an older Docket) is refused before anything is read: a copy is how its data moves to a UTF8 one.
    public func load(_ source: (_ emit: (StoreRecord) throws -> Void) throws -> Void) throws {
        try run { c in
            try PostgresDatabaseEncoding.requireUTF8(c, toDo: "copy into")
            try c.transaction(attempts: 1) { t in
                var loader = try PostgresRecordLoader(t)
                try source { record in
                    // Translated here, naming this database and the record: the error would otherwise leave through
                    // the source's read and be reported as the source's.
                    do {
                        try loader.write(record)
                    } catch let error as PostgresError {
                        throw error.docketError.prefixed("cannot copy \(record.subject) into \(path)")
                    } catch let error as DocketError {
                        throw error.prefixed("cannot copy \(record.subject)")
                    }
                }
                try loader.finish()
            }
        }
    }
}
