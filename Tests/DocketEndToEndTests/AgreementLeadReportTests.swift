import Foundation
import Testing

/// What a lead acts on in `docket report agreement`, through the real binary on HateXplain-val (1,922 posts,
/// 212 annotators, 3 per post): the pair count the note gives is true and the minimum is an option, the extra
/// figures (Randolph's kappa, the all-agree share, labels between reviewers), text snippets of the most
/// disagreed items, flags on reviewers, every reviewer in the HTML chart, and an empty queue said to be empty.
@Suite struct AgreementLeadReportTests {
    typealias CLI = AgreementReportTests

    static let database: String = {
        let db = try! CLI.database(queue: "hatexplain.yml")
        let imported = try! CLI.docket(["import", "--from", "hatexplain", "--task", "label", "--queue", "hatexplain", "--db", db,
                                        CLI.fixtures.appendingPathComponent("data/hatexplain-val/hatexplain_val.json").path])
        precondition(imported.status == 0, imported.stderr)
        return db
    }()

    static func json(_ extra: [String]) throws -> [String: Any] {
        let run = try CLI.docket(["report", "agreement", "--queue", "hatexplain", "--format", "json", "--bootstrap", "0", "--db", database] + extra)
        #expect(run.status == 0, "\(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    @Test func thePairNoteIsTrueAndTheMinimumIsAnOption() throws {
        let strict = try Self.json([])
        let all = try Self.json(["--min-pair-items", "1"])
        let overlapping = try #require(strict["reviewer_pairs_overlapping"] as? Int)
        #expect((all["cohen_kappa"] as? [Any])?.count == overlapping)  // every pair with an item in common
        let kept = try #require((strict["cohen_kappa"] as? [[String: Any]]))
        #expect(kept.allSatisfy { ($0["items"] as! Int) >= 10 } && kept.count < overlapping && strict["cohen_min_items"] as? Int == 10)
        let text = try CLI.docket(["report", "agreement", "--queue", "hatexplain", "--bootstrap", "0", "--db", Self.database])
        #expect(text.stdout.contains("\(kept.count) of \(overlapping) reviewer pairs with items in common have at least 10 (--min-pair-items)"))
        #expect(text.stdout.contains("all \(kept.count) in --format json"))
    }

    @Test func extraFiguresDisagreedSnippetsAndFlags() throws {
        let report = try Self.json([])
        // Randolph's kappa from the mean pairwise agreement with 3 labels: (P - 1/3) / (2/3).
        let p = try #require(report["percent_agreement"] as? Double)
        let randolph = try #require(report["randolph_kappa"] as? Double)
        #expect(abs(randolph - (p - 1.0 / 3) / (2.0 / 3)) < 1e-12)
        let share = try #require(report["all_agree_share"] as? Double)
        #expect(share > 0 && share < 1)
        let confusion = try #require(report["label_confusion"] as? [String: [String: Int]])
        #expect(confusion["offensive"]?["normal"] == confusion["normal"]?["offensive"])
        // 1,922 posts x 3 pairs of ratings, each pair counted both ways.
        let pairsCounted: Int = confusion.values.map { $0.values.reduce(0, +) }.reduce(0, +)
        #expect(pairsCounted == 1922 * 3 * 2)
        let disagreed = try #require(report["most_disagreed"] as? [[String: Any]])
        #expect(disagreed.count == 20 && disagreed.allSatisfy { !($0["snippet"] as? String ?? "").isEmpty })
        // Equal agreement: the more even split of votes (higher entropy) first.
        let entropies = disagreed.map { $0["entropy"] as! Double }
        #expect(entropies == entropies.sorted(by: >))
        let reviewers = try #require(report["per_reviewer"] as? [[String: Any]])
        let flagged = reviewers.prefix { !(($0["flags"] as? [String]) ?? []).isEmpty }
        #expect(!flagged.isEmpty, "no reviewer flagged among \(reviewers.count)")
        #expect(reviewers.dropFirst(flagged.count).allSatisfy { (($0["flags"] as? [String]) ?? []).isEmpty })
    }

    @Test func theHTMLChartShowsEveryReviewerWithValuesAndALegend() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("hx-\(UUID().uuidString.prefix(8)).html").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        let run = try CLI.docket(["report", "agreement", "--queue", "hatexplain", "--format", "html", "--out", out, "--bootstrap", "0", "--db", Self.database])
        #expect(run.status == 0, "\(run.stderr)")
        let page = try String(contentsOfFile: out, encoding: .utf8)
        let reviewers = (try Self.json([])["per_reviewer"] as? [Any])?.count ?? 0
        #expect(reviewers == 212)
        let bars = page.components(separatedBy: "agreement with consensus</title></rect>").count - 1
        #expect(bars == reviewers, "\(bars) bars for \(reviewers) reviewers")
        #expect(page.contains("more are in the pairs table and in --format json") && page.contains("printed x100"))
    }

    @Test func anEmptyQueueSaysThereIsNothingToReport() throws {
        let db = try CLI.database(queue: "armis.yml")
        let run = try CLI.docket(["report", "agreement", "--queue", "armis", "--db", db])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("nothing to report"))
        #expect(!run.stdout.contains("Dawid-Skene") && !run.stdout.contains("reviewers agree on every item"))
    }

    @Test(arguments: [("severity", "convabuse-severity"), ("binary", "convabuse-binary")])
    func convAbuseRepeatsGiveIntraAnnotatorAgreementAsScikitLearn(_ task: String, _ queue: String) throws {
        let db = try CLI.database(queue: queue + ".yml")
        let imported = try CLI.docket(["import", "--from", "convabuse", "--task", task, "--queue", queue, "--db", db,
                                       CLI.fixtures.appendingPathComponent("data/convabuse/ConvAbuseEMNLPfull.csv").path])
        #expect(imported.status == 0, "\(imported.stderr)")
        let run = try CLI.docket(["report", "agreement", "--queue", queue, "--format", "json", "--bootstrap", "0", "--db", db])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let intra = try #require(json["intra_annotator"] as? [String: Any], "no intra_annotator block")
        let reference = try JSONSerialization.jsonObject(with: Data(contentsOf: CLI.fixtures.appendingPathComponent("intra-annotator/reference.json"))) as! [String: Any]
        let expected = try #require((reference["tasks"] as? [String: [String: Any]])?[task])
        #expect(intra["pairs"] as? Int == expected["pairs"] as? Int && intra["reviewers"] as? Int == expected["reviewers"] as? Int)
        CLI.close(intra["agreement"], expected["agreement"], "intra-annotator agreement")
        CLI.close(intra["kappa"], expected["cohen_kappa"], "intra-annotator kappa")
        let text = try CLI.docket(["report", "agreement", "--queue", queue, "--bootstrap", "0", "--db", db])
        #expect(text.stdout.contains("reviewers against their own repeated ratings: \(expected["pairs"]!) pairs"))
    }
}
