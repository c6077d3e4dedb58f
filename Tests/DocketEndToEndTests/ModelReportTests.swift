import DocketCore
import Foundation
import Testing

/// `docket report model` run as a real process on real SQLite files: the baseline scores and the annotators'
/// votes of HateXplain-val and ConvAbuse imported with `docket import`, every figure of the JSON contract
/// compared with scikit-learn's (Tests/Fixtures/model-report/sklearn-reference.json) to 1e-6, the comparison,
/// the slices, and the HTML file through Python's parser.
@Suite struct ModelReportTests {
    typealias CLI = AgreementReportTests

    static var reference: [String: Any] {
        let url = CLI.fixtures.appendingPathComponent("model-report/sklearn-reference.json")
        return try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }

    /// A database with `file` (relative to Tests/Fixtures) imported into the queue of `queueFile`.
    static func imported(queueFile: String, queue: String, file: String) throws -> String {
        let db = try CLI.database(queue: queueFile)
        let result = try CLI.docket(["import", "--queue", queue, "--db", db, CLI.fixtures.appendingPathComponent(file).path])
        #expect(result.status == 0, "\(result.stderr)")
        return db
    }

    static func close(_ actual: Any?, _ expected: Any?, _ what: String) {
        guard let expected = expected as? Double else {
            #expect(actual == nil || actual is NSNull, "\(what): \(String(describing: actual)), sklearn has none")
            return
        }
        guard let actual = actual as? Double else { Issue.record("\(what): \(String(describing: actual)), expected \(expected)"); return }
        #expect(abs(actual - expected) <= 1e-6, "\(what): \(actual) vs \(expected)")
    }

    /// The contract's figures of one JSON entry (whole series or slice) against a reference block.
    static func expectFigures(_ mine: [String: Any], _ ref: [String: Any], _ what: String) {
        #expect(mine["n"] as? Int == ref["n"] as? Int, "\(what) n")
        #expect(mine["positives"] as? Int == ref["positives"] as? Int, "\(what) positives")
        for name in ["threshold", "precision", "recall", "f1", "roc_auc", "pr_auc", "best_f1_threshold", "best_f1", "ece"] {
            close(mine[name], ref[name], "\(what) \(name)")
        }
        let target = ref["target_precision"] as? [String: Any]
        close(mine["target_precision_threshold"], target?["threshold"], "\(what) target-precision threshold")
        close(mine["target_precision_recall"], target?["recall"], "\(what) recall at the target precision")
    }

