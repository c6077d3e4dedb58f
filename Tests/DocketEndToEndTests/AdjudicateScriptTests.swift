import DocketStore
import Foundation
import Testing

/// `docket adjudicate ITEM --queue Q --label L` and `--list --json`, the scriptable path, run as the real binary
/// on a real database: what a lead's tooling sees, what it records, and what the export then says.
@Suite struct AdjudicateScriptTests {
    typealias E2E = AdjudicateEndToEndTests

    @Test func aLeadSettlesAnItemFromAScriptAndTheExportSaysAdjudicated() throws {
        let folder = try E2E.Folder()
        let db = try E2E.setUp(folder)
        let lee = ["DOCKET_USER": "lee"]
        // The list a script pre-sorts: the item's text and every reviewer's vote.
        let listed = try E2E.run(["adjudicate", "--queue", "adj", "--list", "--json", "--db", db], environment: lee)
        #expect(listed.status == 0, Comment(rawValue: listed.stderr))
        let items = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
        #expect(items.first?["text"] as? String == "you people should all go back")
        let votes = (items.first?["decisions"] as? [[String: Any]])?.map { "\($0["reviewer"]!):\($0["label"]!)" }
        #expect(votes == ["ann:hate", "bob:normal"])

        let settled = try E2E.run(["adjudicate", "p1", "--queue", "adj", "--label", "offensive", "--note", "insult, not a protected group", "--db", db], environment: lee)
        #expect(settled.status == 0, Comment(rawValue: settled.stderr))
        #expect(settled.stdout.contains("Adjudicated p1 in queue 'adj' as offensive."))
        let stored = try #require(try SQLiteReviewStore(path: db).adjudication(queue: "adj", externalID: "p1"))
        #expect(stored.label == "offensive" && stored.reviewer == "lee" && stored.note == "insult, not a protected group")
        // Settled items leave the list of disputes.
        let after = try E2E.run(["adjudicate", "--queue", "adj", "--list", "--json", "--db", db], environment: lee)
        #expect((try JSONSerialization.jsonObject(with: Data(after.stdout.utf8)) as? [Any])?.isEmpty == true)

        // The export carries the lead's label as the item's label, marked adjudicated.
        let out = folder.path("export")
        let exported = try E2E.run(["export", "--queue", "adj", "--out", out, "--format", "jsonl", "--split", "all=1", "--db", db],
                                   environment: ["DOCKET_USER": "admin"])
        #expect(exported.status == 0, Comment(rawValue: exported.stderr))
        let files = try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasSuffix(".jsonl") }
        let rows = try files.flatMap { try String(contentsOfFile: out + "/" + $0, encoding: .utf8).split(separator: "\n") }
            .compactMap { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let p1 = try #require(rows.first { $0["id"] as? String == "p1" })
        #expect(p1["label"] as? String == "offensive" && p1["label_source"] as? String == "adjudicated")
    }

    @Test func mistakesAreRefusedWithTheirExitCodesAndNothingIsRecorded() throws {
        let folder = try E2E.Folder()
        let db = try E2E.setUp(folder)
        let lee = ["DOCKET_USER": "lee"]
        let reviewer = try E2E.run(["adjudicate", "p1", "--queue", "adj", "--label", "hate", "--db", db], environment: ["DOCKET_USER": "ann"])
        #expect(reviewer.status == 77, Comment(rawValue: reviewer.stderr))
        let unknownLabel = try E2E.run(["adjudicate", "p1", "--queue", "adj", "--label", "spam", "--db", db], environment: lee)
        #expect(unknownLabel.status == 4 && unknownLabel.stderr.contains("spam"), Comment(rawValue: unknownLabel.stderr))
        let unknownItem = try E2E.run(["adjudicate", "p9", "--queue", "adj", "--label", "hate", "--db", db], environment: lee)
        #expect(unknownItem.status == 66, Comment(rawValue: unknownItem.stderr))
        let noLabel = try E2E.run(["adjudicate", "p1", "--queue", "adj", "--db", db], environment: lee)
        #expect(noLabel.status == 64 && noLabel.stderr.contains("ITEM needs --label"))
        #expect(try SQLiteReviewStore(path: db).adjudications(queue: "adj").isEmpty)

        // A second final decision needs --replace; with it, the new one is in force.
        #expect(try E2E.run(["adjudicate", "p1", "--queue", "adj", "--label", "hate", "--db", db], environment: lee).status == 0)
        let again = try E2E.run(["adjudicate", "p1", "--queue", "adj", "--label", "normal", "--db", db], environment: lee)
        #expect(again.status == 4 && again.stderr.contains("already adjudicated as 'hate' by lee"), Comment(rawValue: again.stderr))
        let replaced = try E2E.run(["adjudicate", "p1", "--queue", "adj", "--label", "normal", "--replace", "--json", "--db", db], environment: lee)
        #expect(replaced.status == 0, Comment(rawValue: replaced.stderr))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(replaced.stdout.utf8)) as? [String: Any])
        #expect(json["label"] as? String == "normal" && json["replaces"] is Int)
        #expect(try SQLiteReviewStore(path: db).adjudication(queue: "adj", externalID: "p1")?.label == "normal")
    }
}
