import DocketCore

extension PostgresReviewStore {
    /// Runs `body` with an `ExportSource` over one consistent snapshot of the database.
    public func withExportSnapshot<T>(_ body: (ExportSource) throws -> T) throws -> T {
        throw notYetOnPostgres("export")
    }

    /// What identifies the data an export of `queue` was made from, for its manifest.
    public func exportIdentity(queue: String) throws -> [(String, JSONValue)] {
        throw notYetOnPostgres("export identity")
    }
}
