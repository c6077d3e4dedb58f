import DocketCore
import Foundation
import GRDB

/// The review database: queues, items, scores, explanations, decisions, leases, reviewers and the
/// audit log in one SQLite file. Safe to use from many `docket` processes at once: writes take an
/// immediate transaction and wait (up to the `busyTimeout` given when opening) rather than fail with SQLITE_BUSY.
///
/// The SQLite backend of ``ReviewStore``; its public API is the protocol's, in Docket's own types, and GRDB's
/// errors become `DocketError`s at its edge (SQLiteReviewStore+Errors.swift).
public final class SQLiteReviewStore: ReviewStore, @unchecked Sendable {
    /// The database file.
    public let path: String
    let pool: DatabasePool
    /// Set when a newer Docket wrote the file: it is then read where this binary can, and never written.
    let newerSchema: SchemaVersion?
    /// Set once any statement met damage; see ``DamageMark``.
    let damageMark: DamageMark
    private let cacheLock = NSLock()
    private var queueCache: [String: QueueDefinition] = [:]

    /// Parsed queue definitions, so that a claim does not re-read YAML.
    var cachedQueues: [String: QueueDefinition] {
        get { cacheLock.withLock { queueCache } }
        set { cacheLock.withLock { queueCache = newValue } }
    }

    /// Whether this store was opened for reading only (``init(readingAt:busyTimeout:)``): every write throws.
    public let isReadOnly: Bool

