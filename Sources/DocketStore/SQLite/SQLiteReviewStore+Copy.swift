import DocketCore
import GRDB

// `docket copy`: the whole file as backend-neutral records. Items are written in the source's order into an
// empty file, so they get the same order (and, from a SQLite source, the same row ids); decision and audit ids
// are written as they were.
extension SQLiteReviewStore {
    public func isEmpty() throws -> Bool {
        try read { db in
            try Int.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM queues) + (SELECT count(*) FROM items) + (SELECT count(*) FROM reviewers)
                     + (SELECT count(*) FROM audit)
                """) == 0
        }
    }

    public func dump(_ body: (StoreRecord) throws -> Void) throws {
        try read { db in
            try Self.each(db, "SELECT key, value FROM docket_info ORDER BY key") { try body(.info(key: $0[0], value: $0[1])) }
            try Self.each(db, "SELECT name, role, created_at FROM reviewers ORDER BY name") {
                try body(.reviewer(name: $0[0], role: $0[1], createdAt: $0[2]))
            }
            try Self.each(db, "SELECT id, title, definition, overlap, gold_rate, lease_seconds, updated_at FROM queues ORDER BY id") {
                try body(.queue(StoreRecord.Queue(id: $0[0], title: $0[1], yaml: $0[2], overlap: $0[3], goldRate: $0[4],
                                                  leaseSeconds: $0[5], updatedAt: $0[6])))
            }
            try Self.each(db, "SELECT queue_id, reviewer FROM queue_reviewers ORDER BY queue_id, reviewer") {
                try body(.assignment(queue: $0[0], reviewer: $0[1]))
            }
            // Content read as bytes: reading it as a C string would stop at the first NUL.
            try Self.each(db, """
                SELECT queue_id, external_id, kind, CAST(content AS BLOB), turns, meta, group_key, content_hash, source, reports,
                    created_at, ingested_at, record_hash, gold_label, is_gold, priority, state, label_count, adjudication_id,
                    scores_json, explanations_json, media_json
                FROM items ORDER BY id
                """) { row in
                var item = StoredItem(queue: row[0], externalID: row[1], kind: row[2], content: Self.storedText(row[3]), turns: row[4],
                                      meta: row[5], group: row[6], contentHash: row[7], source: row[8], reports: row[9],
                                      createdAt: row[10], ingestedAt: row[11], recordHash: row[12], goldLabel: row[13],
                                      isGold: row[14], priority: row[15], state: row[16], labelCount: row[17],
                                      adjudicationID: row[18], scoresJSON: row[19], explanationsJSON: row[20])
                item.mediaJSON = row[21]
                try body(.item(item))
            }
            // Each decision in force comes right after its decision: then it is its reviewer's newest decision on the
            // item, which is all a head may copy (a lead's later adjudication of an item they also labelled is not).
            try Self.each(db, """
                SELECT d.id, d.queue_id, i.external_id, d.reviewer, d.kind, d.label, d.tags, d.severity, d.note, d.reason, d.seconds,
                    d.decided_at, d.supersedes, d.origin, h.decision_id IS NOT NULL
                FROM decisions d JOIN items i ON i.id = d.item_id
                LEFT JOIN decision_heads h ON h.item_id = d.item_id AND h.reviewer = d.reviewer AND h.decision_id = d.id
                ORDER BY d.id
                """) { row in
                let decision = StoredDecision(id: row[0], queue: row[1], externalID: row[2], reviewer: row[3], kind: row[4],
                                              label: row[5], tagsJSON: row[6], severity: row[7], note: row[8], reason: row[9],
                                              seconds: row[10], decidedAt: row[11], supersedes: row[12], origin: row[13])
                try body(.decision(decision))
                if row[14] as Bool {
                    try body(.head(queue: decision.queue, externalID: decision.externalID, reviewer: decision.reviewer, decisionID: decision.id))
                }
            }
            try Self.each(db, """
                SELECT l.queue_id, i.external_id, l.reviewer, l.claimed_at, l.expires_at FROM leases l JOIN items i ON i.id = l.item_id
                ORDER BY l.item_id, l.reviewer
                """) { try body(.lease(queue: $0[0], externalID: $0[1], reviewer: $0[2], claimedAt: $0[3], expiresAt: $0[4])) }
            try Self.each(db, """
                SELECT a.id, a.at, a.actor, a.action, a.queue_id, i.queue_id, i.external_id, a.detail
                FROM audit a LEFT JOIN items i ON i.id = a.item_id ORDER BY a.id
                """) { row in
                try body(.audit(id: row[0], at: row[1], actor: row[2], action: row[3], queue: row[4], itemQueue: row[5],
                                externalID: row[6], detail: row[7]))
            }
        }
    }

    /// Calls `body` with each row of `sql`, streamed.
    private static func each(_ db: Database, _ sql: String, _ body: (Row) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: sql)
        while let row = try rows.next() { try body(row) }
    }

    public func load(_ source: (_ emit: (StoreRecord) throws -> Void) throws -> Void) throws {
        try writeImmediate { db in
            var loader = try SQLiteRecordLoader(db)
            try source { record in
                // Translated here, naming this database and the record: the error would otherwise leave through
                // the source's read and be reported as the source's.
                do {
                    try translatingErrors { try loader.write(record) }
                } catch let error as DocketError {
                    throw error.prefixed("cannot copy \(record.subject)")
                }
            }
        }
        cachedQueues = [:]
    }
}
