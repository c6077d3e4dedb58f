import Foundation
import DocketCore
import GRDB

extension SQLiteReviewStore {
    /// The item `externalID` of `queue`, with its scores and explanations.
    public func item(queue: String, externalID: String) throws -> Item {
        try read { db in
            guard let rowID = try Int64.fetchOne(db, sql: "SELECT id FROM items WHERE queue_id = ? AND external_id = ?",
                                                 arguments: [queue, externalID]) else {
                throw DocketError.notFound("queue '\(queue)' has no item '\(externalID)'")
            }
            return try loadItem(db, rowID: rowID)
        }
    }

    /// The item with this file's row id `rowID` (inside the SQLite backend only: the interface names items by
    /// queue and external id).
    func item(rowID: Int64) throws -> Item {
        try read { db in try loadItem(db, rowID: rowID) }
    }

    /// Content read as bytes: reading it as a C string would stop at the first NUL (see ItemWriter.textBytes).
    static func storedText(_ bytes: Data?) -> String {
        String(decoding: bytes ?? Data(), as: UTF8.self)
    }

    func loadItem(_ db: Database, rowID: Int64) throws -> Item {
        // Cached statements: this runs for every claim, and preparing them cost more than running them.
        // Content read as bytes: reading it as a C string would stop at the first NUL.
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT id, queue_id, external_id, kind, CAST(content AS BLOB), turns, meta, group_key, content_hash, source, reports,
                created_at, ingested_at, scores_json, explanations_json, media_json FROM items WHERE id = ?
            """), arguments: [rowID]) else {
            throw DocketError.notFound("no item with row id \(rowID)")
        }
        var item = Item(queue: (try row.decode(atIndex: 1)), externalID: (try row.decode(atIndex: 2)), kind: ContentKind(rawValue: (try row.decode(atIndex: 3))) ?? .text,
                        text: Self.storedText((try row.decode(atIndex: 4))), group: (try row.decode(atIndex: 7)), contentHash: (try row.decode(atIndex: 8)), source: (try row.decode(atIndex: 9)), reports: (try row.decode(atIndex: 10)),
                        createdAt: (try row.decode(atIndex: 11)), ingestedAt: (try row.decode(atIndex: 12)))
        if let turns: String = (try row.decode(atIndex: 5)) {
            item.turns = Turn.list(fromJSON: turns)
        }
        if let meta: String = (try row.decode(atIndex: 6)), let value = try? JSONParser.parse(meta) { item.meta = value }
        item.scores = ScoreCoding.decode((try row.decode(atIndex: 13)) as String)
        item.explanations = ExplanationCoding.decode((try row.decode(atIndex: 14)) as String)
        item.media = MediaCoding.decode((try row.decode(atIndex: 15)) as String)
        return item
    }

    /// Open items of `queue` that still need decisions (gold items not counted): the "remaining" figure.
    public func remainingCount(queue: String) throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM items WHERE queue_id = ? AND state = 0 AND is_gold = 0",
                             arguments: [queue]) ?? 0
        }
    }
}
