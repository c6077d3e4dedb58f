import DocketStore
import Foundation
import Testing

/// No command path updates or deletes history: after every command, every decision and audit row
/// seen before is still there, byte for byte, and rows were only appended.
@Suite struct HistoryAppendOnlyTests {
    /// Every row of one history table, as text, in id order.
    private func rows(_ db: String, _ table: String) throws -> [String] {
        let result = try shell("sqlite3 -separator '|' '\(db)' \"SELECT * FROM \(table) ORDER BY id\"")
        #expect(result.status == 0, Comment(rawValue: result.transcript))
        return result.stdout.split(separator: "\n").map(String.init)
    }

    /// The decisions and the audit log, each in id order.
    private func history(_ db: String) throws -> (decisions: [String], audit: [String]) {
        (try rows(db, "decisions"), try rows(db, "audit"))
    }

    @Test func everyCommandOnlyAppendsToHistory() throws {
        try #require(DocketBinary.isBuilt, Comment(rawValue: DocketBinary.missingHint))
        let folder = try TemporaryFolder("history")
        let db = try makeDatabase(in: folder, queue: "q", overlap: 2, items: 4)
        let admin = ["DOCKET_USER": "boss"]
        // DOCKET_USER is honoured in a database with roles only when the operating-system user is an admin there.
        #expect(try docket(["reviewers", "add", OperatingSystemUser.name, "--role", "admin", "--db", db]).status == 0)
        let steps: [[String]] = [
            ["reviewers", "add", "ann", "--queues", "q"],
            ["reviewers", "add", "bob", "--queues", "q"],
            ["decide", "item-00000", "--queue", "q", "--reviewer", "ann", "--label", "bad", "--note", "slur", "--unclaimed"],
            ["decide", "item-00000", "--queue", "q", "--reviewer", "bob", "--label", "fine", "--unclaimed"],
            ["decide", "item-00000", "--queue", "q", "--reviewer", "bob", "--label", "bad", "--correct"],
            ["decide", "item-00001", "--queue", "q", "--reviewer", "ann", "--skip", "not English", "--unclaimed"],
            ["decide", "item-00002", "--queue", "q", "--reviewer", "ann", "--escalate", "threat of violence", "--unclaimed"],
            ["undo", "--queue", "q", "--reviewer", "ann"],
            ["reviewers", "role", "bob", "lead"],
            ["queues", "add", folder.file("q.yml")],
            ["import", folder.file("q-items.jsonl"), "--queue", "q"],
            ["export", "--queue", "q", "--out", folder.file("dataset")],
        ]
        #expect(try docket(["reviewers", "add", "boss", "--role", "admin", "--db", db]).status == 0)
        var before = try history(db)
        for step in steps {
            let result = try docket(step + ["--db", db], environment: admin)
            #expect(result.status == 0, Comment(rawValue: "\(step): \(result.transcript)"))
            let after = try history(db)
            #expect(after.audit.count > before.audit.count, Comment(rawValue: "\(step) left no audit entry"))
            #expect(Array(after.audit.prefix(before.audit.count)) == before.audit, Comment(rawValue: "\(step) changed the audit log"))
            #expect(after.decisions.count >= before.decisions.count, Comment(rawValue: "\(step) removed decisions"))
            #expect(Array(after.decisions.prefix(before.decisions.count)) == before.decisions, Comment(rawValue: "\(step) changed earlier decisions"))
            before = after
        }
        // The append-only rule holds below Docket too: SQL cannot rewrite history.
        for statement in ["UPDATE decisions SET label = 'fine'", "DELETE FROM decisions", "UPDATE audit SET actor = 'x'", "DELETE FROM audit"] {
            let tampered = try shell("sqlite3 '\(db)' \"\(statement)\"")
            #expect(tampered.status != 0)
            #expect(tampered.stderr.contains("append-only"))
        }
        let final = try history(db)
        #expect(final.decisions == before.decisions)
        #expect(final.audit == before.audit)
    }
}
