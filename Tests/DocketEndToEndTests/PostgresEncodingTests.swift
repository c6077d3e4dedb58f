import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// PostgreSQL databases that are not in UTF8 (Docs/team-server.md): Docket creates its tables only in a UTF8 database,
/// refusing any other (exit 74) before writing anything, with a message naming the database, its encoding and the
/// `createdb` command that makes a UTF8 one (run here as printed). A LATIN1 database an older Docket filled still
/// works: an import rejects each record holding a character LATIN1 lacks, naming file, line and field, and stores
/// the rest with their accents intact; `docket copy` moves it into a UTF8 database.
@Suite(.enabled(if: PostgresUnderTest.isOn, "PostgreSQL is not under test (DOCKET_TEST_BACKENDS=sqlite,postgres)"))
struct PostgresEncodingTests {
    @Test("init and queues add refuse a LATIN1 database (74) naming it, its encoding and the fix; nothing is created; the fix works")
    func creatingTheTablesRefusesADatabaseNotInUTF8() throws {
        try #require(DocketBinary.isBuilt, "\(DocketBinary.missingHint)")
        let server = try PostgresTestServer.shared()
        let database = try Latin1Database(server)
        let folder = try TemporaryFolder("docket-pg-latin1-init")
        let queueFile = try folder.write("q.yml", queueYAML(id: "q"))
        var fix = ""
        for arguments in [["init", "--examples"], ["queues", "add", queueFile]] {
            let refused = try docket(arguments + ["--db", database.url])
            #expect(refused.status == 74, "\(refused.transcript)")
            for words in ["database '\(database.name)'", "in encoding LATIN1", "needs a database in UTF8", "nothing was written",
                          "createdb -E UTF8 -T template0 --locale=C.UTF-8 \(database.name) (after 'dropdb \(database.name)'"] {
                #expect(refused.stderr.contains(words), "\(arguments[0]) should say \(words): \(refused.stderr)")
            }
            #expect(try database.objects() == [], "\(arguments[0]) left objects in the LATIN1 database")
            fix = try #require(refused.stderr.components(separatedBy: "with: ").last?.components(separatedBy: " (after").first)
        }
        // The fix as printed, on the test's server: the database made again in UTF8, where init then succeeds.
        let remade = try shell("dropdb \(database.name) --maintenance-db=\"$ADMIN\" && \(fix) --maintenance-db=\"$ADMIN\"",
                               environment: ["ADMIN": server.adminURL])
        try #require(remade.status == 0, "\(fix): \(remade.transcript)")
        #expect(try database.encoding() == "UTF8")
        let initialised = try docket(["init", "--examples", "--db", database.url])
        #expect(initialised.status == 0, "\(initialised.transcript)")
    }

