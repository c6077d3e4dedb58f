import DocketCore

/// The role rules every backend applies (Docs/roles.md), in one place so that SQLite and PostgreSQL allow and
/// refuse the same actions with the same words. The backends read the facts; this decides.
enum AccessRules {
    /// Throws `DocketError.permissionDenied` saying why unless `actor`, whose stored role is `roleText` (nil:
    /// not registered in `path`), may take `action` (on `queue`). `permission` reads a queue file's override of
    /// the role an action needs; `assigned` the reviewers assigned to `queue` (none: open to every reviewer).
    static func check(_ action: Action, actor: String, queue: String?, path: String, roleText: String?,
                      permission: (_ queue: String, _ action: Action) throws -> Role?, assigned: (_ queue: String) throws -> [String]) throws {
        guard let roleText, let role = Role(rawValue: roleText) else {
            throw DocketError.permissionDenied("'\(actor)' is not a registered reviewer of \(path); an admin can add them with 'docket reviewers add \(actor)'")
        }
        var needed = action.minimumRole
        if let queue, let custom = try permission(queue, action) { needed = custom }
        guard role >= needed else {
            throw DocketError.permissionDenied("'\(actor)' is a \(role.rawValue); \(action.rawValue) needs the \(needed.rawValue) role\(queue.map { " in queue '\($0)'" } ?? "")")
        }
        if action == .review, role == .reviewer, let queue {
            let reviewers = try assigned(queue)
            if !reviewers.isEmpty && !reviewers.contains(actor) {
                // Named from the role that really may assign here (admins by default; a queue file may say lead).
                let manager = try permission(queue, .manageReviewers) ?? Action.manageReviewers.minimumRole
                let who = manager == .admin ? "an admin" : manager == .lead ? "a lead or an admin" : "any registered reviewer"
                throw DocketError.permissionDenied("'\(actor)' is not assigned to queue '\(queue)'; \(who) can assign them with 'docket reviewers assign \(actor) --queue \(queue)'")
            }
        }
    }
}
