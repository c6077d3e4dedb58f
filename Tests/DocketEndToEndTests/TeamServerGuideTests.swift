import Foundation
import PostgresTestSupport
import Testing

/// Docs/team-server.md runs as written against a PostgreSQL server of the test's own (its `PG...` settings in
/// the environment, as the guide assumes): a database made with `createdb` and `docket init --db URL`, items and
/// decisions, and a backup with `pg_dump` restored with `pg_restore` into a new database that Docket reads back
/// to the same agreement report.
@Suite(.enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.disabledReason)))
struct TeamServerGuideTests {
    @Test func teamServerGuideRunsAsWritten() throws {
        // A cluster of the guide's own: it creates databases with fixed names (team, team_restored).
        let server = try PostgresTestServer.startPrivate()
        let folder = try GuideTests().runGuide("team-server.md", environment: [
            "PGHOST": server.folder, "PGUSER": "docket", "PGDATABASE": "postgres",
        ])
        // The restored database reads back to the same report as the original, and that report holds the decisions.
        let before = try String(contentsOfFile: folder.file("before.json"), encoding: .utf8)
        let after = try String(contentsOfFile: folder.file("after.json"), encoding: .utf8)
        #expect(before == after)
        #expect(before.contains("spam-scams"), "\(before)")
        let decisions = try shellOutput("psql -X -A -t -d team_restored -c 'SELECT count(*) FROM decisions'", server: server)
        #expect(decisions == "2", "the restored database holds the bot's two decisions: \(decisions)")
    }

    /// What `script` prints, run with the server's `PG...` settings.
    private func shellOutput(_ script: String, server: PostgresTestServer) throws -> String {
        let result = try shell(script, environment: ["PGHOST": server.folder, "PGUSER": "docket"])
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
