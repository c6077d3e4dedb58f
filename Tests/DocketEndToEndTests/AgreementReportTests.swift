import DocketCore
import Foundation
import Testing
import TestScratch

/// `docket import --from` and `docket report agreement` run as real processes on real SQLite files: the JSON
/// contract against the reference figures, the HTML report through Python's HTML parser, tables fitting the width.
@Suite struct AgreementReportTests {
    static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtures = package.appendingPathComponent("Tests/Fixtures")

    /// What a run left (the shared runner's result; AgreementLeadReportTests, ExportSplitTests and ModelReportTests
    /// use this suite's helpers as `CLI`).
    typealias Run = ProcessResult

    /// Runs any program to the end (Python's checks of the files).
    @discardableResult
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        try RunningProcess(executable: executable, arguments, environment: environment).wait()
    }

    /// Runs the real `docket` to the end.
    static func docket(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        try DocketEndToEndTests.docket(arguments, environment: environment)
    }

    /// A fresh database holding the queue file `queue` (from Tests/Fixtures/queues).
    static func database(queue: String) throws -> String {
        let folder = TestScratch.folder("docket-report")
        let db = folder.appendingPathComponent("docket.sqlite").path
        #expect(try docket(["init", "--db", db]).status == 0)
        let added = try docket(["queues", "add", fixtures.appendingPathComponent("queues/\(queue)").path, "--db", db])
        #expect(added.status == 0, "\(added.stderr)")
        return db
    }

    static func reference(_ path: String...) -> Any? {
        var node: Any? = try? JSONSerialization.jsonObject(with: Data(contentsOf: fixtures.appendingPathComponent("reference-values.json")))
        for key in path { node = (node as? [String: Any])?[key] }
        return node
    }

    static func close(_ actual: Any?, _ expected: Any?, _ what: String) {
        guard let expected = expected as? Double else { Issue.record("\(what): no reference value"); return }
        guard let actual = actual as? Double else { Issue.record("\(what): \(String(describing: actual)), expected \(expected)"); return }
        #expect(abs(actual - expected) < 1e-4, "\(what): \(actual) vs \(expected)")
    }

    @Test func convAbuseReportMatchesTheReferenceThroughTheRealBinary() throws {
        let db = try Self.database(queue: "convabuse-severity.yml")
        let imported = try Self.docket(["import", "--from", "convabuse", "--task", "severity", "--queue", "convabuse-severity", "--db", db, "--json",
                                        Self.fixtures.appendingPathComponent("data/convabuse/ConvAbuseEMNLPfull.csv").path])
        #expect(imported.status == 0, "\(imported.stderr)")
        let report = try Self.docket(["report", "agreement", "--queue", "convabuse-severity", "--format", "json", "--bootstrap", "20", "--db", db])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(!report.stdout.contains("NaN") && !report.stdout.contains("nan"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any])
        let ref = try #require(Self.reference("datasets", "convabuse", "tasks", "abuse_severity_5pt") as? [String: Any])
        #expect(json["items"] as? Int == 4185)
        #expect(json["ratings"] as? Int == 12411)
        #expect(json["reviewers"] as? Int == 8)
        Self.close(json["percent_agreement"], ref["percent_agreement_mean_pairwise"], "percent agreement")
        let alpha = try #require(json["krippendorff_alpha"] as? [String: Any])
        for level in ["nominal", "ordinal", "interval"] { Self.close(alpha[level], ref["krippendorff_alpha_\(level)"], "alpha \(level)") }
        #expect(alpha["ratio"] is NSNull, "ratio alpha on a scale with negative values must be null")
        Self.close(json["fleiss_kappa"], (ref["fleiss_kappa_statsmodels"] as? [String: Any])?["kappa"], "Fleiss")
        Self.close(json["fleiss_kappa_generalised"], ref["irrCAC_fleiss_generalised_kappa_all_items"], "generalised Fleiss")
        let pairs = try #require(json["cohen_kappa"] as? [[String: Any]])
        for expected in try #require(ref["cohen_kappa_pairs"] as? [[String: Any]]) {
            let a = expected["rater_a"] as! String, b = expected["rater_b"] as! String
            let mine = try #require(pairs.first { ($0["a"] as? String, $0["b"] as? String) == (a, b) })
            #expect(mine["items"] as? Int == expected["n_items_both"] as? Int)
            Self.close(mine["kappa"], expected["cohen_kappa"], "kappa \(a)-\(b)")
            Self.close(mine["kappa_linear"], expected["cohen_kappa_linear"], "linear kappa \(a)-\(b)")
            Self.close(mine["kappa_quadratic"], expected["cohen_kappa_quadratic"], "quadratic kappa \(a)-\(b)")
        }
        let perLabel = try #require(json["per_label"] as? [String: [String: Any]])
        for (label, expected) in try #require(ref["per_label"] as? [String: [String: Any]]) {
            Self.close(perLabel[label]?["fleiss_kappa"], expected["fleiss_kappa_one_vs_rest_fixed_m_items"], "per-label Fleiss \(label)")
            Self.close(perLabel[label]?["krippendorff_alpha"], expected["krippendorff_alpha_one_vs_rest_all_items"], "per-label alpha \(label)")
        }
        let gold = try #require(json["gold"] as? [String: Any])
        let refGold = try #require(ref["gold_labels"] as? [String: Any])
        var majority = try #require(refGold["strict_majority_counts"] as? [String: Int])
        majority["tie"] = majority.removeValue(forKey: "TIE")
        #expect(gold["majority"] as? [String: Int] == majority)
        #expect(gold["dawid_skene"] as? [String: Int] == refGold["dawid_skene_1000_iterations_counts"] as? [String: Int])
        let intervals = try #require(json["confidence_intervals"] as? [String: [String: Any]])
        let ci = try #require(intervals["krippendorff_alpha_nominal"])
        #expect((ci["low"] as! Double) <= (alpha["nominal"] as! Double) && (alpha["nominal"] as! Double) <= (ci["high"] as! Double))
        #expect((json["per_reviewer"] as? [[String: Any]])?.count == 8)
        #expect(((json["most_disagreed"] as? [[String: Any]])?.count ?? 0) > 0)
    }

    /// A strict parse of an HTML file with Python's parser: every non-void element closed in order, no scripts,
    /// nothing loaded from elsewhere. Prints "svg=N table=N rect=N", then one line per problem.
    static let htmlChecker = """
            import sys
            from html.parser import HTMLParser
            VOID = {"meta", "br", "hr", "img", "link", "input"}
            class Check(HTMLParser):
                def __init__(self):
                    super().__init__()
                    self.stack, self.counts, self.problems = [], {}, []
                def handle_starttag(self, tag, attrs):
                    self.counts[tag] = self.counts.get(tag, 0) + 1
                    if tag == "script": self.problems.append("script element")
                    for name, value in attrs:
                        if name in ("src", "href") and value and not value.startswith("#"): self.problems.append("external " + value)
                    if tag not in VOID: self.stack.append(tag)
                def handle_endtag(self, tag):
                    if not self.stack or self.stack[-1] != tag: self.problems.append("unbalanced </%s>" % tag)
                    else: self.stack.pop()
            c = Check()
            c.feed(open(sys.argv[1], encoding="utf-8").read())
            c.close()
            if c.stack: c.problems.append("unclosed " + ",".join(c.stack))
            print("svg=%d table=%d rect=%d" % (c.counts.get("svg", 0), c.counts.get("table", 0), c.counts.get("rect", 0)))
            print("\\n".join(c.problems))
            """

    @Test func htmlReportIsOneFileThatPythonsHTMLParserAccepts() throws {
        let db = try Self.database(queue: "armis.yml")
        let files = ["ArMIS_train.json", "ArMIS_dev.json", "ArMIS_test.json"].map { Self.fixtures.appendingPathComponent("data/armis/\($0)").path }
        #expect(try Self.docket(["import", "--from", "armis", "--queue", "armis", "--db", db] + files).status == 0)
        let out = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("report.html").path
        let made = try Self.docket(["report", "agreement", "--queue", "armis", "--format", "html", "--out", out, "--bootstrap", "20", "--db", db])
        #expect(made.status == 0, "\(made.stderr)")
        let parsed = try Self.run("/usr/bin/env", ["python3", "-c", Self.htmlChecker, out])
        #expect(parsed.status == 0, "\(parsed.stderr)")
        let lines = parsed.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 1, "problems: \(lines.dropFirst().joined(separator: "; "))")
        #expect(lines.first?.hasPrefix("svg=2") == true, "\(lines.first ?? "")")  // kappa heatmap + reviewer bars
        // Overview, per label, pairs, gold, per reviewer, most disagreed, labels between reviewers (ArMIS has no model scores).
        #expect(lines.first?.contains("table=7") == true, "\(lines.first ?? "")")
    }

    @Test func tableFitsTheTerminalWidthAndDegenerateQueuesGiveReasonsNotNaN() throws {
        let db = try Self.database(queue: "armis.yml")
        // One reviewer only: nothing is pairable.
        let records = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("one.jsonl")
        try (0 ..< 5).map { "{\"id\": \"t\($0)\", \"text\": \"x\", \"decisions\": [{\"reviewer\": \"solo\", \"label\": \"\($0 % 2)\"}]}" }
            .joined(separator: "\n").write(to: records, atomically: true, encoding: .utf8)
        #expect(try Self.docket(["import", records.path, "--queue", "armis", "--db", db]).status == 0)
        let json = try Self.docket(["report", "agreement", "--queue", "armis", "--format", "json", "--db", db])
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["percent_agreement"] is NSNull)
        #expect((object["krippendorff_alpha"] as? [String: Any])?["nominal"] is NSNull)
        let basis = (object["computed_on"] as? [String: Any])?["krippendorff_alpha_nominal"] as? [String: Any]
        #expect((basis?["reason"] as? String)?.isEmpty == false)
        #expect(!json.stdout.lowercased().contains("nan"))
        let table = try Self.docket(["report", "agreement", "--queue", "armis", "--db", db], environment: ["COLUMNS": "60"])
        #expect(table.status == 0)
        for line in table.stdout.split(separator: "\n") {
            #expect(DisplayWidth.of(String(line)) <= 60, "too wide: \(line)")
        }
    }
}
