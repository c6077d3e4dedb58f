import DocketCore

extension PostgresReviewStore {
    /// Checks the history without changing it, in one snapshot: the audit log's hash chain, read through a
    /// cursor (memory stays flat), and every decision head rebuilt from the decisions and compared, with the
    /// SQLite store's words.
    public func checkHistory() throws -> HistoryCheck {
        try run(retryOnLostConnection: true) { c in
            try c.transaction(.repeatableRead, readOnly: true) { t in
                var walk = AuditChainWalk()
                var intact = true
                try t.forEachRow("SELECT id, at, actor, action, queue_id, item_id, detail, hash FROM audit ORDER BY id") { r, i in
                    guard intact else { return }
                    intact = walk.check(id: r.int64(i, 0) ?? 0, at: r.double(i, 1) ?? 0, actor: r.string(i, 2) ?? "",
                                        action: r.string(i, 3) ?? "", queue: r.string(i, 4), item: r.int64(i, 5),
                                        detail: r.string(i, 6) ?? "", stored: r.string(i, 7))
                }
                var check = HistoryCheck(auditRows: walk.rows, brokenAuditRow: walk.broken?.id, auditProblem: walk.broken?.why)
                try compareHeads(t, into: &check)
                return check
            }
        }
    }

    /// Rebuilds every head from the decisions (``HeadCheck``) and records where the stored heads differ, as on SQLite.
    private func compareHeads(_ t: PostgresConnection, into check: inout HistoryCheck) throws {
        let expected = HeadCheck.expected, stored = HeadCheck.stored
        let count = try t.execute("""
            SELECT count(*) FROM ((\(stored) EXCEPT \(expected)) UNION ALL (\(expected) EXCEPT \(stored))) wrong
            """).int64(0, 0) ?? 0
        check.headMismatchCount = Int(count)
        guard count > 0 else { return }
        let wrong = try t.execute("""
            SELECT w.side, w.item_id, w.reviewer, w.decision_id, w.label, coalesce(i.external_id, '#' || w.item_id)
            FROM (SELECT 'stored' AS side, s.* FROM (\(stored) EXCEPT \(expected)) s
                  UNION ALL SELECT 'expected', e.* FROM (\(expected) EXCEPT \(stored)) e) w
            LEFT JOIN items i ON i.id = w.item_id
            ORDER BY w.side DESC, w.item_id, w.reviewer LIMIT 5
            """)
        for row in 0..<wrong.rowCount {
            check.headMismatches.append(HeadCheck.mismatch(stored: wrong.string(row, 0) == "stored", externalID: wrong.string(row, 5) ?? "",
                                                           reviewer: wrong.string(row, 2) ?? "", label: wrong.string(row, 4),
                                                           decision: wrong.int64(row, 3) ?? 0))
        }
    }

    /// Appends an audit entry for an action recorded outside the store's own writes (an export, a report).
    public func recordAudit(actor: String, action: String, queue: String?, detail: [(String, JSONValue)]) throws {
        try run { c in
            try c.transaction { t in try appendAudit(t, actor: actor, action: action, queue: queue, detail: detail, at: Timestamp.now()) }
        }
    }

    /// Audit entries matching `filter`, oldest first (the newest `limit` when a limit is given); an action ending
    /// in "." matches itself without the dot and every action under it.
    public func auditEntries(_ filter: AuditFilter) throws -> [AuditEntry] {
        var conditions: [String] = []
        var arguments: [(any PostgresEncodable)?] = []
        /// The placeholder of a new parameter ($1, $2...).
        func parameter(_ value: any PostgresEncodable) -> String {
            arguments.append(value)
            return "$\(arguments.count)"
        }
        if let since = filter.since { conditions.append("a.at >= \(parameter(since))") }
        if let until = filter.until { conditions.append("a.at < \(parameter(until))") }
        if let actor = filter.actor { conditions.append("a.actor = \(parameter(actor))") }
        if let queue = filter.queue { conditions.append("a.queue_id = \(parameter(queue))") }
        if let action = filter.action {
            if action.hasSuffix(".") {
                let pattern = action.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                    .replacingOccurrences(of: "_", with: "\\_") + "%"
                conditions.append("(a.action = \(parameter(String(action.dropLast()))) OR a.action LIKE \(parameter(pattern)) ESCAPE '\\')")
            } else {
                conditions.append("a.action = \(parameter(action))")
            }
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let limit = filter.limit.map { "LIMIT \(max(0, $0))" } ?? ""
        return try run(retryOnLostConnection: true) { c in
            let rows = try c.execute("""
                SELECT * FROM (
                    SELECT a.id, a.at, a.actor, a.action, a.queue_id, i.external_id, a.detail
                    FROM audit a LEFT JOIN items i ON i.id = a.item_id
                    \(whereClause) ORDER BY a.id DESC \(limit)
                ) newest ORDER BY id
                """, arguments)
            return (0..<rows.rowCount).map { row in
                AuditEntry(id: rows.int64(row, 0) ?? 0, at: rows.double(row, 1) ?? 0, actor: rows.string(row, 2) ?? "",
                           action: rows.string(row, 3) ?? "", queue: rows.string(row, 4), item: rows.string(row, 5),
                           detail: (try? JSONParser.parse(rows.string(row, 6) ?? "")) ?? .object([]))
            }
        }
    }
}
