import DocketCore
import GRDB

extension SQLiteReviewStore {
    /// Whether roles are enforced: a database with no registered users is unmanaged (single-user).
    public func isManaged() throws -> Bool {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM reviewers") ?? 0 } > 0
    }

    /// Checks that `actor` may take `action` (on `queue`); throws `DocketError.permissionDenied` saying why.
    /// Changes nothing. In an unmanaged database everything is allowed.
    public func authorize(_ action: Action, actor: String, queue: String?) throws {
        try read { db in try authorize(db, action, actor: actor, queue: queue) }
    }

    func authorize(_ db: Database, _ action: Action, actor: String, queue: String?) throws {
        guard try Int.fetchOne(db, sql: "SELECT count(*) FROM reviewers") ?? 0 > 0 else { return }
        try AccessRules.check(
            action, actor: actor, queue: queue, path: path,
            roleText: try String.fetchOne(db, sql: "SELECT role FROM reviewers WHERE name = ?", arguments: [actor]),
            permission: { try queuePermission(db, queue: $0, action: $1) },
            assigned: { try String.fetchAll(db, sql: "SELECT reviewer FROM queue_reviewers WHERE queue_id = ?", arguments: [$0]) })
    }

    /// A queue file may lower or raise the role an action needs (`permissions: {export: lead}`).
    private func queuePermission(_ db: Database, queue: String, action: Action) throws -> Role? {
        // Reads through `db`: this runs inside the caller's read or write, where the pool is not reentrant.
        if let cached = cachedQueues[queue] { return cached.permissions[action] }
        guard let yaml = try String.fetchOne(db, sql: "SELECT definition FROM queues WHERE id = ?", arguments: [queue]),
              let definition = try? QueueFile.parse(yaml, file: "queue '\(queue)' in \(path)") else { return nil }
        return definition.permissions[action]
    }

    /// Adds a user. The first user of a database must be an admin (roles are enforced from then on).
    public func addReviewer(_ name: String, role: Role, actor: String) throws {
        guard QueueFile.isIdentifier(name) else {
            throw DocketError.refused("'\(name)' is not a valid reviewer name: use letters, digits, '-', '_' and '.'")
        }
        try writeImmediate { db in
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM reviewers") ?? 0
            if count == 0 {
                guard role == .admin else {
                    throw DocketError.refused("the first registered user must be an admin (roles are enforced from then on): 'docket reviewers add \(actor) --role admin'")
                }
            } else {
                try authorize(db, .manageReviewers, actor: actor, queue: nil)
            }
            if try String.fetchOne(db, sql: "SELECT role FROM reviewers WHERE name = ?", arguments: [name]) != nil {
                throw DocketError.conflict("'\(name)' is already registered; change their role with 'docket reviewers role \(name) ROLE'")
            }
            try db.execute(sql: "INSERT INTO reviewers (name, role, created_at) VALUES (?, ?, ?)",
                           arguments: [name, role.rawValue, Timestamp.now()])
            try appendAudit(db, actor: actor, action: "reviewer.add", queue: nil,
                            detail: [("reviewer", .string(name)), ("role", .string(role.rawValue))])
        }
    }

    /// Changes a user's role. An admin cannot demote the last admin.
    public func setRole(_ name: String, to role: Role, actor: String) throws {
        try writeImmediate { db in
            try authorize(db, .manageReviewers, actor: actor, queue: nil)
            guard let old = try String.fetchOne(db, sql: "SELECT role FROM reviewers WHERE name = ?", arguments: [name]) else {
                throw DocketError.notFound("'\(name)' is not a registered reviewer")
            }
            if old == Role.admin.rawValue, role != .admin,
               try Int.fetchOne(db, sql: "SELECT count(*) FROM reviewers WHERE role = 'admin'") == 1 {
                throw DocketError.refused("'\(name)' is the last admin; make someone else admin first")
            }
            try db.execute(sql: "UPDATE reviewers SET role = ? WHERE name = ?", arguments: [role.rawValue, name])
            try appendAudit(db, actor: actor, action: "reviewer.role", queue: nil,
                            detail: [("reviewer", .string(name)), ("from", .string(old)), ("to", .string(role.rawValue))])
        }
    }

    /// Assigns (or, with `assigned: false`, unassigns) a user to a queue.
    public func assign(_ name: String, queue: String, assigned: Bool, actor: String) throws {
        _ = try self.queue(queue)
        try writeImmediate { db in
            try authorize(db, .manageReviewers, actor: actor, queue: queue)
            if assigned {
                try db.execute(sql: "INSERT OR IGNORE INTO queue_reviewers (queue_id, reviewer) VALUES (?, ?)", arguments: [queue, name])
            } else {
                try db.execute(sql: "DELETE FROM queue_reviewers WHERE queue_id = ? AND reviewer = ?", arguments: [queue, name])
            }
            try appendAudit(db, actor: actor, action: assigned ? "reviewer.assign" : "reviewer.unassign", queue: queue,
                            detail: [("reviewer", .string(name))])
        }
    }

    /// Every registered user with their role and queue assignments.
    public func reviewers() throws -> [Reviewer] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.name, r.role, r.created_at, (SELECT group_concat(queue_id, ',') FROM queue_reviewers q WHERE q.reviewer = r.name)
                FROM reviewers r ORDER BY r.name
                """).map { row in
                let queues: String? = (try row.decode(atIndex: 3))
                return Reviewer(name: (try row.decode(atIndex: 0)), role: Role(rawValue: (try row.decode(atIndex: 1))) ?? .reviewer,
                                queues: queues.map { $0.split(separator: ",").map(String.init).sorted() } ?? [], createdAt: (try row.decode(atIndex: 2)))
            }
        }
    }
}
