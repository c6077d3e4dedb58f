import DocketCore

extension PostgresReviewStore {
    /// Withdraws `reviewer`'s latest decision in force in `queue` with an `undo` record (history is kept),
    /// leases the item back to them and returns it; nil when there is nothing to undo.
    public func undoLast(queue: String, reviewer: String, origin: String = "cli", now: Double = Timestamp.now()) throws -> Item? {
        try undoLastDecision(queue: queue, reviewer: reviewer, origin: origin, now: now)?.item
    }

    /// ``undoLast(queue:reviewer:origin:now:)`` that also says what was withdrawn; one statement (`docket_undo`,
    /// checked on the server like every change). The item's row is locked before the head is read again, as a
    /// decision locks it, so an undo and a decision of the same item take turns.
    public func undoLastDecision(queue queueID: String, reviewer: String, origin: String = "cli",
                                 now: Double = Timestamp.now()) throws -> UndoneDecision? {
        _ = try queue(queueID)
        return try run { c in try c.transaction { t in
            let release = t.auditCommitWithoutDiskWait()
            let undone = try t.executePrepared(release.isEmpty ? "undo" : "undo_async", "SELECT *\(release) FROM docket_undo($1, $2, $3, $4)",
                                               [queueID, reviewer, origin, now])
            guard let itemID = undone.int64(0, 0), let kind = undone.string(0, 1) else { return nil }
            return UndoneDecision(item: try loadItem(t, id: itemID), kind: DecisionKind(rawValue: kind) ?? .label, label: undone.string(0, 2))
        } }
    }

    /// Records a lead's final decision on an item in one statement (`docket_adjudicate`, which checks on the
    /// server that the caller is a lead); it overrides aggregated labels and completes the item, superseding
    /// an earlier adjudication.
    @discardableResult
    public func adjudicate(queue queueID: String, externalID: String, lead: String, label: String, tags: [String] = [],
                           severity: String? = nil, note: String? = nil, now: Double = Timestamp.now()) throws -> Decision {
        let queue = try queue(queueID)
        try queue.validate(label: label, tags: tags, severity: severity)
        return try run { c in try c.transaction { t in
            let release = t.auditCommitWithoutDiskWait()
            let row = try t.executePrepared(release.isEmpty ? "adjudicate" : "adjudicate_async",
                                            "SELECT *\(release) FROM docket_adjudicate($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)", [
                queueID, externalID, lead, label, JSONWriter.string(.array(tags.map { .string($0) })), severity, note, now,
                JSONWriter.quoted(externalID), JSONWriter.quoted(label)])
            guard let decisionID = row.int64(0, 0) else { throw DocketError.notFound("queue '\(queueID)' has no item '\(externalID)'") }
            return Decision(id: decisionID, externalID: externalID, queue: queueID, reviewer: lead, kind: .adjudication, label: label,
                            tags: tags, severity: severity, note: note, decidedAt: row.double(0, 2) ?? now, supersedes: row.int64(0, 1),
                            origin: "adjudicate")
        } }
    }
}
