import Foundation
import GRDB

/// Reads a Docket database file directly, after the processes under test are done, to check what they
/// left behind (raw tables such as the audit log, which no read command shows yet).
struct DatabaseFacts {
    let queue: DatabaseQueue

    init(_ path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(10)
        queue = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// The single integer an aggregate query returns.
    func count(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try queue.read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
    }

    /// The rows of a query as text cells, for comparisons and failure messages.
    func rows(_ sql: String, _ arguments: StatementArguments = []) throws -> [[String]] {
        try queue.read { db in
            try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                row.databaseValues.map { value in
                    switch value.storage {
                    case .null: return "NULL"
                    case .int64(let n): return String(n)
                    case .double(let d): return String(d)
                    case .string(let s): return s
                    case .blob(let data): return data.base64EncodedString()
                    }
                }
            }
        }
    }

    /// `PRAGMA integrity_check`, joined: "ok" for a sound file.
    func integrity() throws -> String {
        try queue.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "; ") }
    }

    /// Decisions (label kind) that have no `decision` line in the audit log naming their id.
    func decisionsWithoutAudit() throws -> Int {
        try count("""
            SELECT count(*) FROM decisions d
            WHERE d.kind = 'label' AND d.origin <> 'import' AND NOT EXISTS (
                SELECT 1 FROM audit a WHERE a.action = 'decision' AND a.item_id = d.item_id
                  AND json_extract(a.detail, '$.decision') = d.id AND a.actor = d.reviewer)
            """)
    }
}
