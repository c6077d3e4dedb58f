import DocketCore

/// Roles on PostgreSQL: the same registered users, rules and words as ``SQLiteReviewStore`` (Docs/roles.md), kept
/// in the same tables. On top of them the server enforces who may act (``PostgresSchema/version3``): the
/// reviewers' database roles, their group memberships (kept in step here) and the functions every change goes through.
extension PostgresReviewStore {
    /// The key of the advisory lock that makes changes to the registered users take turns ("roles").
    private static let reviewersLock: Int64 = 0x726F6C6573

    /// Whether roles are enforced: a database with no registered users is unmanaged (single-user).
    public func isManaged() throws -> Bool {
        try run(retryOnLostConnection: true) { c in (try c.execute("SELECT count(*) FROM reviewers").int64(0, 0) ?? 0) > 0 }
    }

    /// Whether this connection's role owns Docket's tables (or is a superuser): it is then not bound by the
    /// server's role checks, and may act for others (`--reviewer`), since it could rewrite the tables anyway.
    public func isOwnerConnection() throws -> Bool {
        try run(retryOnLostConnection: true) { c in try c.execute("SELECT docket_is_owner()").bool(0, 0) ?? false }
    }

    /// Checks that `actor` may take `action` (on `queue`); throws `DocketError.permissionDenied` saying why.
    /// Changes nothing. In an unmanaged database, and for the owner acting as itself, everything is allowed.
    public func authorize(_ action: Action, actor: String, queue: String?) throws {
        let ownerActor = actor == connectedRole
        try run(retryOnLostConnection: true) { c in
            if ownerActor, try c.execute("SELECT docket_is_owner()").bool(0, 0) == true { return }
            try authorize(c, action, actor: actor, queue: queue)
        }
    }

    private func authorize(_ c: PostgresConnection, _ action: Action, actor: String, queue: String?) throws {
        guard try c.execute("SELECT count(*) FROM reviewers").int64(0, 0) ?? 0 > 0 else { return }
        try AccessRules.check(
            action, actor: actor, queue: queue, path: path,
            roleText: try c.execute("SELECT role FROM reviewers WHERE name = $1", [actor]).string(0, 0),
            permission: { try queuePermission(c, queue: $0, action: $1) },
            assigned: { try c.execute("SELECT reviewer FROM queue_reviewers WHERE queue_id = $1", [$0]).column() })
    }

    /// A queue file may lower or raise the role an action needs (`permissions: {export: lead}`).
    private func queuePermission(_ c: PostgresConnection, queue: String, action: Action) throws -> Role? {
        guard let yaml = try c.execute("SELECT definition FROM queues WHERE id = $1", [queue]).string(0, 0),
              let definition = try? QueueFile.parse(yaml, file: "queue '\(queue)' in \(path)") else { return nil }
        return definition.permissions[action]
    }

    /// Adds a user. The first user of a database must be an admin (roles are enforced from then on).
    public func addReviewer(_ name: String, role: Role, actor: String) throws {
        try addReviewer(name, role: role, actor: actor, login: nil)
    }

    /// ``addReviewer(_:role:actor:)`` that also gives the user their database role, in the same transaction:
    /// with `login`, creates the login role when the server has none of that name (with `login.password`,
    /// sent as a SCRAM verifier, never as itself); an existing role of that name is made a member of the
    /// group of `role` (`docket_reviewer`, `docket_lead`, `docket_admin`) either way.
    public func addReviewer(_ name: String, role: Role, actor: String, login: PostgresLogin?) throws {
        guard QueueFile.isIdentifier(name) else {
            throw DocketError.refused("'\(name)' is not a valid reviewer name: use letters, digits, '-', '_' and '.'")
        }
        try run { c in
            try c.transaction { t in
                try t.execute("SELECT pg_advisory_xact_lock(\(Self.reviewersLock))")
                let count = try t.execute("SELECT count(*) FROM reviewers").int64(0, 0) ?? 0
                if count == 0 {
                    guard role == .admin else {
                        throw DocketError.refused("the first registered user must be an admin (roles are enforced from then on): 'docket reviewers add \(actor) --role admin'")
                    }
                } else {
                    try authorizeManager(t, actor: actor, queue: nil)
                }
                if try t.execute("SELECT role FROM reviewers WHERE name = $1", [name]).rowCount > 0 {
                    throw DocketError.conflict("'\(name)' is already registered; change their role with 'docket reviewers role \(name) ROLE'")
                }
                let now = Timestamp.now()
                try t.execute("INSERT INTO reviewers (name, role, created_at) VALUES ($1, $2, $3)", [name, role.rawValue, now])
                if let login { try createLogin(t, name: name, login: login) }
                try t.execute("SELECT docket_sync_login($1)", [name])
                try appendAudit(t, actor: actor, action: "reviewer.add", queue: nil,
                                detail: [("reviewer", .string(name)), ("role", .string(role.rawValue))], at: now)
            }
        }
    }

