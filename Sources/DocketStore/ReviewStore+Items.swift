import DocketCore
import GRDB

extension ReviewStore {
    /// The item `externalID` of `queue`, with its scores and explanations.
    public func item(queue: String, externalID: String) throws -> Item {
        try pool.read { db in
            guard let rowID = try Int64.fetchOne(db, sql: "SELECT id FROM items WHERE queue_id = ? AND external_id = ?",
                                                 arguments: [queue, externalID]) else {
                throw DocketError.notFound("queue '\(queue)' has no item '\(externalID)'")
            }
            return try loadItem(db, rowID: rowID)
        }
    }

    /// The item with the store's row id `rowID`.
    public func item(rowID: Int64) throws -> Item {
        try pool.read { db in try loadItem(db, rowID: rowID) }
    }

    func loadItem(_ db: Database, rowID: Int64) throws -> Item {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT id, queue_id, external_id, kind, content, turns, meta, group_key, content_hash, source, reports,
                created_at, ingested_at FROM items WHERE id = ?
            """, arguments: [rowID]) else {
            throw DocketError.notFound("no item with row id \(rowID)")
        }
        var item = Item(rowID: row[0], queue: row[1], externalID: row[2], kind: ContentKind(rawValue: row[3]) ?? .text,
                        text: row[4], group: row[7], contentHash: row[8], source: row[9], reports: row[10],
                        createdAt: row[11], ingestedAt: row[12])
        if let turns: String = row[5], let value = try? JSONParser.parse(turns), let list = value.arrayValue {
            item.turns = list.map { Turn(speaker: $0["speaker"]?.stringValue ?? "", text: $0["text"]?.stringValue ?? "") }
        }
        if let meta: String = row[6], let value = try? JSONParser.parse(meta) { item.meta = value }
        item.scores = try fetchScores(db, itemID: rowID)
        item.explanations = try Row.fetchAll(db, sql: "SELECT model, text, spans FROM explanations WHERE item_id = ? ORDER BY model",
                                             arguments: [rowID]).map { Explanation(model: $0[0], text: $0[1], spans: SpanCoding.decode($0[2])) }
        return item
    }

    /// Open items of `queue` that still need decisions (gold items not counted): the "remaining" figure.
    public func remainingCount(queue: String) throws -> Int {
        try pool.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM items WHERE queue_id = ? AND state = 0 AND is_gold = 0",
                             arguments: [queue]) ?? 0
        }
    }
}
