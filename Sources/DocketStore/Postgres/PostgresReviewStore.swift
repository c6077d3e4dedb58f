import DocketCore
import Foundation

/// The review database on a PostgreSQL server, for teams on many machines: the same queues, items, claims,
/// decisions and audit log as ``SQLiteReviewStore``, in the schema of ``PostgresSchema``.
///
/// One connection per store, used by one call at a time (a lock); a connection the server dropped is
/// re-opened at the start of the next call. Every failure leaves this type as a `DocketError`
/// (``PostgresError/docketError``), never as a libpq or SQLSTATE detail alone.
///
/// Work in progress: this type does not conform to ``ReviewStore`` yet, so `StoreLocation.open` does not
/// return it; the parts here (opening and upgrading, queues, claims and leases) are tested on a real server.
public final class PostgresReviewStore: @unchecked Sendable {
    /// The server and database, as shown in messages (without a password).
    public let path: String
    private let connection: PostgresConnection
    private let lock = NSLock()
    private var queueCache: [String: QueueDefinition] = [:]

    /// Connects to `url`. With `create` (`docket init`), creates or upgrades Docket's schema; without it the
    /// schema must already be this binary's (older: run `docket init`; newer: `DocketError.newerSchema`).
    public init(url: String, create: Bool) throws {
        path = StoreLocation.withoutPasswords(url)
        do {
            connection = try PostgresConnection(url)
            if create {
                try PostgresMigrator.migrate(connection)
            } else {
                try PostgresMigrator.requireCurrent(connection)
            }
        } catch let error as PostgresError {
            throw error.docketError
        }
    }

    /// Runs `body` with the connection, alone; PostgreSQL's errors leave as Docket's. A connection the server
    /// dropped (a restart, a network cut) is re-opened first. With `retryOnLostConnection` (for work that may
    /// safely run twice: reads, and claims, which hand back a lease already taken) a connection lost during
    /// `body` is re-opened and `body` runs once more; otherwise the loss is reported (`DocketError.unavailable`),
    /// since whether a commit in flight took effect cannot be known.
    func run<T>(retryOnLostConnection: Bool = false, _ body: (PostgresConnection) throws -> T) throws -> T {
        try lock.withLock {
            var attempt = 0
            while true {
                attempt += 1
                do {
                    if !connection.isAlive { try connection.reset() }
                    return try body(connection)
                } catch let error as PostgresError where error.kind == .unavailable && retryOnLostConnection && attempt == 1 {
                    continue
                } catch let error as PostgresError {
                    throw error.docketError
                }
            }
        }
    }

    /// A random identifier created with the database; export manifests name it.
    public func databaseID() throws -> String {
        try run { c in try c.execute("SELECT value FROM docket_info WHERE key = 'database_id'").string(0, 0) ?? "" }
    }

    /// The role this store's connection logged in as: on PostgreSQL, who is acting.
    public var connectedRole: String { lock.withLock { connection.user } }

    /// Appends one line to the audit log inside the caller's transaction (READ COMMITTED), chained to the row
    /// before it as on SQLite (``AuditChain``). The line is chained, hashed and given its id by the server at COMMIT,
    /// under the chain's lock (``PostgresSchema/versionAuditChain``). Inside ``PostgresConnection/transaction(_:readOnly:attempts:_:)``
    /// the commit does not wait for the disk under that lock, and waits after it instead.
    func appendAudit(_ c: PostgresConnection, actor: String, action: String, queue: String?, item: Int64? = nil,
                     detail: [(String, JSONValue)] = [], at: Double) throws {
        // Both names when they differ, as on SQLite: the acting name and who really ran the command.
        let text = JSONWriter.string(.object(actor == OperatingSystemUser.name ? detail : detail + [("os_user", .string(OperatingSystemUser.name))]))
        let release = c.auditCommitWithoutDiskWait()
        try c.executePrepared(release.isEmpty ? "audit_append" : "audit_append_async",
                              "SELECT docket_audit_append($1, $2, $3, $4, $5, $6)" + release, [at, actor, action, queue, item, text])
    }

    // MARK: Queues

    /// Adds a queue, or updates it when its id exists; changing the priority policy re-ranks the queue's items,
    /// changing the overlap re-evaluates which items are complete. Decisions are never touched. Returns true when it was new.
    @discardableResult
    public func saveQueue(_ definition: QueueDefinition, yaml: String, actor: String, now: Double = Timestamp.now()) throws -> Bool {
        try run { c in
            try c.transaction { t in
                let old = try t.execute("SELECT definition FROM queues WHERE id = $1 FOR UPDATE", [definition.id]).string(0, 0)
                try t.execute("""
                    INSERT INTO queues (id, title, definition, overlap, gold_rate, lease_seconds, updated_at)
                    VALUES ($1, $2, $3, $4, $5, $6, $7)
                    ON CONFLICT (id) DO UPDATE SET title = excluded.title, definition = excluded.definition,
                        overlap = excluded.overlap, gold_rate = excluded.gold_rate,
                        lease_seconds = excluded.lease_seconds, updated_at = excluded.updated_at
                    """, [definition.id, definition.title, yaml, definition.overlap, definition.goldRate, definition.leaseSeconds, now])
                let previous = old.flatMap { try? QueueFile.parse($0, file: "queue '\(definition.id)'") }
                if old != nil, previous?.priority != definition.priority {
                    try rerank(t, queue: definition.id, policy: definition.priority)
                }
                if old != nil, previous?.overlap != definition.overlap {
                    try t.execute("""
                        UPDATE items SET state = CASE
                            WHEN adjudication_id IS NOT NULL THEN 1
                            WHEN state = 2 THEN 2
                            WHEN label_count >= $1 AND is_gold = 0 THEN 1 ELSE 0 END
                        WHERE queue_id = $2
                        """, [definition.overlap, definition.id])
                }
                for reviewer in definition.reviewers {
                    try t.execute("INSERT INTO queue_reviewers (queue_id, reviewer) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                                  [definition.id, reviewer])
                }
                try appendAudit(t, actor: actor, action: old == nil ? "queue.add" : "queue.update", queue: definition.id,
                                detail: [("title", .string(definition.title)), ("overlap", .number(String(definition.overlap)))], at: now)
                queueCache.removeValue(forKey: definition.id)
                return old == nil
            }
        }
    }

    /// The queue named `id`; throws `DocketError.notFound` naming the queues that exist.
    public func queue(_ id: String) throws -> QueueDefinition {
        if let cached = lock.withLock({ queueCache[id] }) { return cached }
        guard let yaml = try run({ c in try c.execute("SELECT definition FROM queues WHERE id = $1", [id]).string(0, 0) }) else {
            let known = try queueIDs()
            throw DocketError.notFound("no queue '\(id)' in \(path)" + (known.isEmpty ? " (it has no queues yet: 'docket queues add FILE.yml')" : " (queues: \(known.joined(separator: ", ")))"))
        }
        let definition = try QueueFile.parse(yaml, file: "queue '\(id)' in \(path)")
        lock.withLock { queueCache[id] = definition }
        return definition
    }

    /// The ids of every queue, sorted (byte order, as on SQLite).
    public func queueIDs() throws -> [String] {
        try run { c in try c.execute("SELECT id FROM queues ORDER BY id").column() }
    }
}