    /// Creates `name`'s login role unless the server has one; a password for an existing role is refused
    /// (changing another role's password is the DBA's business, not Docket's).
    private func createLogin(_ c: PostgresConnection, name: String, login: PostgresLogin) throws {
        let exists = try c.execute("SELECT 1 FROM pg_roles WHERE rolname = $1", [name]).rowCount > 0
        if exists {
            if login.password != nil {
                throw DocketError.conflict("the server already has a database role '\(name)'; Docket registers it without changing its password (its owner or a DBA sets that with ALTER ROLE)")
            }
            return
        }
        let verifier = try login.password.map { try c.scramVerifier(password: $0, user: name) }
        try c.execute("SELECT docket_create_login($1, $2)", [name, verifier])
    }

    /// Inside a change to the users: the checks `authorize(.manageReviewers)` makes, the owner exempt.
    private func authorizeManager(_ c: PostgresConnection, actor: String, queue: String?) throws {
        if actor == c.user, try c.execute("SELECT docket_is_owner()").bool(0, 0) == true { return }
        try authorize(c, .manageReviewers, actor: actor, queue: queue)
    }

    /// Changes a user's role (and their database role's group). An admin cannot demote the last admin.
    public func setRole(_ name: String, to role: Role, actor: String) throws {
        try run { c in
            try c.transaction { t in
                try t.execute("SELECT pg_advisory_xact_lock(\(Self.reviewersLock))")
                try authorizeManager(t, actor: actor, queue: nil)
                guard let old = try t.execute("SELECT role FROM reviewers WHERE name = $1", [name]).string(0, 0) else {
                    throw DocketError.notFound("'\(name)' is not a registered reviewer")
                }
                if old == Role.admin.rawValue, role != .admin,
                   try t.execute("SELECT count(*) FROM reviewers WHERE role = 'admin'").int64(0, 0) == 1 {
                    throw DocketError.refused("'\(name)' is the last admin; make someone else admin first")
                }
                try t.execute("UPDATE reviewers SET role = $1 WHERE name = $2", [role.rawValue, name])
                try t.execute("SELECT docket_sync_login($1)", [name])
                try appendAudit(t, actor: actor, action: "reviewer.role", queue: nil,
                                detail: [("reviewer", .string(name)), ("from", .string(old)), ("to", .string(role.rawValue))], at: Timestamp.now())
            }
        }
    }

    /// Assigns (or, with `assigned: false`, unassigns) a user to a queue.
    public func assign(_ name: String, queue: String, assigned: Bool, actor: String) throws {
        _ = try self.queue(queue)
        try run { c in
            try c.transaction { t in
                try authorizeManager(t, actor: actor, queue: queue)
                if assigned {
                    try t.execute("INSERT INTO queue_reviewers (queue_id, reviewer) VALUES ($1, $2) ON CONFLICT DO NOTHING", [queue, name])
                } else {
                    try t.execute("DELETE FROM queue_reviewers WHERE queue_id = $1 AND reviewer = $2", [queue, name])
                }
                try appendAudit(t, actor: actor, action: assigned ? "reviewer.assign" : "reviewer.unassign", queue: queue,
                                detail: [("reviewer", .string(name))], at: Timestamp.now())
            }
        }
    }

    /// Every registered user with their role and queue assignments.
    public func reviewers() throws -> [Reviewer] {
        try run(retryOnLostConnection: true) { c in
            let rows = try c.execute("""
                SELECT r.name, r.role, r.created_at, (SELECT string_agg(q.queue_id, ',') FROM queue_reviewers q WHERE q.reviewer = r.name)
                FROM reviewers r ORDER BY r.name
                """)
            return (0..<rows.rowCount).map { row in
                Reviewer(name: rows.string(row, 0) ?? "", role: Role(rawValue: rows.string(row, 1) ?? "") ?? .reviewer,
                         queues: rows.string(row, 3).map { $0.split(separator: ",").map(String.init).sorted() } ?? [],
                         createdAt: rows.double(row, 2) ?? 0)
            }
        }
    }
}
