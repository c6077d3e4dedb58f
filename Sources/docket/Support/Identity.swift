import DocketCore
import DocketStore
import Foundation

/// Who is running the command: the operating system's login name, or `DOCKET_USER` where the override is
/// honoured (Docs/roles.md): in a database without roles, or when the operating-system user is an admin of
/// that database (tests and service accounts run by an admin). On PostgreSQL the connection's role is who acts
/// (Access.actor). `--reviewer` is checked separately (Access).
enum Identity {
    /// The override, when one is set.
    static var override: String? {
        guard let user = ProcessInfo.processInfo.environment["DOCKET_USER"], !user.isEmpty else { return nil }
        return user
    }

    /// The acting name: the override when set (refused at open when it may not be used), else the login name.
    static var loginName: String { override ?? OperatingSystemUser.name }

    /// Refuses (exit 77) a `DOCKET_USER` naming someone else in a database with roles, unless the
    /// operating-system user is an admin there; the refused attempt is written to the audit log with both names.
    static func checkOverride(_ store: any ReviewStore) throws {
        if let server = store as? PostgresReviewStore {
            // On PostgreSQL the connection's role is who acts; only the database's owner may name another.
            guard let claimed = override, claimed != server.connectedRole, try !server.isOwnerConnection() else { return }
            throw DocketError.permissionDenied(
                "DOCKET_USER=\(claimed) is refused: you are connected to \(store.path) as '\(server.connectedRole)', and on PostgreSQL everyone acts as the role they log in as (Docs/roles.md)")
        }
        guard let claimed = override, claimed != OperatingSystemUser.name, try store.isManaged() else { return }
        let real = OperatingSystemUser.name
        if try store.reviewers().contains(where: { $0.name == real && $0.role == .admin }) { return }
        // Best effort: a database this binary must not write (newer, damaged) refuses the line, not the refusal.
        try? store.recordAudit(actor: real, action: "identity.refused", queue: nil, detail: [("claimed", .string(claimed))])
        throw DocketError.permissionDenied(
            "DOCKET_USER=\(claimed) is refused: you are '\(real)', who is not an admin of \(store.path); in a database with roles the override is honoured only for an admin (Docs/roles.md). The attempt was recorded in the audit log")
    }
}
