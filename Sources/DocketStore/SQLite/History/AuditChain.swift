import DocketCore
import GRDB

/// The audit log's hash chain: each row stores the SHA-256 of its own content and of the row before it, so
/// that editing, removing or inserting a row anywhere (even with `sqlite3`, past the triggers) shows at that
/// row when the chain is checked (`docket audit --verify`). The first row follows the empty hash.
enum AuditChain {
    /// The hash a row must carry: SHA-256 over the previous row's hash and the row's fields, each written as
    /// JSON (one array), so that no two different rows share a text.
    static func hash(previous: String, id: Int64, at: Double, actor: String, action: String, queue: String?,
                     item: Int64?, detail: String) -> String {
        let fields: JSONValue = .array([
            .string(previous), .number(String(id)), .number(String(at.bitPattern)), .string(actor), .string(action),
            queue.map { .string($0) } ?? .null, item.map { .number(String($0)) } ?? .null, .string(detail),
        ])
        var hasher = SHA256()
        hasher.update(Array(JSONWriter.string(fields).utf8))
        return hasher.finalizeHex()
    }

    /// The hash of the newest row ("" for an empty log), read inside the writer's transaction.
    static func head(_ db: Database) throws -> (id: Int64, hash: String) {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1")) else {
            return (0, "")
        }
        return (try row.decode(atIndex: 0), (try row.decode(atIndex: 1) as String?) ?? "")
    }

    /// Checks the whole chain in id order; nil when intact, else the first row that does not match with why.
    static func firstBreak(_ db: Database) throws -> (rows: Int, broken: (id: Int64, why: String)?) {
        let cursor = try Row.fetchCursor(db, sql: "SELECT id, at, actor, action, queue_id, item_id, detail, hash FROM audit ORDER BY id")
        var walk = AuditChainWalk()
        while let row = try cursor.next(),
              walk.check(id: try row.decode(atIndex: 0), at: try row.decode(atIndex: 1), actor: try row.decode(atIndex: 2),
                         action: try row.decode(atIndex: 3), queue: try row.decode(atIndex: 4), item: try row.decode(atIndex: 5),
                         detail: try row.decode(atIndex: 6), stored: try row.decode(atIndex: 7)) {}
        return (walk.rows, walk.broken)
    }
}
