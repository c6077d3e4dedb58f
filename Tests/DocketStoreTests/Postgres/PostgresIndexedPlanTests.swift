@testable import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// A claim and a decision reach items, leases and decision heads through their indexes whatever the planner's
/// statistics and costs make of them (schema version 8): the server's own plans, as `auto_explain` reports them for
/// every statement inside the functions and the triggers they fire, on a new connection (as every `docket next` has).
@Suite(.enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.disabledReason)))
struct PostgresIndexedPlanTests {
    @Test("600 items held by others and index reads priced high: no statement of a claim or decision reads a growing table whole")
    func claimAndDecideUseTheIndexes() throws {
        let psql = ["/usr/bin/psql", "/usr/local/bin/psql"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let binary = try #require(psql, "psql is not installed (Debian: postgresql-client)")
        let database = try PostgresTestServer.shared().makeDatabase()
        let connection = try database.connect()
        try PostgresMigrator.migrate(connection)
        try connection.execute("INSERT INTO queues VALUES ('q', 'Q', 'id: q', 2, 0, 900, 0)")
        try connection.execute("""
            INSERT INTO items (queue_id, external_id, kind, content, meta, content_hash, created_at, ingested_at, record_hash, priority)
            SELECT 'q', 'item-' || lpad(g::text, 5, '0'), 'text', 'x', '{}', 'h', 0, 0, 0, lpad((100000 - g)::text, 6, '0')
            FROM generate_series(1, 5000) g
            """)
        let now = Date().timeIntervalSince1970
        // 1,200 reviewers each hold an item: the top 600 items are full (overlap 2) for anyone else; 4,000 decisions
        // of 50 past reviewers further down.
        _ = try connection.execute("SELECT count(docket_claim('q', 'holder-' || g, $1, false)) FROM generate_series(1, 1200) g", [now])
        try connection.execute("""
            INSERT INTO decision_heads (item_id, reviewer, queue_id, decision_id, kind, label, decided_at)
            SELECT id, 'past-' || (g % 50), 'q', 1, 'label', 'bad', 0
            FROM items, generate_series(1, 2) g WHERE external_id > 'item-03000'
            ON CONFLICT DO NOTHING
            """)
        try connection.execute("ANALYZE items; ANALYZE leases; ANALYZE decision_heads")

        let script = """
            LOAD 'auto_explain';
            SET auto_explain.log_min_duration = 0;
            SET auto_explain.log_nested_statements = on;
            SET auto_explain.log_level = notice;
            SET client_min_messages = notice;
            -- Index reads priced as if from a slow disk: the planner would rather read a table of a few pages whole,
            -- once per item the claim walks past, than look it up.
            SET random_page_cost = 1000;
            SELECT docket_claim_as('q', 'newcomer', \(now), false) AS claimed \\gset
            RESET random_page_cost;
            SELECT external_id AS ext FROM items WHERE id = :claimed \\gset
            SET random_page_cost = 1000;
            SELECT docket_decide('q', :'ext', 'newcomer', 'label', 'bad', '[]', NULL, NULL, NULL, NULL, 'test', false, true,
                \(now), '"' || :'ext' || '"', '"bad"');
            """
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("docket-plans-\(UUID().uuidString).sql").path
        try script.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let run = SpawnedProgram.run(binary, ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", database.url, "-f", file])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("Index Scan using items_claim"), "auto_explain did not report the claim's walk: \(run.stderr.prefix(2000))")
        // Tables that grow with the queue and its history; a handful of rows (the audit outbox) may be read whole.
        let growing = ["items", "leases", "decision_heads", "decisions", "audit", "claim_floors", "claim_resets"]
        let scans = run.stderr.split(separator: "\n").filter { line in growing.contains { line.contains("Seq Scan on \($0) ") } }
        #expect(scans.isEmpty, "\(scans.joined(separator: "\n"))")
        let claimed = try connection.execute("SELECT count(*) FROM decision_heads WHERE reviewer = 'newcomer'").int64(0, 0)
        #expect(claimed == 1, "the newcomer's claim and decision went through")
    }

    @Test("every function a reviewer's step enters keeps its plan setting, whatever later versions replaced")
    func entryPointsKeepTheirSetting() throws {
        let database = try PostgresTestServer.shared().makeDatabase()
        let connection = try database.connect()
        try PostgresMigrator.migrate(connection)
        // CREATE OR REPLACE drops a function's settings: a later version that rewrites one must give it again.
        let entryPoints = ["docket_claim_as", "docket_claim", "docket_claim_item", "docket_renew", "docket_release", "docket_decide",
                           "docket_undo", "docket_adjudicate", "docket_audit_seal", "docket_audit_in_order"]
        let settings = try connection.execute("""
            SELECT proname, coalesce(array_to_string(proconfig, ','), '') FROM pg_proc
            WHERE proname = ANY (string_to_array($1, ',')) ORDER BY proname
            """, [entryPoints.joined(separator: ",")])
        #expect(settings.rowCount == entryPoints.count, "\(settings.column())")
        for row in 0..<settings.rowCount {
            #expect(settings.string(row, 1)?.contains("enable_seqscan=off") == true, "\(settings.string(row, 0) ?? "?") lost its setting")
        }
    }
}
