import DocketCore
import DocketStore

/// Permission checks shared by the commands: who is acting, and may they (Docs/roles.md). On SQLite the actor
/// is the login name; on PostgreSQL it is the database role the connection logged in as, which the server
/// itself enforces.
enum Access {
    /// Who is acting: on PostgreSQL the connection's role (its owner may name someone else with
    /// `DOCKET_USER`, as an admin may on SQLite), else the login name (`Identity`).
    static func actor(_ store: ReviewStore) throws -> String {
        guard let server = store as? PostgresReviewStore else { return Identity.loginName }
        if let named = Identity.override, named != server.connectedRole, try server.isOwnerConnection() { return named }
        return server.connectedRole
    }

    /// Refuses (exit status 77, nothing changed) unless the current user may take `action`.
    static func check(_ store: ReviewStore, _ action: Action, queue: String? = nil) throws {
        try store.authorize(action, actor: try actor(store), queue: queue)
    }

    /// The reviewer a command acts as: `--reviewer` if given, else the actor. On PostgreSQL `--reviewer` must be
    /// the role the connection logged in as (exit 77 otherwise), unless that role owns the database.
    static func identity(_ store: ReviewStore, requested: String?) throws -> String {
        if let server = store as? PostgresReviewStore, let requested, requested != server.connectedRole,
           try !server.isOwnerConnection() {
            throw DocketError.permissionDenied(
                "--reviewer \(requested) does not match the database role you connected as ('\(server.connectedRole)'): on PostgreSQL everyone acts as the role they log in as; connect as \(requested) to act as them (nothing was changed)")
        }
        return try requested ?? actor(store)
    }

    /// ``identity(_:requested:)``, checked: someone else needs the admin role, and the reviewer needs the
    /// review permission on `queue`.
    static func reviewer(_ store: ReviewStore, requested: String?, queue: String) throws -> String {
        let actor = try actor(store)
        let reviewer = try identity(store, requested: requested)
        if reviewer != actor { try store.authorize(.actForOthers, actor: actor, queue: queue) }
        try store.authorize(.review, actor: reviewer, queue: queue)
        return reviewer
    }
}
