import DocketCore

extension PostgresReviewStore {
    /// Imports every entry of `sources` into `queueID`, idempotent by external id (see ``ReviewStore``).
    public func importItems(into queueID: String, from sources: [ImportSource], options: ImportOptions,
                            progress: ((ImportSummary, Int64, Int64?) -> Void)?) throws -> ImportSummary {
        throw notYetOnPostgres("import")
    }
}
