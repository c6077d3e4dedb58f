import DocketCore
import Foundation
import GRDB

/// Writes ``StoreRecord``s into an empty SQLite file inside the caller's transaction, with statements prepared
/// once. Items are looked up by queue and external id (the `items` unique key) to find the row ids that decisions,
/// heads, leases and audit lines point to here.
struct SQLiteRecordLoader {
    private let db: Database
    private let info, reviewer, queue, assignment, item, decision, head, lease, audit, itemID: Statement
    /// The audit chain is signed anew in the copy (its rows' item ids are this file's): the hash of the last row.
    private var auditChain: (id: Int64, hash: String)

    init(_ db: Database) throws {
        self.db = db
        info = try db.makeStatement(sql: "INSERT OR REPLACE INTO docket_info (key, value) VALUES (?, ?)")
        reviewer = try db.makeStatement(sql: "INSERT INTO reviewers (name, role, created_at) VALUES (?, ?, ?)")
        queue = try db.makeStatement(sql: """
            INSERT INTO queues (id, title, definition, overlap, gold_rate, lease_seconds, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        assignment = try db.makeStatement(sql: "INSERT INTO queue_reviewers (queue_id, reviewer) VALUES (?, ?)")
        item = try db.makeStatement(sql: """
            INSERT INTO items (queue_id, external_id, kind, content, turns, meta, group_key, content_hash, source, reports,
                created_at, ingested_at, record_hash, gold_label, is_gold, priority, state, label_count, adjudication_id,
                scores_json, explanations_json, media_json)
            VALUES (?, ?, ?, CAST(? AS TEXT), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        decision = try db.makeStatement(sql: """
            INSERT INTO decisions (id, item_id, queue_id, reviewer, kind, label, tags, severity, note, reason, seconds,
                decided_at, supersedes, origin)
            SELECT ?1, i.id, ?2, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14 FROM items i WHERE i.queue_id = ?2 AND i.external_id = ?3
            """)
        // A head carries copies of its decision's columns (schema v5), taken from the decision just written.
        head = try db.makeStatement(sql: """
            INSERT INTO decision_heads (item_id, reviewer, queue_id, decision_id, kind, label, tags, seconds, decided_at)
            SELECT i.id, ?3, ?1, d.id, d.kind, d.label, d.tags, d.seconds, d.decided_at
            FROM items i JOIN decisions d ON d.id = ?4 WHERE i.queue_id = ?1 AND i.external_id = ?2
            """)
        lease = try db.makeStatement(sql: """
            INSERT INTO leases (item_id, reviewer, queue_id, claimed_at, expires_at)
            SELECT i.id, ?3, ?1, ?4, ?5 FROM items i WHERE i.queue_id = ?1 AND i.external_id = ?2
            """)
        audit = try db.makeStatement(sql: "INSERT INTO audit (id, at, actor, action, queue_id, item_id, detail, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        itemID = try db.makeStatement(sql: "SELECT id FROM items WHERE queue_id = ? AND external_id = ?")
        auditChain = try AuditChain.head(db)
    }

    /// Writes one record.
    mutating func write(_ record: StoreRecord) throws {
        switch record {
        case let .info(key, value):
            try info.execute(arguments: [key, value])
        case let .reviewer(name, role, createdAt):
            try reviewer.execute(arguments: [name, role, createdAt])
        case let .queue(q):
            try queue.execute(arguments: [q.id, q.title, q.yaml, q.overlap, q.goldRate, q.leaseSeconds, q.updatedAt])
        case let .assignment(queueID, name):
            try assignment.execute(arguments: [queueID, name])
        case let .item(i):
            // Content goes in as bytes made text: bound as a Swift string it would end at its first NUL.
            try item.execute(arguments: [i.queue, i.externalID, i.kind, Data(i.content.utf8), i.turns, i.meta, i.group, i.contentHash, i.source,
                                         i.reports, i.createdAt, i.ingestedAt, i.recordHash, i.goldLabel, i.isGold ? 1 : 0, i.priority,
                                         i.state, i.labelCount, i.adjudicationID, i.scoresJSON, i.explanationsJSON, i.mediaJSON])
        case let .decision(d):
            try decision.execute(arguments: [d.id, d.queue, d.externalID, d.reviewer, d.kind, d.label, d.tagsJSON, d.severity, d.note,
                                             d.reason, d.seconds, d.decidedAt, d.supersedes, d.origin])
            try expectOneRow("decision #\(d.id)", queue: d.queue, externalID: d.externalID)
        case let .head(queueID, externalID, name, decisionID):
            try head.execute(arguments: [queueID, externalID, name, decisionID])
            try expectOneRow("the decision in force #\(decisionID)", queue: queueID, externalID: externalID)
        case let .lease(queueID, externalID, name, claimedAt, expiresAt):
            try lease.execute(arguments: [queueID, externalID, name, claimedAt, expiresAt])
            try expectOneRow("a lease of \(name)", queue: queueID, externalID: externalID)
        case let .audit(id, at, actor, action, queueID, itemQueue, externalID, detail):
            var row: Int64?
            if let itemQueue, let externalID { row = try Int64.fetchOne(itemID, arguments: [itemQueue, externalID]) }
            let hash = AuditChain.hash(previous: auditChain.hash, id: id, at: at, actor: actor, action: action, queue: queueID,
                                       item: row, detail: detail)
            try audit.execute(arguments: [id, at, actor, action, queueID, row, detail, hash])
            auditChain = (id, hash)
        }
    }

    /// An `INSERT ... SELECT` that found no item wrote nothing: the source named an item it did not send.
    private func expectOneRow(_ what: String, queue: String, externalID: String) throws {
        guard db.changesCount == 1 else {
            throw DocketError.refused("cannot copy \(what): the source has no item '\(externalID)' in queue '\(queue)' before it")
        }
    }
}
