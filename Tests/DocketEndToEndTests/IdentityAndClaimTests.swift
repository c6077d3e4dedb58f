import DocketCore
import DocketStore
import Foundation
import Testing

/// Who may act, and on what, through the real binary (issue 17, items 16-18): `DOCKET_USER` is honoured in a
/// database with roles only for an operating-system user who is an admin there, with both names in the audit
/// log and refused attempts logged; `decide` needs the reviewer's own claim, and every refusal says what
/// actually happened; the "not assigned" message names who really can assign.
@Suite struct IdentityAndClaimTests {
    let folder: TemporaryFolder
    let db: String
    let me = OperatingSystemUser.name

    init() throws {
        try #require(DocketBinary.isBuilt, Comment(rawValue: DocketBinary.missingHint))
        folder = try TemporaryFolder("identity")
        db = try makeDatabase(in: folder, queue: "q", items: 4)
    }

    func audit(_ action: String) throws -> [JSONValue] {
        let rows = try DatabaseFacts(db).rows("SELECT actor, detail FROM audit WHERE action = ? ORDER BY id", [action])
        return try rows.map { row in .object([("actor", .string(row[0])), ("detail", try JSONParser.parse(row[1]))]) }
    }

    @Test func anOverrideIsRefusedUnlessTheRealUserIsAnAdminAndTheAttemptIsLogged() throws {
        // Roles on, with an admin who is not the operating-system user running these commands.
        try #require(me != "boss" && me != "root-claimed")
        #expect(try docket(["reviewers", "add", "boss", "--role", "admin", "--db", db], environment: ["DOCKET_USER": "boss"]).status == 0)
        let before = try DatabaseFacts(db).count("SELECT count(*) FROM reviewers")
        let claimed = try docket(["reviewers", "add", "mallory", "--role", "admin", "--db", db], environment: ["DOCKET_USER": "boss"])
        #expect(claimed.status == 77, Comment(rawValue: claimed.transcript))
        #expect(claimed.stderr.contains("DOCKET_USER=boss is refused: you are '\(me)'"), Comment(rawValue: claimed.stderr))
        let export = try docket(["export", "--queue", "q", "--out", folder.file("stolen"), "--db", db], environment: ["DOCKET_USER": "boss"])
        #expect(export.status == 77)
        #expect(!FileManager.default.fileExists(atPath: folder.file("stolen")))
        #expect(try DatabaseFacts(db).count("SELECT count(*) FROM reviewers") == before)
        let refusals = try audit("identity.refused")
        #expect(refusals.count == 2)
        #expect(refusals.allSatisfy { $0["actor"]?.stringValue == me && $0["detail"]?["claimed"]?.stringValue == "boss" })
        // Once the real user is an admin (added by an admin), the override is honoured and both names are logged.
        #expect(try docket(["reviewers", "add", me, "--role", "admin", "--db", db]).status == 77, "not yet an admin")
        let sql = "INSERT INTO reviewers (name, role, created_at) VALUES ('\(me)', 'admin', 0)"
        #expect(try shell("sqlite3 '\(db)' \"\(sql)\"").status == 0)
        let honoured = try docket(["reviewers", "add", "ann", "--db", db], environment: ["DOCKET_USER": "boss"])
        #expect(honoured.status == 0, Comment(rawValue: honoured.transcript))
        let added = try #require(try audit("reviewer.add").last)
        #expect(added["actor"]?.stringValue == "boss")
        #expect(added["detail"]?["os_user"]?.stringValue == me)
    }

    @Test func decideNeedsTheReviewersOwnClaim() throws {
        // Never claimed, nobody holds it: refused, and the message says so (it used to be accepted).
        let unclaimed = try docket(["decide", "item-00000", "--queue", "q", "--reviewer", "ann", "--label", "bad", "--db", db])
        #expect(unclaimed.status == 4, Comment(rawValue: unclaimed.transcript))
        #expect(unclaimed.stderr.contains("ann has not claimed item 'item-00000'") && unclaimed.stderr.contains("docket next"))
        // Someone else holds it: the message says that, not "after your lease expired".
        let claimed = try JSONParser.parse(try docket(["next", "--queue", "q", "--reviewer", "bob", "--json", "--db", db]).stdout)
        let held = try #require(claimed["id"]?.stringValue)
        let other = try docket(["decide", held, "--queue", "q", "--reviewer", "ann", "--label", "bad", "--db", db])
        #expect(other.status == 4)
        #expect(other.stderr.contains("has not claimed") && other.stderr.contains("another reviewer holds it"), Comment(rawValue: other.stderr))
        #expect(!other.stderr.contains("lease expired"))
        // The holder decides; an admin's --unclaimed records an outside label; nothing else was stored.
        #expect(try docket(["decide", held, "--queue", "q", "--reviewer", "bob", "--label", "fine", "--db", db]).status == 0)
        let free = held == "item-00000" ? "item-00001" : "item-00000"
        let outside = try docket(["decide", free, "--queue", "q", "--reviewer", "ann", "--label", "bad", "--unclaimed", "--db", db])
        #expect(outside.status == 0, Comment(rawValue: outside.transcript))
        #expect(try DatabaseFacts(db).count("SELECT count(*) FROM decisions") == 2)
    }

    @Test func unclaimedDecisionsAreForAdminsOnly() throws {
        #expect(try docket(["reviewers", "add", me, "--role", "admin", "--db", db]).status == 0)
        #expect(try docket(["reviewers", "add", "ann", "--db", db]).status == 0)
        let refused = try docket(["decide", "item-00000", "--queue", "q", "--label", "bad", "--unclaimed", "--db", db], environment: ["DOCKET_USER": "ann"])
        #expect(refused.status == 77, Comment(rawValue: refused.transcript))
        #expect(refused.stderr.contains("needs the admin role"))
    }

    @Test func theNotAssignedMessageNamesWhoCanReallyAssign() throws {
        #expect(try docket(["reviewers", "add", me, "--role", "admin", "--db", db]).status == 0)
        for arguments in [["reviewers", "add", "ann"], ["reviewers", "add", "lee", "--role", "lead"], ["reviewers", "add", "zoe"],
                          ["reviewers", "assign", "zoe", "--queue", "q"]] {
            #expect(try docket(arguments + ["--db", db]).status == 0, Comment(rawValue: "\(arguments)"))
        }
        let refused = try docket(["next", "--queue", "q", "--db", db], environment: ["DOCKET_USER": "ann"])
        #expect(refused.status == 77)
        #expect(refused.stderr.contains("an admin can assign them"), Comment(rawValue: refused.stderr))
        // What the message says is true: a lead is refused, an admin may.
        #expect(try docket(["reviewers", "assign", "ann", "--queue", "q", "--db", db], environment: ["DOCKET_USER": "lee"]).status == 77)
        #expect(try docket(["reviewers", "assign", "ann", "--queue", "q", "--db", db]).status == 0)
    }
}
