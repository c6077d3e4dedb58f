import DocketCore
import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// Roles on PostgreSQL through the real binary: `docket reviewers add` creates each person's database role with
/// a password that is never shown; a reviewer connected as themselves works as usual, and naming someone else
/// (`--reviewer`, `DOCKET_USER`) is refused with exit 77 and changes nothing.
@Suite(.enabled(if: PostgresUnderTest.isOn, "PostgreSQL is not under test (DOCKET_TEST_BACKENDS=sqlite,postgres)"))
struct PostgresRolesEndToEndTests {
    static let queue = """
        id: q
        title: Roles
        overlap: 1
        labels:
          - {id: bad, key: "1"}
          - {id: fine, key: "2"}
        """

    @Test("docket next/decide as alice: her own work goes through; --reviewer bob or DOCKET_USER=bob is refused (77)")
    func identityIsTheConnection() throws {
        try #require(DocketBinary.isBuilt, "\(DocketBinary.missingHint)")
        let folder = try TemporaryFolder("docket-pg-roles")
        let database = try PostgresTestServer.shared().makeDatabase()
        let tag = String(database.name.suffix(10))
        let (admin, alice, bob) = ("root_\(tag)", "alice_\(tag)", "bob_\(tag)")
        defer {
            let server = try? PostgresConnection(database.server.adminURL)
            for name in [admin, alice, bob] { _ = try? server?.execute("DROP ROLE IF EXISTS \"\(name)\"") }
        }
        let owner = database.url
        let queueFile = try folder.write("q.yml", Self.queue)
        let items = try folder.write("items.jsonl", (1...4).map { #"{"id":"i\#($0)","text":"item \#($0)"}"# }.joined(separator: "\n") + "\n")
        for arguments in [["init", "--db", owner], ["queues", "add", queueFile, "--db", owner], ["import", items, "--queue", "q", "--db", owner]] {
            let result = try docket(arguments)
            try #require(result.status == 0, "\(arguments.first ?? ""): \(result.stderr)")
        }
        for (name, role) in [(admin, "admin"), (alice, "reviewer"), (bob, "reviewer")] {
            let added = try docket(["reviewers", "add", name, "--role", role, "--password-stdin", "--db", owner], stdin: "pw-\(name)\n")
            #expect(added.status == 0, "\(added.stderr)")
            #expect(added.stdout.contains("database role '\(name)' in docket_\(role)"), "\(added.stdout)")
            #expect(!(added.stdout + added.stderr).contains("pw-\(name)"))
        }
        let asAlice = database.url(user: alice, password: "pw-\(alice)")

        // Her own work: next and decide without --reviewer act as the role she logged in as.
        let next = try docket(["next", "--queue", "q", "--json", "--db", asAlice])
        #expect(next.status == 0, "\(next.stderr)")
        let item = try #require(try JSONSerialization.jsonObject(with: Data(next.stdout.utf8)) as? [String: Any])["id"] as? String
        let decided = try docket(["decide", try #require(item), "--queue", "q", "--label", "bad", "--db", asAlice])
        #expect(decided.status == 0, "\(decided.stderr)")
        #expect(decided.stdout.contains("by \(alice)"))
        let history = try database.connect()
        let before = try history.execute("SELECT count(*) FROM decisions").int64(0, 0)

        // Someone else's name: refused before anything is written, saying why.
        for arguments in [["next", "--queue", "q", "--reviewer", bob, "--db", asAlice],
                          ["decide", "i4", "--queue", "q", "--reviewer", bob, "--label", "bad", "--db", asAlice],
                          ["undo", "--queue", "q", "--reviewer", bob, "--db", asAlice]] {
            let refused = try docket(arguments)
            #expect(refused.status == 77, "\(arguments.first ?? ""): \(refused.status) \(refused.stderr)")
            #expect(refused.stderr.contains("does not match the database role you connected as ('\(alice)')"), "\(refused.stderr)")
        }
        let overridden = try docket(["next", "--queue", "q", "--db", asAlice], environment: ["DOCKET_USER": bob])
        #expect(overridden.status == 77 && overridden.stderr.contains("DOCKET_USER=\(bob) is refused"), "\(overridden.stderr)")
        // A reviewer may not add people, even through the binary.
        let promoted = try docket(["reviewers", "add", "mallory_\(tag)", "--role", "admin", "--db", asAlice])
        #expect(promoted.status == 77, "\(promoted.stderr)")
        #expect(try history.execute("SELECT count(*) FROM decisions").int64(0, 0) == before)
        #expect(try history.execute("SELECT count(*) FROM pg_roles WHERE rolname = $1", ["mallory_\(tag)"]).int64(0, 0) == 0)
        #expect(try history.execute("SELECT DISTINCT reviewer FROM decisions").column() == [alice])
    }
}
