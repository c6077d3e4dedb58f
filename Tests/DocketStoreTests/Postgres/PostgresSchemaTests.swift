@testable import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// Docket's schema on a real PostgreSQL database: created from nothing, upgraded in place, and refused
/// (nothing written) when it is newer than this binary.
@Suite(.enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.disabledReason)))
struct PostgresSchemaTests {
    @Test("init creates every table at the latest version; a second run changes nothing")
    func createsAndIsIdempotent() throws {
        let database = try PostgresTestServer.shared().makeDatabase()
        let connection = try database.connect()
        #expect(try PostgresMigrator.version(connection) == 0)
        #expect(throws: PostgresError.self) { try PostgresMigrator.requireCurrent(connection) }
        let first = try PostgresMigrator.migrate(connection)
        #expect(first.from == 0 && first.to == PostgresSchema.latestVersion)
        let tables = try connection.execute("""
            SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name
            """).column()
        for table in ["audit", "decision_heads", "decisions", "docket_info", "docket_schema", "explanations", "items", "leases",
                      "queue_reviewers", "queues", "reviewers", "scores"] {
            #expect(tables.contains(table), "missing \(table) in \(tables)")
        }
        let id = try connection.execute("SELECT value FROM docket_info WHERE key = 'database_id'").string(0, 0)
        let second = try PostgresMigrator.migrate(connection)
        #expect(second.from == PostgresSchema.latestVersion && second.to == PostgresSchema.latestVersion)
        #expect(try connection.execute("SELECT value FROM docket_info WHERE key = 'database_id'").string(0, 0) == id)
        try PostgresMigrator.requireCurrent(connection)
    }

    @Test("an older schema is upgraded in place, keeping its rows")
    func upgradesInPlace() throws {
        let database = try PostgresTestServer.shared().makeDatabase()
        let connection = try database.connect()
        // A database made by a Docket that knew only version 1.
        try connection.execute("CREATE TABLE docket_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now(), applied_by text NOT NULL DEFAULT current_user)")
        try connection.execute(PostgresSchema.migrations[0])
        try connection.execute("INSERT INTO docket_schema (version) VALUES (1)")
        try connection.execute("INSERT INTO queues VALUES ('q', 'Q', 'id: q', 1, 0, 300, 0)")
        let refusal = #expect(throws: PostgresError.self) { try PostgresMigrator.requireCurrent(connection) }
        #expect(refusal?.message.contains("version 1") == true && refusal?.message.contains("docket init") == true)
        let result = try PostgresMigrator.migrate(connection)
        #expect(result.from == 1 && result.to == PostgresSchema.latestVersion)
        #expect(try connection.execute("SELECT count(*) FROM queues").int64(0, 0) == 1)
        #expect(try connection.execute("SELECT to_regproc('docket_claim') IS NOT NULL").bool(0, 0) == true)
    }

    @Test("a schema newer than this binary is refused naming both versions, and nothing is written")
    func refusesNewer() throws {
        let database = try PostgresTestServer.shared().makeDatabase()
        let connection = try database.connect()
        try PostgresMigrator.migrate(connection)
        let ahead = PostgresSchema.latestVersion + 7
        try connection.execute("INSERT INTO docket_schema (version) VALUES ($1)", [ahead])
        let refusal = #expect(throws: PostgresError.self) { try PostgresMigrator.migrate(connection) }
        #expect(refusal?.kind == .newerSchema && refusal?.docketError == .newerSchema(refusal?.message ?? ""))
        #expect(refusal?.message.contains("version \(ahead)") == true)
        #expect(refusal?.message.contains("version \(PostgresSchema.latestVersion)") == true)
        #expect(throws: PostgresError.self) { try PostgresMigrator.requireCurrent(connection) }
        #expect(try connection.execute("SELECT count(*) FROM docket_schema").int64(0, 0) == Int64(PostgresSchema.latestVersion + 1))
    }

    @Test("decisions and the audit log refuse UPDATE, DELETE and TRUNCATE, even from their owner")
    func appendOnly() throws {
        let database = try PostgresTestServer.shared().makeDatabase()
        let connection = try database.connect()
        try PostgresMigrator.migrate(connection)
        try connection.execute("""
            INSERT INTO queues VALUES ('q', 'Q', 'id: q', 1, 0, 300, 0);
            INSERT INTO items (queue_id, external_id, kind, content, meta, content_hash, created_at, ingested_at, record_hash, priority)
                VALUES ('q', 'a', 'text', 'x', '{}', 'h', 0, 0, 0, 'p');
            INSERT INTO decisions (item_id, queue_id, reviewer, kind, label, decided_at, origin)
                SELECT id, 'q', 'ann', 'label', 'bad', 1, 'cli' FROM items;
            INSERT INTO audit (at, actor, action) VALUES (1, 'ann', 'decision');
            """)
        for statement in ["UPDATE decisions SET label = 'fine'", "DELETE FROM decisions", "TRUNCATE decisions CASCADE",
                          "UPDATE audit SET actor = 'bob'", "DELETE FROM audit", "TRUNCATE audit"] {
            let error = #expect(throws: PostgresError.self, "\(statement)") { try connection.execute(statement) }
            #expect(error?.kind == .refused && error?.message.contains("append-only") == true, "\(statement): \(String(describing: error))")
        }
        #expect(try connection.execute("SELECT label FROM decisions").string(0, 0) == "bad")
        #expect(try connection.execute("SELECT count(*) FROM audit").int64(0, 0) == 1)
    }
}
