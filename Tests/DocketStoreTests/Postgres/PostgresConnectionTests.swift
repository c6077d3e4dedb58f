@testable import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// The libpq connection on a real PostgreSQL server started for the test run: parameters, prepared
/// statements, transactions and their retries, COPY, cursors, and every failure sorted into Docket's kinds
/// without a password in any message.
@Suite(.enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.disabledReason)))
struct PostgresConnectionTests {
    @Test("parameters, prepared statements and NULLs round-trip exactly")
    func parameters() throws {
        let database = try PostgresTestServer.shared().makeDatabase()
        let connection = try database.connect()
        #expect(connection.user == "docket")
        #expect(connection.database == database.name)
        try connection.execute("CREATE TABLE t (id bigint PRIMARY KEY, text text, score double precision)")
        let hostile = "tab\there\nline 'quote' \\ back \u{1F600} \u{202E}"
        for (id, score) in [(1, 0.1), (2, 1.0 / 3.0), (3, Double.leastNonzeroMagnitude)] {
            try connection.executePrepared("insert_t", "INSERT INTO t VALUES ($1, $2, $3)", [Int64(id), hostile, score])
        }
        try connection.executePrepared("insert_t", "INSERT INTO t VALUES ($1, $2, $3)", [Int64(4), nil, nil])
        let rows = try connection.execute("SELECT id, text, score FROM t ORDER BY id")
        #expect(rows.rowCount == 4)
        #expect(rows.string(0, 1) == hostile)
        #expect(rows.double(0, 2) == 0.1)
        #expect(rows.double(1, 2) == 1.0 / 3.0)
        #expect(rows.double(2, 2) == Double.leastNonzeroMagnitude)
        #expect(rows.isNull(3, 1) && rows.string(3, 2) == nil)
    }

    @Test("a transaction is whole or nothing, and serialization failures are retried")
    func transactions() throws {
        let database = try PostgresTestServer.shared().makeDatabase()
        let connection = try database.connect()
        try connection.execute("CREATE TABLE counter (n bigint NOT NULL); INSERT INTO counter VALUES (0)")
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            try connection.transaction { c in
                try c.execute("UPDATE counter SET n = n + 1")
                throw Boom()
            }
        }
        #expect(try connection.execute("SELECT n FROM counter").int64(0, 0) == 0)