    @Test(arguments: [("hatexplain", "hatexplain.yml", "model-report/hatexplain-val-scored.jsonl", ["--positive", "toxic=hatespeech,offensive", "--slice", "meta.source"]),
                      ("convabuse", "../export/convabuse.yml", "export/convabuse-valid-400.jsonl", ["--slice", "meta.bot"])])
    func jsonFiguresEqualScikitLearnThroughTheRealBinary(_ dataset: String, _ queueFile: String, _ file: String, _ extra: [String]) throws {
        let queue = dataset
        let db = try Self.imported(queueFile: queueFile, queue: queue, file: file)
        let run = try CLI.docket(["report", "model", "--queue", queue, "--format", "json", "--target-precision", "0.9", "--bootstrap", "50", "--db", db] + extra)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("NaN"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let ref = try #require((Self.reference["datasets"] as? [String: Any])?[dataset] as? [String: Any])
        #expect(json["items_with_gold"] as? Int == ref["items_with_gold"] as? Int)
        let models = try #require(json["models"] as? [[String: Any]])
        let expected = try #require(ref["models"] as? [[String: Any]])
        for block in expected {
            let what = "\(block["model"]!) / \(block["category"]!)"
            let mine = try #require(models.first { $0["model"] as? String == block["model"] as? String && $0["category"] as? String == block["category"] as? String }, "\(what) missing")
            Self.expectFigures(mine, block, what)
            let intervals = try #require(mine["confidence_intervals"] as? [String: [String: Any]])
            let auc = try #require(intervals["roc_auc"], "\(what): no AUC interval")
            #expect((auc["low"] as! Double) <= (mine["roc_auc"] as! Double) && (mine["roc_auc"] as! Double) <= (auc["high"] as! Double))
            #expect((mine["reliability"] as? [[String: Any]])?.map { $0["n"] as! Int } == (block["calibration"] as? [String: Any])?["counts"] as? [Int])
            let slices = try #require(mine["slices"] as? [[String: Any]])
            let refSlices = try #require(block["slices"] as? [String: [String: Any]])
            #expect(Set(slices.map { $0["value"] as! String }) == Set(refSlices.keys))
            for slice in slices {
                let value = slice["value"] as! String
                Self.expectFigures(slice, refSlices[value]!, "\(what) slice \(value)")
            }
            // The gap is the best slice's figure minus the worst's.
            let aucs = refSlices.values.compactMap { $0["roc_auc"] as? Double }
            if aucs.count >= 2, let gap = (mine["slice_gaps"] as? [String: Any])?["roc_auc"] as? [String: Any] {
                Self.close(gap["gap"], aucs.max()! - aucs.min()!, "\(what) AUC gap")
            } else if aucs.count >= 2 { Issue.record("\(what): no AUC gap") }
        }
        let comparisons = try #require(json["comparisons"] as? [[String: Any]])
        for expectedPair in try #require(ref["comparisons"] as? [[String: Any]]) {
            let mine = try #require(comparisons.first { $0["category"] as? String == expectedPair["category"] as? String })
            #expect(mine["a"] as? String == expectedPair["a"] as? String && mine["b"] as? String == expectedPair["b"] as? String)
            let mcnemar = try #require(mine["mcnemar"] as? [String: Any])
            #expect(mcnemar["only_a_right"] as? Int == expectedPair["only_a_right"] as? Int)
            #expect(mcnemar["only_b_right"] as? Int == expectedPair["only_b_right"] as? Int)
            let p = mcnemar["p_value"] as! Double, refP = expectedPair["mcnemar_exact_p"] as! Double
            #expect(abs(p - refP) <= 1e-6 * max(refP, 1e-3), "McNemar p \(p) vs \(refP)")
            #expect(mine["roc_auc_difference_ci"] is [String: Any])
        }
        #expect(comparisons.count == (ref["comparisons"] as! [Any]).count)
    }

    @Test func textMarkdownAndHTMLShowTheFiguresAndCharts() throws {
        let db = try Self.imported(queueFile: "../export/convabuse.yml", queue: "convabuse", file: "export/convabuse-valid-400.jsonl")
        let base = ["report", "model", "--queue", "convabuse", "--slice", "meta.bot", "--bootstrap", "20", "--db", db]
        let text = try CLI.docket(base)
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("tfidf-logreg-convabuse-v1 / abusive") && text.stdout.contains("0.949"))  // ROC AUC 0.9494
        #expect(text.stdout.contains("no gold label counts as positive for: intellectual, sex_harassment, sexist"))
        let markdown = try CLI.docket(base + ["--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("# Model report: queue convabuse") && markdown.stdout.contains("| Slice |"))
        let out = URL(fileURLWithPath: db).deletingLastPathComponent().appendingPathComponent("model.html").path
        let html = try CLI.docket(base + ["--format", "html", "--out", out])
        #expect(html.status == 0, "\(html.stderr)")
        let parsed = try CLI.run("/usr/bin/env", ["python3", "-c", CLI.htmlChecker, out])
        let lines = parsed.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 1, "problems: \(lines.dropFirst().joined(separator: "; "))")
        #expect(lines.first?.hasPrefix("svg=3") == true, "\(lines.first ?? "")")  // PR curve, reliability diagram, slices
        let page = try String(contentsOfFile: out, encoding: .utf8)
        #expect(page.contains("Precision-recall curve") && page.contains("Reliability diagram") && page.contains("perfectly calibrated"))
    }

    @Test func aQueueWithoutScoresSaysThereIsNothingToReport() throws {
        let db = try CLI.database(queue: "armis.yml")
        let run = try CLI.docket(["report", "model", "--queue", "armis", "--db", db])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("nothing to report"))
        let missing = try CLI.docket(["report", "model", "--queue", "nope", "--db", db])
        #expect(missing.status == 66, "\(missing.stderr)")
        let bad = try CLI.docket(["report", "model", "--queue", "armis", "--slice", "lang", "--db", db])
        #expect(bad.status == 64 && bad.stderr.contains("meta.FIELD"))
    }
}
