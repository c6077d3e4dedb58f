import DocketCore

extension PostgresReviewStore {
    /// Hands `reviewer` the next item of `queue` and leases it to them, in one round trip (`docket_claim`):
    /// highest priority first, never an item the reviewer already decided, never more holders than the overlap
    /// still needs, a live lease of theirs first (resume), gold items at the queue's rate while real work
    /// remains. Nil when nothing is left for this reviewer.
    public func claimNext(queue queueID: String, reviewer: String, now: Double = Timestamp.now()) throws -> Item? {
        let queue = try queue(queueID)
        let wantGold = queue.goldRate > 0 && Double.random(in: 0..<1) < queue.goldRate
        return try run(retryOnLostConnection: true) { c in
            // One round trip: docket_claim_as checks who is asking (roles, on the server) and runs docket_claim;
            // the item it leased comes back in the same statement. An item imported after this statement began
            // is claimable (the function looks with fresh snapshots) but not in the join's: read it then.
            // The statement is a transaction of its own: one the server refuses as conflicting runs again. Claims
            // meet most when a whole team starts at once; a claim changes nothing until it leases, so it is tried
            // more often than a decision (16 times, pauses growing to 32 ms: about a quarter of a second at most).
            let claimed = try c.retryingConflicts(attempts: 16) {
                try c.executePrepared("claim", """
                    SELECT \(Self.itemColumns), c.id FROM (SELECT docket_claim_as($1, $2, $3, $4) AS id) AS c
                    LEFT JOIN items i ON i.id = c.id
                    """, [queueID, reviewer, now, wantGold])
            }
            guard let id = claimed.int64(0, Self.itemColumnNames.count) else { return nil }
            return claimed.isNull(0, 1) ? try loadItem(c, id: id) : try item(claimed)
        }
    }

    /// Gives back every lease `reviewer` holds in `queue` (quitting the review screen).
    public func release(queue: String, reviewer: String) throws {
        _ = try run { c in try c.execute("SELECT docket_release($1, $2)", [queue, reviewer]) }
    }

    /// Whether `reviewer` still holds a live lease on the item (false once it expired).
    public func holdsLease(queue: String, externalID: String, reviewer: String, now: Double = Timestamp.now()) throws -> Bool {
        try run { c in
            try c.execute("""
                SELECT l.expires_at > $4 FROM leases l JOIN items i ON i.id = l.item_id
                WHERE i.queue_id = $1 AND i.external_id = $2 AND l.reviewer = $3
                """, [queue, externalID, reviewer, now]).bool(0, 0) ?? false
        }
    }

    /// Extends a live lease (the reviewer is still reading a long item). False when it was already lost.
    @discardableResult
    public func renewLease(queue: String, externalID: String, reviewer: String, now: Double = Timestamp.now()) throws -> Bool {
        try run { c in
            try c.execute("SELECT docket_renew($1, $2, $3, $4)", [queue, externalID, reviewer, now]).bool(0, 0) ?? false
        }
    }

    /// The columns ``item(_:)`` reads, in its order.
    static let itemColumnNames = ["queue_id", "external_id", "kind", "content", "turns", "meta", "group_key", "content_hash",
                                  "source", "reports", "created_at", "ingested_at", "scores_json", "explanations_json", "media_json"]
    static let itemColumns = itemColumnNames.joined(separator: ", ")

    /// The item with the store's id `id`, with its scores and explanations.
    func loadItem(_ c: PostgresConnection, id: Int64) throws -> Item {
        let row = try c.executePrepared("load_item", "SELECT \(Self.itemColumns) FROM items WHERE id = $1", [id])
        guard row.rowCount == 1 else { throw DocketError.notFound("no item with id \(id) in \(path)") }
        return try item(row)
    }

    /// The item in the first row of `row`, whose columns are ``itemColumns``.
    func item(_ row: PostgresResult) throws -> Item {
        guard let queue = row.string(0, 0), let externalID = row.string(0, 1) else {
            throw DocketError.notFound("an item of \(path) has no queue or id")
        }
        var item = Item(queue: queue, externalID: externalID, kind: ContentKind(rawValue: row.string(0, 2) ?? "") ?? .text,
                        text: PostgresStoredText.decode(row.string(0, 3) ?? ""), group: row.string(0, 6), contentHash: row.string(0, 7) ?? "",
                        source: row.string(0, 8), reports: Int(row.int64(0, 9) ?? 0),
                        createdAt: row.double(0, 10) ?? 0, ingestedAt: row.double(0, 11) ?? 0)
        if let turns = row.string(0, 4) { item.turns = Turn.list(fromJSON: turns) }
        if let meta = row.string(0, 5), let value = try? JSONParser.parse(meta) { item.meta = value }
        item.scores = ScoreCoding.decode(row.string(0, 12) ?? "[]")
        item.explanations = ExplanationCoding.decode(row.string(0, 13) ?? "[]")
        item.media = MediaCoding.decode(row.string(0, 14) ?? "[]")
        return item
    }
}
