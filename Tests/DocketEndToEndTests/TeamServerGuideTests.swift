import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// Docs/team-server.md runs as written against a PostgreSQL server of the test's own, set up as the guide advises:
/// TLS required (`hostssl` lines only, a certificate signed by a throwaway authority) and the guide's admin role
/// `docket_admin` with a password. Its `PG...` settings are in the environment, as the guide assumes, with
/// `PGSSLMODE=verify-full`: a database made with `createdb` and `docket init --db URL`, items and decisions, and a
/// backup with `pg_dump` restored with `pg_restore` into a new database that Docket reads back to the same report.
@Suite(.enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.disabledReason)))
struct TeamServerGuideTests {
    @Test func teamServerGuideRunsAsWritten() throws {
        // A cluster of the guide's own: it creates databases with fixed names (team, team_restored).
        let server = try PostgresTestServer.startPrivate(tls: true)
        let endpoint = try #require(server.tls)
        // The guide's first block, which it does not run (it needs root): the admin role.
        try PostgresConnection(server.adminURL).execute("CREATE ROLE docket_admin LOGIN PASSWORD 'admin-pw' CREATEDB CREATEROLE")
        let settings = [
            "PGHOST": "localhost", "PGPORT": String(endpoint.port), "PGUSER": "docket_admin", "PGPASSWORD": "admin-pw",
            "PGDATABASE": "postgres", "PGSSLMODE": "verify-full", "PGSSLROOTCERT": endpoint.rootCertificate,
        ]
        let folder = try GuideTests().runGuide("team-server.md", environment: settings)
        // The restored database reads back to the same report as the original, and that report holds the decisions.
        let before = try String(contentsOfFile: folder.file("before.json"), encoding: .utf8)
        let after = try String(contentsOfFile: folder.file("after.json"), encoding: .utf8)
        #expect(before == after)
        #expect(before.contains("spam-scams"), "\(before)")
        let decisions = try shellOutput("psql -X -A -t -d team_restored -c 'SELECT count(*) FROM decisions'", settings: settings)
        #expect(decisions == "2", "the restored database holds the bot's two decisions: \(decisions)")
    }

    /// What `script` prints, run with the server's `PG...` settings.
    private func shellOutput(_ script: String, settings: [String: String]) throws -> String {
        let result = try shell(script, environment: settings)
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
