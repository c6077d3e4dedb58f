import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// Docs/team-server.md's PgBouncer advice, with Debian's PgBouncer (1.18) in front of a private cluster: each
/// reviewer logs in to PgBouncer as themselves (auth_query reads their verifier), and PgBouncer connects to the
/// server as them. In session pooling two reviewers deciding through it keep their own identity; in transaction
/// pooling the first command on a fresh server connection works, and a later one that lands on that connection
/// and prepares a statement already there (a second `docket next`) fails (exit 1), storing nothing. Across a network
/// PgBouncer runs with TLS on both sides, as the guide shows: clients must encrypt, and it reaches the server over
/// verified TLS.
@Suite(.enabled(if: PostgresTestServer.shouldRunPgBouncer, "PgBouncer or PostgreSQL is not installed (apt-get install pgbouncer); with CI=true these tests fail instead"))
struct PgBouncerTests {
    /// A private cluster with a Docket database `team` of four items, an admin and the reviewers ann and bob
    /// (password `pw-NAME`), and PgBouncer in `poolMode` in front of it (with `tls`, on a loopback port with TLS
    /// on both sides); `through(name)` is the URL of `team` through PgBouncer as that reviewer.
    private struct PooledTeam {
        let server: PostgresTestServer
        let folder: TemporaryFolder
        let bouncer: String

        init(poolMode: String, tls: Bool = false) throws {
            server = try PostgresTestServer.startPrivate(tls: tls)
            folder = try TemporaryFolder("docket-pgbouncer")
            try PostgresConnection(server.adminURL).execute("CREATE DATABASE team")
            let owner = server.url(database: "team")
            let queueFile = try folder.write("q.yml", queueYAML(id: "q", overlap: 2))
            let items = try folder.write("items.jsonl", (1...4).map { #"{"id":"i\#($0)","text":"item \#($0)"}"# }.joined(separator: "\n") + "\n")
            for arguments in [["init"], ["queues", "add", queueFile], ["import", items, "--queue", "q"]] {
                let result = try docket(arguments + ["--db", owner])
                try #require(result.status == 0, "\(arguments[0]): \(result.transcript)")
            }
            for (name, role) in [("lead", "admin"), ("ann", "reviewer"), ("bob", "reviewer")] {
                let added = try docket(["reviewers", "add", name, "--role", role, "--password-stdin", "--db", owner], stdin: "pw-\(name)\n")
                try #require(added.status == 0, "\(added.transcript)")
            }
            bouncer = try server.startPgBouncer(poolMode: poolMode, tls: tls)
        }

        /// PgBouncer's URL (as `docket` on its socket, as no one with TLS) as `reviewer`, to `team`, its settings kept.
        func through(_ reviewer: String) -> String {
            let parts = bouncer.split(separator: "?", maxSplits: 1).map(String.init)
            let base = parts[0].replacingOccurrences(of: "://docket@", with: "://")
                .replacingOccurrences(of: "://", with: "://\(reviewer):pw-\(reviewer)@")
                .replacingOccurrences(of: "/postgres", with: "/team", options: .backwards)
            return ([base] + parts.dropFirst()).joined(separator: "?")
        }

        /// Every decision stored, as "reviewer item".
        func decisions() throws -> [String] {
            try PostgresConnection(server.url(database: "team")).execute("""
                SELECT d.reviewer || ' ' || i.external_id FROM decisions d JOIN items i ON i.id = d.item_id ORDER BY d.id
                """).column()
        }
    }

    /// `docket next --json` as `reviewer` through PgBouncer: the item's id.
    private func next(_ team: PooledTeam, as reviewer: String) throws -> String? {
        let result = try docket(["next", "--queue", "q", "--json", "--db", team.through(reviewer)])
        #expect(result.status == 0, "\(reviewer) next: \(result.transcript)")
        return (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])?["id"] as? String
    }