    @Test("copy --to a LATIN1 database is refused (74) with the same message: nothing is created there, nothing copied into an older Docket's empty one")
    func copyRefusesADestinationNotInUTF8() throws {
        try #require(DocketBinary.isBuilt, "\(DocketBinary.missingHint)")
        let server = try PostgresTestServer.shared()
        let database = try Latin1Database(server)
        let folder = try TemporaryFolder("docket-pg-latin1-copy")
        let source = try makeDatabase(in: folder, queue: "q", items: 3)
        let refused = try docket(["copy", "--from", source, "--to", database.url])
        #expect(refused.status == 74, "\(refused.transcript)")
        for words in ["cannot create Docket's tables in", "database '\(database.name)'", "in encoding LATIN1",
                      "createdb -E UTF8 -T template0 --locale=C.UTF-8 \(database.name)"] {
            #expect(refused.stderr.contains(words), "copy should say \(words): \(refused.stderr)")
        }
        #expect(try database.objects() == [], "copy left objects in the LATIN1 database")

        // An empty LATIN1 database with an older Docket's tables: refused too, no item copied.
        let empty = try server.makeDatabase()
        let initialised = try docket(["init", "--queues", folder.file("no-queues"), "--db", empty.url])
        try #require(initialised.status == 0, "\(initialised.transcript)")
        let older = try Latin1Database(server)
        try older.restore(from: empty.url)
        let intoOlder = try docket(["copy", "--from", source, "--to", older.url])
        #expect(intoOlder.status == 74 && intoOlder.stderr.contains("cannot copy into") && intoOlder.stderr.contains("in encoding LATIN1"),
                "\(intoOlder.transcript)")
        #expect(try older.connect().execute("SELECT count(*) FROM items").int64(0, 0) == 0)
    }

    @Test("a LATIN1 database an older Docket filled: each record with a character LATIN1 lacks is rejected naming file, line and field; the rest is stored intact")
    func anOlderLatin1DatabaseRejectsRecordsItCannotStore() throws {
        try #require(DocketBinary.isBuilt, "\(DocketBinary.missingHint)")
        let server = try PostgresTestServer.shared()
        let folder = try TemporaryFolder("docket-pg-latin1-older")
        // What an older Docket left: its tables and a queue in a LATIN1 database (made here by restoring a UTF8 one's dump).
        let original = try server.makeDatabase()
        let queueFile = try folder.write("q.yml", queueYAML(id: "q"))
        for arguments in [["init"], ["queues", "add", queueFile]] {
            let result = try docket(arguments + ["--db", original.url])
            try #require(result.status == 0, "\(arguments[0]): \(result.transcript)")
        }
        let database = try Latin1Database(server)
        try database.restore(from: original.url)
        // Opening and upgrading it still works: only creating Docket's tables needs UTF8.
        let reopened = try docket(["init", "--db", database.url])
        #expect(reopened.status == 0, "\(reopened.transcript)")

        let records = try folder.write("items.jsonl", [
            #"{"id":"e1","text":"café crème"}"#,
            #"{"id":"e2","text":"coffee ☕"}"#,
            #"{"id":"e3","text":"naïve"}"#,
            #"{"id":"e4","text":"fine","meta":{"mood":"😀"}}"#,
            #"{"id":"e5","text":"fine","decisions":[{"reviewer":"ann","label":"bad","note":"Ω"}]}"#,
        ].joined(separator: "\n") + "\n")
        let imported = try docket(["import", records, "--queue", "q", "--db", database.url])
        #expect(imported.status == 65, "\(imported.transcript)")
        for rejection in ["items.jsonl:2: field 'text': holds U+2615", "items.jsonl:4: field 'meta': holds U+1F600",
                          "items.jsonl:5: field 'decisions[0].note': holds U+03A9"] {
            #expect(imported.stderr.contains(rejection + ", a character the database '\(database.name)' cannot store: it is in encoding LATIN1"),
                    "\(imported.stderr)")
        }
        #expect(imported.stdout.contains("2 inserted") && imported.stdout.contains("3 rejected"), "\(imported.stdout)")
        // Stored as their characters: ten LATIN1 characters for "café crème" (its UTF-8 bytes read as LATIN1 would be twelve).
        let facts = try database.connect()
        let stored = try facts.execute("SELECT external_id, content, length(content) FROM items ORDER BY external_id")
        #expect(stored.rowCount == 2 && stored.string(0, 0) == "e1" && stored.string(1, 0) == "e3", "\(stored.rowCount) items")
        #expect(stored.string(0, 1) == "café crème" && stored.int64(0, 2) == 10, "\(stored.string(0, 1) ?? "nil")")
        #expect(try facts.execute("SELECT count(*) FROM decisions").int64(0, 0) == 0)
        let next = try docket(["next", "--queue", "q", "--reviewer", "ann", "--json", "--db", database.url])
        #expect(next.status == 0 && next.stdout.contains(#""text":"café crème""#), "\(next.transcript)")

        // --strict: the first such record rolls the whole import back.
        let strictFile = try folder.write("strict.jsonl", #"{"id":"e6","text":"fine"}"# + "\n" + #"{"id":"e7","text":"tea 🍵"}"# + "\n")
        let strict = try docket(["import", strictFile, "--queue", "q", "--strict", "--db", database.url])
        #expect(strict.status == 65 && strict.stderr.contains("strict.jsonl:2: field 'text': holds U+1F375"), "\(strict.transcript)")
        #expect(try facts.execute("SELECT count(*) FROM items").int64(0, 0) == 2)

        // Another write with such a character: the server's refusal, with what it means and where to look.
        let note = try docket(["decide", "e1", "--queue", "q", "--reviewer", "ann", "--label", "bad", "--note", "☕", "--db", database.url])
        #expect(note.status == 65 && note.stderr.contains("the database '\(database.name)' is in encoding LATIN1, which lacks that character"),
                "\(note.transcript)")

        // The way out the guide gives: a copy into a UTF8 database, every accent intact.
        let moved = try server.makeDatabase()
        let copied = try docket(["copy", "--from", database.url, "--to", moved.url])
        #expect(copied.status == 0, "\(copied.transcript)")
        let content = try moved.connect().execute("SELECT content FROM items WHERE external_id = 'e1'").string(0, 0)
        #expect(content == "café crème", "\(content ?? "nil")")
    }
}

/// A fresh LATIN1 database on the test server (C collation, from template0), dropped when the value goes away.
private final class Latin1Database {
    let name = "docket_latin1_" + UUID().uuidString.prefix(8).lowercased()
    let url: String
    private let admin: PostgresConnection

    init(_ server: PostgresTestServer) throws {
        admin = try PostgresConnection(server.adminURL)
        try admin.execute("CREATE DATABASE \(name) ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0")
        url = server.url(database: name)
    }

    deinit { _ = try? admin.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }

    func connect() throws -> PostgresConnection { try PostgresConnection(url) }

    /// The tables, sequences, views, types and functions anyone created in the database (outside PostgreSQL's own schemas).
    func objects() throws -> [String] {
        let result = try connect().execute("""
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
            UNION ALL SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
            UNION ALL SELECT t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
            WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
            """)
        return (0..<result.rowCount).map { result.string($0, 0) ?? "" }
    }

    /// Fills the database with the contents of the database at `url` (`pg_dump` into `psql`): the tables an older
    /// Docket created in a LATIN1 database, with what they held.
    func restore(from url: String) throws {
        let restored = try shell(#"pg_dump -d "$FROM" | psql -X -q -v ON_ERROR_STOP=1 -d "$TO" >/dev/null"#,
                                 environment: ["FROM": url, "TO": self.url])
        guard restored.status == 0 else { throw SetupFailure("pg_dump | psql into \(name) failed: \(restored.transcript)") }
    }

    /// The database's encoding as the server names it.
    func encoding() throws -> String {
        try admin.execute("SELECT pg_encoding_to_char(encoding) FROM pg_database WHERE datname = $1", [name]).string(0, 0) ?? ""
    }
}
