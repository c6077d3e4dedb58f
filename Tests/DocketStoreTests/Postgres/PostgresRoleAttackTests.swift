import DocketCore
@testable import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// Roles enforced by PostgreSQL itself: someone who opens a connection with a reviewer's password (libpq, as
/// `psql` does, and the `psql` binary itself) tries to rewrite history, decide as someone else, read a queue
/// not theirs and lift themselves to a lead; every attempt is refused by the server and nothing changes.
@Suite(.enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.disabledReason)))
struct PostgresRoleAttackTests {
    /// One statement to try, with its parameters.
    typealias Attempt = (sql: String, parameters: [(any PostgresEncodable)?])

    /// Runs `sql` and returns the server's refusal; records an issue when it was allowed.
    @discardableResult
    func refused(_ c: PostgresConnection, _ sql: String, _ parameters: [(any PostgresEncodable)?] = [],
                 sourceLocation: SourceLocation = #_sourceLocation) -> PostgresError? {
        do {
            try c.execute(sql, parameters)
            Issue.record("allowed: \(sql)", sourceLocation: sourceLocation)
            return nil
        } catch let error as PostgresError {
            return error
        } catch {
            Issue.record("unexpected \(error) for \(sql)", sourceLocation: sourceLocation)
            return nil
        }
    }

