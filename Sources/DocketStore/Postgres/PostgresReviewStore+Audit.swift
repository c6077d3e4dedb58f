import DocketCore

extension PostgresReviewStore {
    /// Checks the history without changing it: the audit log's hash chain and every decision head.
    public func checkHistory() throws -> HistoryCheck {
        throw notYetOnPostgres("the history check")
    }

    /// Appends an audit entry for an action recorded outside the store's own writes.
    public func recordAudit(actor: String, action: String, queue: String?, detail: [(String, JSONValue)]) throws {
        throw notYetOnPostgres("recording an audit entry")
    }

    /// Audit entries matching `filter`, oldest first.
    public func auditEntries(_ filter: AuditFilter) throws -> [AuditEntry] {
        throw notYetOnPostgres("the audit log")
    }
}
