import DocketStore
import Foundation
import Testing

/// The command-line contract scripts rely on (issue: foundation): names, JSON keys, exit codes,
/// messages that name file, line and field. Runs the real binary on real SQLite files.
@Suite struct CLIContractTests {
    let folder: TemporaryFolder

    init() throws {
        try #require(DocketBinary.isBuilt, Comment(rawValue: DocketBinary.missingHint))
        folder = try TemporaryFolder("cli-contract")
    }

    private func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    @Test func queuesJSONCountsDecisionsInForceOnly() throws {
        let db = try makeDatabase(in: folder, queue: "q", overlap: 2, items: 3)
        // Labels made elsewhere (--unclaimed): this test is about the counts, not the claims.
        #expect(try docket(["decide", "item-00000", "--queue", "q", "--reviewer", "ann", "--label", "bad", "--unclaimed", "--db", db]).status == 0)
        #expect(try docket(["decide", "item-00000", "--queue", "q", "--reviewer", "bob", "--label", "fine", "--unclaimed", "--db", db]).status == 0)
        // A correction supersedes the earlier decision: still two in force, not three.
        let corrected = try docket(["decide", "item-00000", "--queue", "q", "--reviewer", "bob", "--label", "bad", "--correct", "--db", db])
        #expect(corrected.status == 0, Comment(rawValue: corrected.transcript))
        let listed = try docket(["queues", "--json", "--db", db])
        #expect(listed.status == 0)
        let queues = try #require(try json(listed.stdout) as? [[String: Any]])
        let q = try #require(queues.first { $0["id"] as? String == "q" })
        #expect(q["items"] as? Int == 3)
        #expect(q["decisions"] as? Int == 2)
        #expect(q["complete"] as? Int == 1)
        #expect(q["pending"] as? Int == 2)
    }

    @Test func nextPrintsTheItemAndExitsThreeWhenNothingIsLeft() throws {
        let db = try makeDatabase(in: folder, queue: "q", items: 1)
        let first = try docket(["next", "--queue", "q", "--reviewer", "ann", "--json", "--db", db])
        #expect(first.status == 0, Comment(rawValue: first.transcript))
        let item = try #require(try json(first.stdout) as? [String: Any])
        #expect(item["id"] as? String == "item-00000")
        #expect((item["text"] as? String)?.contains("some content") == true)
        #expect((item["scores"] as? [[String: Any]])?.first?["category"] as? String == "bad")
        #expect(item["explanations"] is [Any])
        #expect(item["meta"] is [String: Any])
        #expect(try docket(["decide", "item-00000", "--queue", "q", "--reviewer", "ann", "--label", "fine", "--db", db]).status == 0)
        let empty = try docket(["next", "--queue", "q", "--reviewer", "ann", "--json", "--db", db])
        #expect(empty.status == 3)
        #expect(empty.stdout.isEmpty)
    }

    @Test func decideRefusesASecondDecisionAndUnknownLabels() throws {
        let db = try makeDatabase(in: folder, queue: "q", overlap: 2, items: 1)
        #expect(try docket(["next", "--queue", "q", "--reviewer", "ann", "--db", db]).status == 0)
        #expect(try docket(["decide", "item-00000", "--queue", "q", "--reviewer", "ann", "--label", "bad", "--db", db]).status == 0)
        let twice = try docket(["decide", "item-00000", "--queue", "q", "--reviewer", "ann", "--label", "fine", "--db", db])
        #expect(twice.status == 4)
        #expect(twice.stderr.contains("already decided"))
        let unknown = try docket(["decide", "item-00000", "--queue", "q", "--reviewer", "bob", "--label", "terrible", "--db", db])
        #expect(unknown.status == 4)
        #expect(unknown.stderr.contains("no label 'terrible'") && unknown.stderr.contains("bad, fine"))
        let audit = try docket(["audit", "--action", "decision", "--json", "--db", db])
        #expect((try json(audit.stdout) as? [Any])?.count == 1)
    }

    @Test func importReportsBadRecordsWithFileLineAndFieldAndKeepsTheRest() throws {
        let db = try makeDatabase(in: folder, queue: "q", items: 0)
        let file = try folder.write("mixed.jsonl", [
            itemLine("a"),
            #"{"id":"b","text":"x","scores":[{"model":"m","category":"bad","score":1.7}]}"#,
            "{not json",
            itemLine("c"),
        ].joined(separator: "\n") + "\n")
        let result = try docket(["import", file, "--queue", "q", "--db", db])
        #expect(result.status == 65)
        #expect(result.stderr.contains("mixed.jsonl:2: field 'scores[0].score': must be between 0 and 1"))
        #expect(result.stderr.contains("mixed.jsonl:3: invalid JSON"))
        #expect(result.stdout.contains("2 inserted") && result.stdout.contains("2 rejected"))
        let strict = try docket(["import", file, "--queue", "q", "--strict", "--db", db])
        #expect(strict.status == 65)
        #expect(strict.stderr.contains("nothing was stored"))
    }

