import DocketCore

extension PostgresReviewStore {
    /// Records a decision at once, in one transaction with its audit line; refused (nothing stored) by the same
    /// rules and words as on SQLite (``DecisionRules``).
    ///
    /// One round trip: `docket_decide` (``PostgresSchema/versionThreeChanges``) checks on the server who is
    /// deciding, locks the item's row (`FOR UPDATE`, as every claim of it does), applies the rules and writes.
    /// When it refuses, it returns the state it refused on and ``DecisionRules/check`` words the refusal here.
    @discardableResult
    public func decide(_ request: DecisionRequest, now: Double = Timestamp.now()) throws -> Decision {
        let queue = try queue(request.queue)
        let label = try DecisionRules.validate(request, queue: queue)
        let externalID: String
        switch request.item { case .external(let id): externalID = id }
        let tags = JSONWriter.string(.array(request.tags.map { .string($0) }))
        // One statement in a transaction of its own, whose commit leaves the audit chain's lock before the disk
        // flush and then waits for the disk (auditCommitWithoutDiskWait, as appendAudit does).
        return try run { c in try c.transaction { t in
            let release = t.auditCommitWithoutDiskWait()
            let row = try t.executePrepared(release.isEmpty ? "decide" : "decide_async", """
                SELECT *\(release) FROM docket_decide($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
                """, [queue.id, externalID, request.reviewer, request.kind.rawValue, label, tags, request.severity, request.note,
                      request.reason, request.seconds, request.origin, request.correct, request.requiresClaim, now,
                      JSONWriter.quoted(externalID), label.map { JSONWriter.quoted($0) }])
            guard row.rowCount == 1 else { throw DocketError.notFound("queue '\(queue.id)' has no item '\(externalID)'") }
            let at = row.double(0, 8) ?? now
            let head = row.int64(0, 4).map { (id: $0, kind: row.string(0, 5) ?? "") }
            guard let decisionID = row.int64(0, 9) else {
                _ = try DecisionRules.check(
                    request, queue: queue, externalID: externalID, state: Int(row.int64(0, 1) ?? 0),
                    labelCount: Int(row.int64(0, 2) ?? 0), isGold: row.int64(0, 3) == 1, head: head, now: at,
                    ownLease: { row.double(0, 6) }, otherLiveLeases: { Int(row.int64(0, 7) ?? 0) })
                throw DocketError.conflict("the server refused the decision on item '\(externalID)' in queue '\(queue.id)'; nothing was recorded")
            }
            return Decision(id: decisionID, externalID: externalID, queue: queue.id, reviewer: request.reviewer, kind: request.kind,
                            label: label, tags: request.tags, severity: request.severity, note: request.note, reason: request.reason,
                            seconds: request.seconds, decidedAt: at, supersedes: head?.id, origin: request.origin)
        } }
    }
}
