import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// Docket talks UTF-8 to PostgreSQL whatever the database's encoding (it sets `client_encoding` on connect): in a
/// LATIN1 database an item's "café crème" is stored as those ten characters, not as the twelve its UTF-8 bytes
/// would make if read as LATIN1, and a character LATIN1 lacks is refused (exit 65) instead of being stored garbled.
@Suite(.enabled(if: PostgresUnderTest.isOn, "PostgreSQL is not under test (DOCKET_TEST_BACKENDS=sqlite,postgres)"))
struct PostgresEncodingTests {
    @Test("a LATIN1 database: accented text stored as its characters and read back the same; an emoji is refused (65), nothing stored")
    func latin1DatabaseKeepsText() throws {
        try #require(DocketBinary.isBuilt, "\(DocketBinary.missingHint)")
        let server = try PostgresTestServer.shared()
        let name = "docket_latin1_" + UUID().uuidString.prefix(8).lowercased()
        let superuser = try PostgresConnection(server.adminURL)
        try superuser.execute("CREATE DATABASE \(name) ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0")
        defer { _ = try? superuser.execute("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") }
        let url = server.url(database: name)
        let folder = try TemporaryFolder("docket-pg-latin1")
        let queueFile = try folder.write("q.yml", queueYAML(id: "q"))
        let accented = try folder.write("accented.jsonl", #"{"id":"e1","text":"café crème"}"# + "\n")
        for arguments in [["init"], ["queues", "add", queueFile], ["import", accented, "--queue", "q"]] {
            let result = try docket(arguments + ["--db", url])
            try #require(result.status == 0, "\(arguments[0]): \(result.transcript)")
        }
        // The server holds ten LATIN1 characters (a garbled "cafÃ© crÃ¨me" would be twelve), and Docket reads them back.
        let stored = try PostgresConnection(url).execute("SELECT content, length(content) FROM items WHERE external_id = 'e1'")
        #expect(stored.string(0, 0) == "café crème" && stored.int64(0, 1) == 10, "\(stored.string(0, 0) ?? "nil")")
        let next = try docket(["next", "--queue", "q", "--reviewer", "ann", "--json", "--db", url])
        #expect(next.status == 0 && next.stdout.contains(#""text":"café crème""#), "\(next.transcript)")

        // A character LATIN1 cannot hold: refused with the server's reason, and the item is not stored at all.
        let emoji = try folder.write("emoji.jsonl", #"{"id":"e2","text":"coffee ☕"}"# + "\n")
        let refused = try docket(["import", emoji, "--queue", "q", "--db", url])
        #expect(refused.status == 65, "\(refused.transcript)")
        #expect(refused.stderr.contains(#"has no equivalent in encoding "LATIN1""#), "\(refused.stderr)")
        #expect(try PostgresConnection(url).execute("SELECT count(*) FROM items").int64(0, 0) == 1)
    }
}