    @Test("session pooling: ann and bob decide through PgBouncer, each under their own role; naming the other is refused (77)")
    func sessionPoolingKeepsEachReviewer() throws {
        try #require(DocketBinary.isBuilt, "\(DocketBinary.missingHint)")
        let team = try PooledTeam(poolMode: "session")
        // Interleaved, and three rounds, so the second and third commands reuse PgBouncer's server connections.
        for _ in 1...3 {
            let annItem = try #require(try next(team, as: "ann"))
            let bobItem = try #require(try next(team, as: "bob"))
            for (reviewer, item) in [("ann", annItem), ("bob", bobItem)] {
                let decided = try docket(["decide", item, "--queue", "q", "--label", "bad", "--db", team.through(reviewer)])
                #expect(decided.status == 0 && decided.stdout.contains("by \(reviewer)"), "\(decided.transcript)")
            }
        }
        let stored = try team.decisions()
        #expect(stored.count == 6, "\(stored)")
        #expect(stored.filter { $0.hasPrefix("ann ") }.count == 3 && stored.filter { $0.hasPrefix("bob ") }.count == 3, "\(stored)")
        // Overlap 2: ann and bob shared the same three items, each once.
        #expect(Set(stored.filter { $0.hasPrefix("ann ") }.map { $0.dropFirst(4) }) == Set(stored.filter { $0.hasPrefix("bob ") }.map { $0.dropFirst(4) }))

        let impersonation = try docket(["next", "--queue", "q", "--reviewer", "bob", "--db", team.through("ann")])
        #expect(impersonation.status == 77, "\(impersonation.transcript)")
    }

    @Test("transaction pooling (PgBouncer 1.18): a second `next` on the reused server connection fails on Docket's prepared statement, exit 1, nothing stored")
    func transactionPoolingBreaksOnPreparedStatements() throws {
        try #require(DocketBinary.isBuilt, "\(DocketBinary.missingHint)")
        let team = try PooledTeam(poolMode: "transaction")
        // The first command of each reviewer gets a fresh server connection: it works, under their own role.
        let annItem = try #require(try next(team, as: "ann"))
        let decided = try docket(["decide", annItem, "--queue", "q", "--label", "bad", "--db", team.through("ann")])
        #expect(decided.status == 0 && decided.stdout.contains("by ann"), "\(decided.transcript)")
        #expect(try next(team, as: "bob") != nil)

        // ann's next `next` lands on the server connection her first one used, which still holds "claim".
        let again = try docket(["next", "--queue", "q", "--json", "--db", team.through("ann")])
        #expect(again.status == 1, "\(again.transcript)")
        #expect(again.stderr.contains(#"prepared statement "claim" already exists"#), "\(again.stderr)")
        #expect(again.stderr.contains("session pooling"), "the message says what to change: \(again.stderr)")
        #expect(try team.decisions() == ["ann \(annItem)"])
    }

    @Test("TLS on both sides: ann decides through PgBouncer with verify-full, under her own role, naming bob is refused (77); a client without TLS is refused (69, PgBouncer's reason, no password shown); the server sees PgBouncer's connections as TLS")
    func tlsOnBothSides() throws {
        try #require(DocketBinary.isBuilt, "\(DocketBinary.missingHint)")
        let team = try PooledTeam(poolMode: "session", tls: true)
        #expect(team.through("ann").contains("@localhost:") && team.through("ann").contains("sslmode=verify-full&sslrootcert="), "\(team.bouncer)")
        let annItem = try #require(try next(team, as: "ann"))
        let decided = try docket(["decide", annItem, "--queue", "q", "--label", "bad", "--db", team.through("ann")])
        #expect(decided.status == 0 && decided.stdout.contains("by ann"), "\(decided.transcript)")
        let impersonation = try docket(["next", "--queue", "q", "--reviewer", "bob", "--db", team.through("ann")])
        #expect(impersonation.status == 77, "\(impersonation.transcript)")

        // No TLS from the client: PgBouncer refuses it before any password is asked. Unavailable, as for a server.
        let plainURL = team.through("bob").replacingOccurrences(of: "sslmode=verify-full", with: "sslmode=disable")
        let plain = try docket(["next", "--queue", "q", "--json", "--db", plainURL])
        #expect(plain.status == 69, "\(plain.transcript)")
        #expect(plain.stderr.contains("cannot connect to PostgreSQL") && plain.stderr.contains("SSL required"), "\(plain.stderr)")
        #expect(!plain.transcript.contains("pw-bob"), "\(plain.transcript)")
        #expect(try team.decisions() == ["ann \(annItem)"])

        // In session pooling PgBouncer keeps ann's server connection after her commands: the server sees it come
        // from 127.0.0.1 over TLS (pg_hba.conf has only hostssl lines for TCP, so it could come no other way).
        let seen = try PostgresConnection(team.server.adminURL).execute("""
            SELECT CASE WHEN s.ssl THEN 'TLS' ELSE 'plain' END || ' from ' || host(a.client_addr)
            FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.usename = 'ann'
            """).column()
        #expect(!seen.isEmpty && seen.allSatisfy { $0 == "TLS from 127.0.0.1" }, "\(seen)")
    }
}
