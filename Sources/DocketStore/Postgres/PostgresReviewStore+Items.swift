import DocketCore

extension PostgresReviewStore {
    /// The item `externalID` of `queue`, with its scores and explanations.
    public func item(queue: String, externalID: String) throws -> Item {
        try run(retryOnLostConnection: true) { c in
            guard let id = try c.execute("SELECT id FROM items WHERE queue_id = $1 AND external_id = $2", [queue, externalID]).int64(0, 0) else {
                throw DocketError.notFound("queue '\(queue)' has no item '\(externalID)'")
            }
            return try loadItem(c, id: id)
        }
    }

    /// Open items of `queue` that still need decisions (gold items not counted): the "remaining" figure.
    public func remainingCount(queue: String) throws -> Int {
        try run(retryOnLostConnection: true) { c in
            Int(try c.execute("SELECT count(*) FROM items WHERE queue_id = $1 AND state = 0 AND is_gold = 0", [queue]).int64(0, 0) ?? 0)
        }
    }
}
