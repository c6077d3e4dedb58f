import DocketCore
@testable import DocketStore
import Foundation
import PostgresTestSupport

/// A small team on a fresh PostgreSQL database, set up the way an admin would (`docket reviewers add` through
/// the store, as the database's owner): queue `qa` assigned to alice, queue `qb` to bob, three items each, a
/// lead and an admin, each with their own login role and password. Role names are the server's, not one
/// database's, so each team's names carry a tag of their own; the roles are dropped when the team goes.
final class PostgresRoleTeam {
    let database: PostgresTestDatabase
    /// The store connected as the database's owner (the tests' superuser).
    let owner: PostgresReviewStore
    let alice: String
    let bob: String
    let lee: String
    let root: String

    init() throws {
        database = try PostgresTestServer.shared().makeDatabase()
        owner = try PostgresReviewStore(url: database.url, create: true)
        let tag = String(database.name.suffix(10))
        (alice, bob, lee, root) = ("alice_\(tag)", "bob_\(tag)", "lee_\(tag)", "root_\(tag)")
        for queue in ["qa", "qb"] {
            let yaml = PostgresReviewStoreTests.yaml.replacingOccurrences(of: "id: q\n", with: "id: \(queue)\n")
            try owner.saveQueue(try QueueFile.parse(yaml, file: "\(queue).yml"), yaml: yaml, actor: "docket")
        }
        try database.connect().execute("""
            INSERT INTO items (queue_id, external_id, kind, content, meta, content_hash, created_at, ingested_at, record_hash, priority)
            SELECT q, q || '-' || g, 'text', 'text ' || g, '{}', 'h', 0, 0, 0, lpad((1000 - g)::text, 4, '0')
            FROM generate_series(1, 3) g, (VALUES ('qa'), ('qb')) v(q)
            """)
        try owner.addReviewer(root, role: .admin, actor: "docket", login: PostgresLogin(password: password(root)))
        for (name, role) in [(alice, Role.reviewer), (bob, .reviewer), (lee, .lead)] {
            try owner.addReviewer(name, role: role, actor: "docket", login: PostgresLogin(password: password(name)))
        }
        try owner.assign(alice, queue: "qa", actor: "docket")
        try owner.assign(bob, queue: "qb", actor: "docket")
    }

    deinit {
        let admin = try? PostgresConnection(database.server.adminURL)
        for name in [alice, bob, lee, root] { _ = try? admin?.execute("DROP ROLE IF EXISTS \"\(name)\"") }
    }

    /// Each person's password (test values: a real team's are theirs alone).
    func password(_ name: String) -> String { "pw-\(name)-secret" }

    /// A URL that logs in as `name` with their password.
    func url(_ name: String) -> String { database.url(user: name, password: password(name)) }

    /// A raw libpq connection as `name`: what someone with that person's password gets in `psql`.
    func connect(_ name: String) throws -> PostgresConnection { try PostgresConnection(url(name)) }

    /// What an attack must leave unchanged: every table's rows (as the owner sees them), in one text.
    func fingerprint() throws -> String {
        let c = try database.connect()
        return try ["decisions", "decision_heads", "leases", "audit", "items", "reviewers", "queue_reviewers", "queues"].map { table in
            try c.execute("SELECT count(*) || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \(table) t")
                .string(0, 0) ?? ""
        }.joined(separator: " ")
    }
}