    @Test("a reviewer's own path works through their role: claim, decide, undo as themselves, time from the server")
    func ownPath() throws {
        let team = try PostgresRoleTeam()
        let alice = try PostgresReviewStore(url: team.url(team.alice), create: false)
        #expect(alice.connectedRole == team.alice)
        #expect(try !alice.isOwnerConnection() && team.owner.isOwnerConnection())
        let item = try #require(try alice.claimNext(queue: "qa", reviewer: team.alice, now: 1))
        #expect(item.queue == "qa")
        // A back-dated time is not taken from a reviewer: the server's clock is.
        let decision = try alice.decide(DecisionRequest(queue: "qa", item: .external(item.externalID), reviewer: team.alice, label: "bad"), now: 1)
        #expect(decision.decidedAt > Timestamp.now() - 600)
        #expect(try alice.undoLast(queue: "qa", reviewer: team.alice)?.externalID == item.externalID)
        // The review screen's '/' (claim a chosen item) goes through the server's checks too.
        guard case .claimed(let chosen) = try alice.claimItem(queue: "qa", externalID: "qa-3", reviewer: team.alice) else {
            Issue.record("alice could not claim qa-3 in her own queue"); return
        }
        #expect(chosen.externalID == "qa-3")
        #expect(throws: DocketError.permissionDenied("'\(team.alice)' is not assigned to queue 'qb'; an admin can assign them with 'docket reviewers assign \(team.alice) --queue qb'")) {
            try alice.claimItem(queue: "qb", externalID: "qb-1", reviewer: team.alice)
        }
        #expect(try team.owner.checkHistory().isIntact)
        let actors = try team.database.connect().execute("SELECT DISTINCT actor FROM audit WHERE action LIKE 'decision%'").column()
        #expect(actors == [team.alice])
    }

    @Test("with a reviewer's password: no write to history, no one else's name, no other queue, no way up; nothing changes")
    func attacks() throws {
        let team = try PostgresRoleTeam()
        // Something to attack: a decision of bob's and one of alice's, through their own roles.
        let bobStore = try PostgresReviewStore(url: team.url(team.bob), create: false)
        let bobItem = try #require(try bobStore.claimNext(queue: "qb", reviewer: team.bob))
        try bobStore.decide(DecisionRequest(queue: "qb", item: .external(bobItem.externalID), reviewer: team.bob, label: "fine"))
        let aliceStore = try PostgresReviewStore(url: team.url(team.alice), create: false)
        let aliceItem = try #require(try aliceStore.claimNext(queue: "qa", reviewer: team.alice))
        let before = try team.fingerprint()

        let c = try team.connect(team.alice)
        #expect(c.user == team.alice)
        var attacks: [Attempt] = [
            // Writing history directly, as someone else or as herself.
            ("INSERT INTO decisions (item_id, queue_id, reviewer, kind, label, decided_at, origin) SELECT id, 'qa', $1, 'label', 'bad', 0, 'cli' FROM items LIMIT 1", [team.bob]),
            ("INSERT INTO decisions (item_id, queue_id, reviewer, kind, label, decided_at, origin) SELECT id, 'qa', $1, 'label', 'bad', 0, 'cli' FROM items LIMIT 1", [team.alice]),
            ("INSERT INTO decision_heads (item_id, reviewer, queue_id, decision_id, kind) VALUES (1, $1, 'qa', 1, 'label')", [team.alice]),
            ("INSERT INTO audit (at, actor, action, detail) VALUES (0, $1, 'decision', '{}')", [team.bob]),
            ("SELECT docket_audit_append(0, $1, 'decision', 'qa', NULL, '{}')", [team.alice]),
            ("UPDATE decisions SET label = 'bad'", []),
            ("DELETE FROM decisions", []),
            ("UPDATE audit SET actor = 'nobody'", []),
            ("DELETE FROM audit", []),
            ("UPDATE items SET state = 1", []),
            ("UPDATE leases SET expires_at = 1e12", []),
        ]
        attacks += ["decisions", "audit", "items", "leases", "decision_heads"].map { Attempt(sql: "TRUNCATE \($0)", parameters: []) }
        attacks += [
            // The functions, with another reviewer's name, or on a queue not assigned to her.
            ("SELECT docket_claim_as('qb', $1, 0, false)", [team.bob]),
            ("SELECT docket_claim_as('qb', $1, 0, false)", [team.alice]),
            ("SELECT * FROM docket_decide('qb', $1, $2, 'label', 'bad', '[]', NULL, NULL, NULL, NULL, 'cli', true, false, 0, $3, '\"bad\"')", [bobItem.externalID, team.bob, JSONWriter.quoted(bobItem.externalID)]),
            ("SELECT * FROM docket_decide('qa', $1, $2, 'label', 'bad', '[]', NULL, NULL, NULL, NULL, 'cli', false, false, 0, $3, '\"bad\"')", [aliceItem.externalID, team.bob, JSONWriter.quoted(aliceItem.externalID)]),
            ("SELECT * FROM docket_undo('qb', $1, 'cli', 0)", [team.bob]),
            ("SELECT docket_release('qb', $1)", [team.bob]),
            ("SELECT * FROM docket_claim_item('qb', 'qb-2', $1, 0)", [team.bob]),
            ("SELECT * FROM docket_claim_item('qb', 'qb-2', $1, 0)", [team.alice]),
            ("SELECT docket_renew('qa', $1, $2, 0)", [aliceItem.externalID, team.bob]),
            ("SELECT * FROM docket_adjudicate('qa', $1, $2, 'bad', '[]', NULL, NULL, 0, $3, '\"bad\"')", [aliceItem.externalID, team.alice, JSONWriter.quoted(aliceItem.externalID)]),
            ("SELECT docket_claim('qa', $1, 0, false)", [team.alice]),  // the unchecked claim
            // The claims' bookkeeping (schema v6): moving someone's floor would hide items from them.
            ("UPDATE claim_floors SET priority = ''", []),
            ("DELETE FROM claim_resets", []),
            ("SELECT * FROM claim_floors", []),
            ("SELECT docket_claim_reset('qa', 'zzzz')", []),
            // Up the ladder: other roles, her own Docket role, new logins, other assignments.
            ("SET ROLE \"\(team.lee)\"", []),
            ("SET ROLE docket_lead", []),
            ("SET ROLE docket_admin", []),
            ("SET SESSION AUTHORIZATION \"\(team.root)\"", []),
            ("UPDATE reviewers SET role = 'admin' WHERE name = $1", [team.alice]),
            ("INSERT INTO queue_reviewers (queue_id, reviewer) VALUES ('qb', $1)", [team.alice]),
            ("SELECT docket_create_login('mallory_x', NULL)", []),
            ("SELECT docket_sync_login($1)", [team.alice]),
            ("CREATE ROLE mallory_x LOGIN", []),
            // Past the guards: triggers, policies, the tables themselves.
            ("ALTER TABLE decisions DISABLE TRIGGER decisions_append_only", []),
            ("ALTER TABLE audit DISABLE TRIGGER USER", []),
            ("ALTER TABLE items DISABLE ROW LEVEL SECURITY", []),
            ("DROP POLICY items_read ON items", []),
            ("DROP TABLE decisions", []),
            ("CREATE FUNCTION docket_session_role() RETURNS text LANGUAGE sql AS $$ SELECT 'admin' $$", []),
            ("CREATE TABLE reviewers (name text)", []),
        ]
        let denials = attacks.map { refused(c, $0.sql, $0.parameters) }
        #expect(denials.allSatisfy { $0?.kind == .permissionDenied }, "\(denials.compactMap { $0 }.filter { $0.kind != .permissionDenied })")

        // Reading: only her queues' items, her own decisions and leases, no audit log.
        #expect(try c.execute("SELECT DISTINCT queue_id FROM items").column() == ["qa"])
        #expect(try c.execute("SELECT count(*) FROM items WHERE queue_id = 'qb'").int64(0, 0) == 0)
        #expect(try c.execute("SELECT count(*) FROM scores s JOIN items i ON i.id = s.item_id WHERE i.queue_id = 'qb'").int64(0, 0) == 0)
        #expect(try c.execute("SELECT count(*) FROM decisions").int64(0, 0) == 0)
        #expect(try c.execute("SELECT count(*) FROM decision_heads WHERE reviewer = $1", [team.bob]).int64(0, 0) == 0)
        #expect(try c.execute("SELECT DISTINCT reviewer FROM leases").column() == [team.alice])
        #expect(refused(c, "SELECT * FROM audit")?.kind == .permissionDenied)
        // SET ROLE to the group she is in gains nothing: the functions and policies read session_user.
        try c.execute("SET ROLE docket_reviewer")
        #expect(try c.execute("SELECT count(*) FROM items WHERE queue_id = 'qb'").int64(0, 0) == 0)
        #expect(refused(c, "SELECT docket_claim_as('qb', 'docket_reviewer', 0, false)")?.kind == .permissionDenied)

        #expect(try team.fingerprint() == before)
        #expect(try team.owner.checkHistory().isIntact)
    }

    @Test("a lead reads everything but writes history only through the functions, in their own name")
    func lead() throws {
        let team = try PostgresRoleTeam()
        let before = try team.fingerprint()
        let c = try team.connect(team.lee)
        #expect(try c.execute("SELECT count(DISTINCT queue_id) FROM items").int64(0, 0) == 2)
        #expect(try c.execute("SELECT count(*) FROM audit").int64(0, 0) ?? 0 > 0)
        let denials = [
            refused(c, "INSERT INTO audit (at, actor, action, detail) VALUES (0, $1, 'export', '{}')", [team.root]),
            refused(c, "SELECT docket_audit_append(0, $1, 'export', 'qa', NULL, '{}')", [team.root]),
            refused(c, "UPDATE decisions SET label = 'bad'"),
            refused(c, "DELETE FROM audit"),
            refused(c, "TRUNCATE decisions"),
            refused(c, "UPDATE items SET state = 0"),
            refused(c, "SELECT docket_claim_as('qa', $1, 0, false)", [team.alice]),
            refused(c, "SET ROLE docket_admin"),
        ]
        #expect(denials.allSatisfy { $0?.kind == .permissionDenied }, "\(denials)")
        #expect(try team.fingerprint() == before)
        let lee = try PostgresReviewStore(url: team.url(team.lee), create: false)
        let adjudicated = try lee.adjudicate(queue: "qa", externalID: "qa-1", lead: team.lee, label: "bad")
        #expect(adjudicated.reviewer == team.lee)
        #expect(throws: DocketError.self) { try lee.adjudicate(queue: "qa", externalID: "qa-2", lead: team.root, label: "bad") }
        #expect(try team.owner.checkHistory().isIntact)
    }

    @Test("the psql binary with a reviewer's password is refused the same way")
    func psqlBinary() throws {
        let psql = ["/usr/bin/psql", "/usr/local/bin/psql"].first { FileManager.default.isExecutableFile(atPath: $0) }
        let binary = try #require(psql, "psql is not installed (Debian: postgresql-client)")
        let team = try PostgresRoleTeam()
        let before = try team.fingerprint()
        for sql in ["UPDATE decisions SET label = 'x'", "DELETE FROM audit", "TRUNCATE decisions",
                    "ALTER TABLE decisions DISABLE TRIGGER decisions_append_only", "SET ROLE \"\(team.lee)\"",
                    "SELECT docket_claim_as('qb', '\(team.bob)', 0, false)"] {
            let result = SpawnedProgram.run(binary, ["-X", "-v", "ON_ERROR_STOP=1", "-d", team.url(team.alice), "-c", sql])
            #expect(result.status != 0 && (result.stderr.contains("permission denied") || result.stderr.contains("must be owner")
                                           || result.stderr.contains("may not act as")), "\(sql): \(result.stderr)")
        }
        let read = SpawnedProgram.run(binary, ["-X", "-At", "-d", team.url(team.alice), "-c", "SELECT count(*) FROM items WHERE queue_id = 'qb'"])
        #expect(read.status == 0 && read.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "0", "\(read.stderr)")
        #expect(try team.fingerprint() == before)
    }
}
