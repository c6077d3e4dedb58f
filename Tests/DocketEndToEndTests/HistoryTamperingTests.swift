import DocketCore
import Foundation
import Testing

/// Every way of rewriting history with `sqlite3` that the adversarial run found (issue 17, items 14 and 15) is
/// refused by the file itself, and what gets past the triggers (a hand edit with them dropped) is named by
/// `docket audit --verify` and `docket status --full-check`.
@Suite struct HistoryTamperingTests {
    let folder: TemporaryFolder
    let db: String

    /// A database with decisions of every kind (labelled, corrected, undone, imported) and their audit lines.
    init() throws {
        try #require(DocketBinary.isBuilt, Comment(rawValue: DocketBinary.missingHint))
        folder = try TemporaryFolder("tamper")
        db = try makeDatabase(in: folder, queue: "q", items: 4)
        let extra = try folder.write("imported.jsonl", itemLine("ext-1", extra: #","decisions":[{"reviewer":"outside","label":"bad","seconds":12}]"#) + "\n")
        func run(_ arguments: [String]) throws -> ProcessResult {
            let result = try docket(arguments + ["--db", db], environment: ["DOCKET_USER": "ann"])
            try #require(result.status == 0, Comment(rawValue: "\(arguments): \(result.transcript)"))
            return result
        }
        _ = try run(["import", extra, "--queue", "q"])
        for label in ["bad", "fine"] {
            let claimed = try JSONParser.parse(try run(["next", "--queue", "q", "--reviewer", "ann", "--json"]).stdout)
            let id = try #require(claimed["id"]?.stringValue)
            _ = try run(["decide", id, "--queue", "q", "--reviewer", "ann", "--label", label, "--seconds", "4"])
        }
        _ = try run(["undo", "--queue", "q", "--reviewer", "ann"])
    }

    func sqlite(_ sql: String) throws -> ProcessResult {
        try shell("sqlite3 '\(db)' \"\(sql)\"")
    }

    @Test(arguments: [
        "INSERT OR REPLACE INTO decisions SELECT * FROM decisions WHERE id = 1",
        "REPLACE INTO decisions (id, item_id, queue_id, reviewer, kind, label, decided_at, origin) VALUES (1, 1, 'q', 'ann', 'label', 'fine', 0, 'cli')",
        "INSERT INTO decisions (id, item_id, queue_id, reviewer, kind, label, decided_at, origin) VALUES (0, 1, 'q', 'ann', 'label', 'fine', 0, 'cli')",
        "REPLACE INTO audit (id, at, actor, action) VALUES (2, 0, 'mallory', 'nothing')",
        "INSERT OR REPLACE INTO audit (id, at, actor, action, detail) SELECT id, at, 'mallory', action, detail FROM audit WHERE id = 3",
        "UPDATE decision_heads SET label = 'fine'",
        "DELETE FROM decision_heads",
        "INSERT OR REPLACE INTO decision_heads (item_id, reviewer, queue_id, decision_id, kind, label, tags, decided_at) SELECT item_id, reviewer, queue_id, decision_id, kind, 'fine', tags, decided_at FROM decision_heads",
        "INSERT INTO decision_heads (item_id, reviewer, queue_id, decision_id, kind, label, tags, decided_at) VALUES (3, 'mallory', 'q', 1, 'label', 'bad', '[]', 0)",
    ])
    func everyRewriteOfHistoryIsRefusedByTheFile(statement: String) throws {
        let before = try sqlite("SELECT * FROM decisions; SELECT * FROM audit; SELECT * FROM decision_heads").stdout
        let tampered = try sqlite(statement)
        #expect(tampered.status != 0, Comment(rawValue: "\(statement) was accepted"))
        #expect(tampered.stderr.contains("append-only") || tampered.stderr.contains("decision head"), Comment(rawValue: tampered.stderr))
        #expect(try sqlite("SELECT * FROM decisions; SELECT * FROM audit; SELECT * FROM decision_heads").stdout == before)
        #expect(try docket(["status", "--full-check", "--db", db]).status == 0)
        #expect(try docket(["audit", "--verify", "--db", db]).status == 0)
    }

    @Test func anEditedAuditRowIsNamedByVerify() throws {
        let intact = try docket(["audit", "--verify", "--db", db])
        #expect(intact.status == 0, Comment(rawValue: intact.transcript))
        #expect(intact.stdout.contains("Audit log intact"))
        // Past the triggers: whoever can drop them can edit a row, but not its place in the chain.
        let edit = try sqlite("DROP TRIGGER audit_no_update; UPDATE audit SET actor = 'mallory' WHERE id = 3")
        try #require(edit.status == 0, Comment(rawValue: edit.transcript))
        let verify = try docket(["audit", "--verify", "--db", db])
        #expect(verify.status == 5, Comment(rawValue: verify.transcript))
        #expect(verify.stderr.contains("breaks at row 3"), Comment(rawValue: verify.stderr))
        let status = try docket(["status", "--full-check", "--db", db])
        #expect(status.status == 5 && status.stderr.contains("row 3"), Comment(rawValue: status.transcript))
    }

    @Test func aRemovedAuditRowIsNamedAtTheRowAfterIt() throws {
        let edit = try sqlite("DROP TRIGGER audit_no_delete; DELETE FROM audit WHERE id = 2")
        try #require(edit.status == 0, Comment(rawValue: edit.transcript))
        let verify = try docket(["audit", "--verify", "--db", db])
        #expect(verify.status == 5 && verify.stderr.contains("breaks at row 3"), Comment(rawValue: verify.transcript))
    }

    @Test func anEditedHeadIsNamedByTheFullCheck() throws {
        let edit = try sqlite("DROP TRIGGER decision_heads_update; UPDATE decision_heads SET label = 'fine' WHERE reviewer = 'outside'")
        try #require(edit.status == 0, Comment(rawValue: edit.transcript))
        let status = try docket(["status", "--full-check", "--db", db])
        #expect(status.status == 5, Comment(rawValue: status.transcript))
        #expect(status.stderr.contains("item ext-1, reviewer outside: the head says 'fine'"), Comment(rawValue: status.stderr))
    }
}