    @Test("--threads changes how many threads decode, never what is stored; a bad count is refused")
    func importThreadsStoreTheSameItems() throws {
        // Enough lines for many batches, with bad records spread through them.
        var lines: [String] = []
        for index in 0..<3_000 {
            lines.append(index % 401 == 7 ? #"{"id":"bad-\#(index)","text":17}"# : itemLine("item-\(index)", score: Double(index % 100) / 100))
        }
        let file = try folder.write("threads.jsonl", lines.joined(separator: "\n") + "\n")
        var stored: [[[String]]] = []
        for threads in ["1", "3"] {
            let db = try makeDatabase(in: folder, queue: "t\(threads)", items: 0)
            let result = try docket(["import", file, "--queue", "t\(threads)", "--threads", threads, "--db", db])
            #expect(result.status == 65, Comment(rawValue: result.transcript))
            #expect(result.stdout.contains("2992 inserted") && result.stdout.contains("8 rejected"))
            #expect(result.stderr.contains("threads.jsonl:8: field 'text'"))
            // Everything but the times (and the priority, which the default policy's age term takes from them).
            stored.append(try DatabaseFacts(db).rows("""
                SELECT id, external_id, content, content_hash, record_hash, scores_json, explanations_json, meta
                FROM items ORDER BY id
                """))
        }
        #expect(stored[0].count == 2_992 && stored[1].count == 2_992)
        // Same rows with the same row ids: file order kept. (The first difference, not two 3,000-row dumps.)
        #expect(zip(stored[0], stored[1]).first { $0 != $1 }.map { "\($0) vs \($1)" } == nil)
        #expect(stored[0].first?[1] == "item-0" && stored[0].last?[1] == "item-2999")

        let db = try makeDatabase(in: folder, queue: "bad", items: 0)
        let refused = try docket(["import", file, "--queue", "bad", "--threads", "0", "--db", db])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("--threads must be between 1 and 64, not 0"))
        #expect(try DatabaseFacts(db).count("SELECT count(*) FROM items") == 0)
    }

    @Test func aBrokenQueueFileNamesItsLineAndFieldAndChangesNothing() throws {
        let db = try makeDatabase(in: folder, queue: "q", items: 0)
        let broken = try folder.write("broken.yml", """
            id: broken
            title: Broken
            labels:
              - id: spam
                key: "1"
              - id: scam
                key: s
            """)
        let result = try docket(["queues", "add", broken, "--db", db])
        #expect(result.status == 65)
        #expect(result.stderr.contains("broken.yml:7: field 'labels[1].key': key 's' is reserved"))
        let listed = try docket(["queues", "--json", "--db", db])
        #expect(!listed.stdout.contains("broken"))
    }

    @Test func rolesRefuseWithStatus77AndChangeNothing() throws {
        let db = try makeDatabase(in: folder, queue: "q", items: 1)
        let admin = ["DOCKET_USER": "boss"]
        // DOCKET_USER is honoured in a database with roles only when the operating-system user is an admin there.
        #expect(try docket(["reviewers", "add", OperatingSystemUser.name, "--role", "admin", "--db", db]).status == 0)
        #expect(try docket(["reviewers", "add", "boss", "--role", "admin", "--db", db]).status == 0)
        #expect(try docket(["reviewers", "add", "ann", "--db", db], environment: admin).status == 0)
        let file = try folder.write("more.jsonl", itemLine("new-item") + "\n")
        let refused = try docket(["import", file, "--queue", "q", "--db", db], environment: ["DOCKET_USER": "ann"])
        #expect(refused.status == 77)
        #expect(refused.stderr.contains("needs the admin role"))
        let impostor = try docket(["next", "--queue", "q", "--reviewer", "boss", "--db", db], environment: ["DOCKET_USER": "ann"])
        #expect(impostor.status == 77)
        let stranger = try docket(["next", "--queue", "q", "--db", db], environment: ["DOCKET_USER": "eve"])
        #expect(stranger.status == 77)
        #expect(stranger.stderr.contains("not a registered reviewer"))
        let listed = try docket(["queues", "--json", "--db", db])
        #expect(listed.stdout.contains("\"items\":1"))
    }

    @Test func everyCommandHasHelp() throws {
        for command in ["init", "queues", "import", "status", "next", "decide", "release", "demo", "review",
                        "adjudicate", "report", "export", "reviewers", "audit"] {
            let result = try docket([command, "--help"])
            #expect(result.status == 0, Comment(rawValue: "\(command): \(result.transcript)"))
            #expect(result.stdout.contains("USAGE"), Comment(rawValue: command))
        }
    }

    @Test func demoWithoutATerminalBuildsTheDatabaseAndPrintsNextSteps() throws {
        let db = folder.file("demo.sqlite")
        let result = try shell("cd '\(DocketBinary.repositoryRoot.path)' && '\(DocketBinary.path)' demo --db '\(db)' < /dev/null")
        #expect(result.status == 0, Comment(rawValue: result.transcript))
        #expect(result.stdout.contains("300 items"))
        #expect(result.stdout.contains("Next steps"))
        let status = try docket(["status", "--json", "--db", db])
        #expect(status.stdout.contains("\"integrity\":\"ok\",\"integrity_check\":\"quick\""))
        let full = try docket(["status", "--json", "--full-check", "--db", db])
        #expect(full.stdout.contains("\"integrity\":\"ok\",\"integrity_check\":\"full\""))
        let mode = try FileManager.default.attributesOfItem(atPath: db)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