    /// Opens (creating when missing) the database at `path` and brings its schema up to date.
    /// A new file is created readable and writable by its owner only (0600).
    public init(path: String, busyTimeout: TimeInterval = 30) throws {
        self.path = path
        isReadOnly = false
        damageMark = DamageMark(database: path)
        if !FileManager.default.fileExists(atPath: path) {
            let fd = open(path, O_CREAT | O_WRONLY, 0o600)
            if fd < 0 {
                throw DocketError.io("cannot create the database '\(path)': \(String(cString: strerror(errno)))")
            }
            fchmod(fd, 0o600)
            close(fd)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        configuration.prepareDatabase { db in
            // WAL + NORMAL: a committed transaction survives the process being killed.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // The version is read before anything is migrated: a newer file is left exactly as it is.
            let version = try pool.read(SchemaVersion.read)
            newerSchema = version.isNewer ? version : nil
            if !version.isNewer {
                try Migrations.migrator.migrate(pool)
                if version.found != SchemaVersion.known {
                    try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA user_version = \(SchemaVersion.known)") }
                }
            }
        } catch let error as DatabaseError {
            throw error.docketError.prefixed("cannot open the database '\(path)'")
        }
    }

    /// Refuses (exit 6, nothing written) when a newer Docket wrote the file; every write path calls it first.
    public func checkWritable() throws {
        if let newerSchema { throw newerSchema.refusal(path: path) }
    }

    /// Opens the existing database at `path` for reading only, for the commands that only read (`status`,
    /// `queues`, `report`, `export`): they then work on a file or folder the user cannot write, such as a
    /// copy on read-only storage. Nothing is created or migrated; a file whose schema is older than this
    /// binary's must be opened once for writing first.
    ///
    /// - Throws: ``DocketError/notFound(_:)`` when there is no file, ``DocketError/io(_:)`` when the schema
    ///   needs an upgrade, and what SQLite reports (damaged file, newer schema) as a ``DocketError``.
    public init(readingAt path: String, busyTimeout: TimeInterval = 30) throws {
        self.path = path
        isReadOnly = true
        damageMark = DamageMark(database: path)
        guard FileManager.default.fileExists(atPath: path) else {
            throw DocketError.notFound("no database at '\(path)'")
        }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        do {
            pool = try DatabasePool(path: Self.readingLocation(path), configuration: configuration)
            let version = try pool.read(SchemaVersion.read)
            newerSchema = version.isNewer ? version : nil
            let upToDate = try version.isNewer || pool.read { db in try Migrations.migrator.hasCompletedMigrations(db) }
            if !upToDate {
                throw DocketError.io("the database '\(path)' was written by an older docket and must be upgraded before it can be read: run 'docket status --db \(path)' once with write access to it")
            }
        } catch let error as DatabaseError {
            throw error.docketError.prefixed("cannot open the database '\(path)' for reading")
        }
    }

    /// What SQLite is given to open `path` read-only. A WAL database needs its `-shm` index, which SQLite
    /// creates beside the file; in a folder this process cannot write, it cannot, so the file is opened as
    /// immutable instead: safe there because nobody can be writing it, and only when no `-wal` file holds
    /// commits that the immutable view would miss.
    static func readingLocation(_ path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        let folderWritable = access(folder.isEmpty ? "." : folder, W_OK) == 0
        let walSize = (try? FileManager.default.attributesOfItem(atPath: path + "-wal"))?[.size] as? Int ?? 0
        guard !folderWritable, walSize == 0 else { return path }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
    }

    /// A random identifier created with the database; export manifests name it.
    public func databaseID() throws -> String {
        try read { db in
            try String.fetchOne(db, sql: "SELECT value FROM docket_info WHERE key = 'database_id'") ?? ""
        }
    }

    /// Runs `body` in an immediate transaction, so that two processes never read the same state
    /// and both act on it (claims, decisions).
    func writeImmediate<T>(_ body: (Database) throws -> T) throws -> T {
        try checkWritable()
        return try translatingErrors {
            try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        }
    }

    /// Moves this process's WAL checkpoints off the decision path, for an interactive session that calls
    /// ``runIdleMaintenance()`` while the person is reading. SQLite checkpoints on commit once the WAL holds 1,000
    /// pages (about 70 decisions), which costs a decision 20-40 ms; here that bound rises to 10,000 pages
    /// (about 40 MB of WAL), which still caps the WAL if ``runIdleMaintenance()`` is never called.
    /// The writer's page cache shrinks from SQLite's 2 MB to 512 KB: a claim and a decision touch a few dozen
    /// pages (the tops of their B-trees), and the rest of a 2 MB cache only held a long session's resident
    /// memory up (issue 14: a review session under 40 MB).
    public func beginInteractiveSession() throws {
        try translatingErrors {
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA wal_autocheckpoint = 10000; PRAGMA cache_size = -512") }
        }
    }

    /// Copies committed pages from the WAL into the database file without waiting for readers (a passive
    /// checkpoint); a no-op when there is nothing to copy.
    public func runIdleMaintenance() throws {
        _ = try translatingErrors { try pool.writeWithoutTransaction { db in try db.checkpoint(.passive) } }
    }

    /// "ok" for a sound file, else what is wrong. `full`: SQLite's `integrity_check`, which also checks that every
    /// index matches its table (18 s for a 1 GB file here); otherwise `quick_check`, every page's structure and
    /// the constraints (4 s for the same file).
    /// A damaged file gets a ``DamageMark`` that stops every other command, with the damaged tables named;
    /// a sound one loses its mark (the check is how a restored file is let back in).
    public func integrityCheck(full: Bool) throws -> String {
        do {
            let result = try pool.read { db in
                try String.fetchAll(db, sql: full ? "PRAGMA integrity_check" : "PRAGMA quick_check")
            }
            if result == ["ok"] {
                damageMark.clear()
                return "ok"
            }
            let text = Self.damagedTables(pool, report: result) + result.joined(separator: "; ")
            damageMark.set(text)
            return text
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT || error.resultCode == .SQLITE_NOTADB {
            // The check itself stopped at the damage: name the tables that cannot be read to the end instead.
            let text = Self.unreadableTables(pool) + "SQLite error \(error.extendedResultCode.rawValue): \(error.message ?? "damaged")"
            damageMark.set(text)
            return text
        } catch let error as DatabaseError {
            throw Self.failure(error, path: path)
        }
    }

    /// "damaged: items, audit (cannot be read to the end); " from reading every table row by row (only when the
    /// integrity check itself fails on the damage); empty when even the list of tables cannot be read.
    static func unreadableTables(_ pool: DatabasePool) -> String {
        guard let tables = try? pool.read({ db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }) else { return "" }
        let damaged = tables.filter { table in
            let readToTheEnd: Bool? = try? pool.read { db in
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \"\(table.replacingOccurrences(of: "\"", with: "\"\""))\"")
                while try rows.next() != nil {}
                return true
            }
            return readToTheEnd == nil
        }
        return damaged.isEmpty ? "" : "damaged: " + damaged.joined(separator: ", ") + " (cannot be read to the end); "
    }

    /// "damaged: items (pages 60, 150); " for the pages an integrity report names, through SQLite's dbstat
    /// table where it exists (empty when it does not, or when the damage keeps it from answering).
    static func damagedTables(_ pool: DatabasePool, report: [String]) -> String {
        var pages: [Int] = []
        for line in report {
            guard let range = line.range(of: "page ") else { continue }
            let digits = line[range.upperBound...].prefix { $0.isNumber }
            if let page = Int(digits), !pages.contains(page) { pages.append(page) }
        }
        guard !pages.isEmpty else { return "" }
        var byTable: [(String, [Int])] = []
        for page in pages.sorted() {
            guard let name = try? pool.read({ db in try String.fetchOne(db, sql: "SELECT name FROM dbstat WHERE pageno = ?", arguments: [page]) }) else { continue }
            if let index = byTable.firstIndex(where: { $0.0 == name }) { byTable[index].1.append(page) } else { byTable.append((name, [page])) }
        }
        if byTable.isEmpty { return "damaged pages \(pages.sorted().map(String.init).joined(separator: ", ")); " }
        return "damaged: " + byTable.map { "\($0.0) (pages \($0.1.map(String.init).joined(separator: ", ")))" }.joined(separator: ", ") + "; "
    }
}

extension SQLiteReviewStore {
    /// Appends one line to the audit log inside the caller's (write) transaction, chained to the line before
    /// it (``AuditChain``): its id is chosen here, after the last, so that its hash can cover it.
    func appendAudit(_ db: Database, actor: String, action: String, queue: String?, item: Int64? = nil,
                     detail: [(String, JSONValue)] = [], at: Double = Timestamp.now()) throws {
        let last = try AuditChain.head(db)
        let id = last.id + 1
        // Both names when they differ: the acting name (a reviewer, or DOCKET_USER) and who really ran the command.
        let text = JSONWriter.string(.object(actor == OperatingSystemUser.name ? detail : detail + [("os_user", .string(OperatingSystemUser.name))]))
        let hash = AuditChain.hash(previous: last.hash, id: id, at: at, actor: actor, action: action, queue: queue, item: item, detail: text)
        try db.cachedStatement(sql: "INSERT INTO audit (id, at, actor, action, queue_id, item_id, detail, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
            .execute(arguments: [id, at, actor, action, queue, item, text, hash])
    }
}
