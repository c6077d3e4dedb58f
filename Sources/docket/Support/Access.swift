import DocketCore
import DocketStore

/// Permission checks shared by the commands: the login name is the actor (Docs/roles.md).
enum Access {
    /// Refuses (exit status 77, nothing changed) unless the current user may take `action`.
    static func check(_ store: ReviewStore, _ action: Action, queue: String? = nil) throws {
        try store.authorize(action, actor: Identity.loginName, queue: queue)
    }

    /// The reviewer a review command acts as: `--reviewer` if given (someone else needs the admin role),
    /// else the login name; checks the review permission on `queue`.
    static func reviewer(_ store: ReviewStore, requested: String?, queue: String) throws -> String {
        let actor = Identity.loginName
        let reviewer = requested ?? actor
        if reviewer != actor { try store.authorize(.actForOthers, actor: actor, queue: queue) }
        try store.authorize(.review, actor: reviewer, queue: queue)
        return reviewer
    }
}
