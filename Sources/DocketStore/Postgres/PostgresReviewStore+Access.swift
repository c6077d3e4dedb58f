import DocketCore

extension PostgresReviewStore {
    /// Whether roles are enforced.
    public func isManaged() throws -> Bool {
        throw notYetOnPostgres("roles")
    }

    /// Checks that `actor` may take `action` (on `queue`).
    public func authorize(_ action: Action, actor: String, queue: String?) throws {
        throw notYetOnPostgres("roles")
    }

    /// Adds a user.
    public func addReviewer(_ name: String, role: Role, actor: String) throws {
        throw notYetOnPostgres("roles")
    }

    /// Changes a user's role.
    public func setRole(_ name: String, to role: Role, actor: String) throws {
        throw notYetOnPostgres("roles")
    }

    /// Assigns (or unassigns) a user to a queue.
    public func assign(_ name: String, queue: String, assigned: Bool, actor: String) throws {
        throw notYetOnPostgres("roles")
    }

    /// Every registered user with their role and queue assignments.
    public func reviewers() throws -> [Reviewer] {
        throw notYetOnPostgres("roles")
    }
}