        // Two connections increment in SERIALIZABLE transactions that overlap: PostgreSQL refuses one of them
        // (40001) each time, and the retry makes every increment count.
        let threads = 2, increments = 25
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            guard let c = try? database.connect() else { return }
            for _ in 0..<increments {
                try? c.transaction(.serializable, attempts: 50) { t in
                    let n = try t.execute("SELECT n FROM counter").int64(0, 0) ?? 0
                    usleep(200)
                    try t.execute("UPDATE counter SET n = $1", [n + 1])
                }
            }
        }
        #expect(try connection.execute("SELECT n FROM counter").int64(0, 0) == Int64(threads * increments))
    }

    @Test("COPY FROM STDIN keeps every byte of hostile text; a failed COPY keeps nothing")
    func copy() throws {
        let database = try PostgresTestServer.shared().makeDatabase()
        let connection = try database.connect()
        try connection.execute("CREATE TABLE c (id bigint, text text)")
        let texts = ["plain", "tab\tnew\nline\r\ncr", "back\\slash \\N not null", "", "日本語 \u{1F3F3}\u{FE0F}\u{200D}\u{1F308}"]
        let count = try connection.copy("COPY c (id, text) FROM STDIN") { writer in
            for n in 0..<20_000 { try writer.row([String(n), texts[n % texts.count]]) }
            try writer.row(["-1", nil])
        }
        #expect(count == 20_001)
        #expect(try connection.execute("SELECT count(*) FROM c").int64(0, 0) == 20_001)
        for (index, text) in texts.enumerated() {
            #expect(try connection.execute("SELECT text FROM c WHERE id = $1", [Int64(index)]).string(0, 0) == text)
        }
        #expect(try connection.execute("SELECT text IS NULL FROM c WHERE id = -1").bool(0, 0) == true)

        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try connection.copy("COPY c (id, text) FROM STDIN") { writer in
                try writer.row(["99999", "half"])
                throw Stop()
            }
        }
        let bad = #expect(throws: PostgresError.self) {
            try connection.copy("COPY c (id, text) FROM STDIN") { writer in try writer.row(["not a number", "x"]) }
        }
        #expect(bad?.kind == .badInput)
        #expect(try connection.execute("SELECT count(*) FROM c").int64(0, 0) == 20_001)
        // The connection is still usable after both.
        #expect(try connection.execute("SELECT 1").int64(0, 0) == 1)
    }

    @Test("a cursor reads every row in batches inside one snapshot")
    func cursor() throws {
        let database = try PostgresTestServer.shared().makeDatabase()
        let connection = try database.connect()
        try connection.execute("CREATE TABLE r AS SELECT g AS id FROM generate_series(1, 10001) g")
        var seen: [Int64] = []
        try connection.transaction(.repeatableRead, readOnly: true) { c in
            try c.forEachRow("SELECT id FROM r WHERE id > $1 ORDER BY id", [Int64(0)], batch: 1000) { rows, index in
                seen.append(rows.int64(index, 0)!)
            }
        }
        #expect(seen == Array(1...10001))
    }

    @Test("SQLSTATEs become Docket's kinds: conflict, permission, not found, bad input, lost connection")
    func errorKinds() throws {
        let server = try PostgresTestServer.shared()
        let database = try server.makeDatabase()
        let connection = try database.connect()
        try connection.execute("CREATE TABLE u (id bigint PRIMARY KEY); INSERT INTO u VALUES (1)")
        let duplicate = #expect(throws: PostgresError.self) { try connection.execute("INSERT INTO u VALUES (1)") }
        #expect(duplicate?.kind == .conflict && duplicate?.sqlState == "23505")
        let missing = #expect(throws: PostgresError.self) { try connection.execute("SELECT * FROM no_such_table") }
        #expect(missing?.kind == .notFound)
        let bad = #expect(throws: PostgresError.self) { try connection.execute("SELECT $1::bigint", ["twelve"]) }
        #expect(bad?.kind == .badInput)

        let malloryRole = "mallory_" + database.name
        try connection.execute("CREATE ROLE \(malloryRole) LOGIN PASSWORD 'mallory-pw'")
        let mallory = try PostgresConnection(database.url(user: malloryRole, password: "mallory-pw"))
        let denied = #expect(throws: PostgresError.self) { try mallory.execute("INSERT INTO u VALUES (2)") }
        #expect(denied?.kind == .permissionDenied)

        // The server cuts the connection: the next statement says so (exit 69), and reset() reconnects.
        try connection.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = $1", [malloryRole])
        let lost = #expect(throws: PostgresError.self) { try mallory.execute("SELECT 1") }
        #expect(lost?.kind == .unavailable)
        #expect(lost?.docketError == .unavailable(lost?.message ?? ""))
        try mallory.reset()
        #expect(try mallory.execute("SELECT current_user").string(0, 0) == malloryRole)

        let noDatabase = #expect(throws: PostgresError.self) { try PostgresConnection(server.url(database: "docket_missing_db")) }
        #expect(noDatabase?.kind == .notFound)
        let noServer = #expect(throws: PostgresError.self) {
            try PostgresConnection("postgresql://docket@%2Ftmp%2Fdocket-no-such-socket/postgres")
        }
        #expect(noServer?.kind == .unavailable)
    }

    @Test("a password never appears in an error message, nor in a connection's name")
    func passwordsStaySecret() throws {
        let database = try PostgresTestServer.shared().makeDatabase()
        // Roles belong to the whole cluster: each test names its own.
        let ann = "ann_" + database.name
        try database.connect().execute("CREATE ROLE \(ann) LOGIN PASSWORD 'right-horse-battery'")
        let secret = "Tr0ub4dor&3-secret"
        let wrong = database.url(user: ann, password: secret)
        let refused = #expect(throws: PostgresError.self) { try PostgresConnection(wrong) }
        #expect(refused?.kind == .permissionDenied)
        #expect(refused.map { !"\($0)".contains(secret) && !"\($0)".contains("Tr0ub4dor") } == true, "\(String(describing: refused))")
        #expect(!PostgresSecrets.display(wrong).contains("Tr0ub4dor"))
        #expect(!PostgresSecrets.display("postgresql://ann:pw9x@db.example:5432/docket?sslmode=require&password=pw2x").contains("pw"))
        #expect(PostgresSecrets.display("host=db user=ann password='a b' dbname=docket") == "host=db user=ann dbname=docket")

        let connection = try PostgresConnection(database.url(user: ann, password: "right-horse-battery"))
        #expect(!connection.displayName.contains("right-horse-battery"))
        let error = #expect(throws: PostgresError.self) { try connection.execute("SELECT 'right-horse-battery'::bigint") }
        #expect(error.map { !"\($0)".contains("right-horse-battery") } == true, "\(String(describing: error))")
    }
}
