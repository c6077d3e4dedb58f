import DocketCore

extension PostgresReviewStore {
    /// Whether the database holds nothing yet: no queue, item, reviewer or audit entry.
    public func isEmpty() throws -> Bool {
        throw notYetOnPostgres("copy")
    }

    /// Streams everything stored, from one consistent snapshot, as ``StoreRecord``s.
    public func dump(_ body: (StoreRecord) throws -> Void) throws {
        throw notYetOnPostgres("copy")
    }

    /// Writes the records of another store's dump into this empty database in one transaction.
    public func load(_ source: (_ emit: (StoreRecord) throws -> Void) throws -> Void) throws {
        throw notYetOnPostgres("copy")
    }
}
