import DocketCore
import Foundation
import Testing

/// `docket report queue` through the real binary on a real database: a queue file with `target_hours`, items
/// imported with decisions made elsewhere, and the report as JSON, text and HTML.
@Suite struct QueueReportEndToEndTests {
    typealias CLI = AgreementReportTests

    @Test func theReportCountsSettledOpenAndLateItemsAndDrawsTheBacklog() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("docket-ops-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("db.sqlite").path
        try "id: ops\ntitle: Ops\noverlap: 1\ntarget_hours: 24\nlabels:\n  - {id: ok, key: \"1\"}\n  - {id: bad, key: \"2\"}\n"
            .write(to: folder.appendingPathComponent("ops.yml"), atomically: true, encoding: .utf8)
        let records = [#"{"id":"a","text":"one","decisions":[{"reviewer":"ann","label":"ok"}]}"#,
                       #"{"id":"b","text":"two","decisions":[{"reviewer":"bob","label":"bad"}]}"#,
                       #"{"id":"c","text":"three"}"#]
        try (records.joined(separator: "\n") + "\n").write(to: folder.appendingPathComponent("items.jsonl"), atomically: true, encoding: .utf8)
        #expect(try CLI.docket(["init", "--db", db]).status == 0)
        #expect(try CLI.docket(["queues", "add", folder.appendingPathComponent("ops.yml").path, "--db", db]).status == 0)
        let imported = try CLI.docket(["import", "--queue", "ops", "--db", db, folder.appendingPathComponent("items.jsonl").path])
        #expect(imported.status == 0, "\(imported.stderr)")

        // Two days later, the open item is past its 24 hours.
        let later = Timestamp.format(Date().timeIntervalSince1970 + 48 * 3600)
        let run = try CLI.docket(["report", "queue", "--queue", "ops", "--format", "json", "--as-of", later, "--db", db])
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["items"] as? Int == 3 && json["settled"] as? Int == 2 && json["open"] as? Int == 1)
        #expect(json["target_hours"] as? Double == 24 && json["open_past_target"] as? Int == 1 && json["settled_past_target"] as? Int == 0)
        #expect(((json["per_reviewer"] as? [[String: Any]]) ?? []).map { $0["reviewer"] as! String }.sorted() == ["ann", "bob"])
        #expect((json["time_to_final_decision"] as? [String: Any])?["items"] as? Int == 2)
        let backlog = try #require(json["backlog"] as? [[String: Any]])
        #expect(backlog.last?["open"] as? Int == 1 && backlog.count == 48)

        let text = try CLI.docket(["report", "queue", "--queue", "ops", "--as-of", later, "--db", db])
        #expect(text.stdout.contains("3 items, 2 settled, 1 open") && text.stdout.contains("target 24.000 hours: 1 open items older than that"))
        let out = folder.appendingPathComponent("ops.html").path
        #expect(try CLI.docket(["report", "queue", "--queue", "ops", "--format", "html", "--out", out, "--as-of", later, "--db", db]).status == 0)
        let parsed = try CLI.run("/usr/bin/env", ["python3", "-c", CLI.htmlChecker, out])
        let lines = parsed.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 1 && lines.first?.hasPrefix("svg=1") == true, "\(parsed.stdout)")
        let missing = try CLI.docket(["report", "queue", "--queue", "nope", "--db", db])
        #expect(missing.status == 66)
    }
}
