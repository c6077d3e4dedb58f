import DocketCore
import Foundation
import Testing

/// Every figure of the model report, checked against scikit-learn and scipy on the real baseline scores of
/// HateXplain-val (1,922 posts) and ConvAbuse (379 valid items with a majority): equal to 1e-6. The reference
/// is Tests/Fixtures/model-report/sklearn-reference.json, made by make_reference.py beside it.
struct ModelEvaluationReferenceTests {
    static let tolerance = 1e-6

    static let reference: JSONValue = {
        let url = AgreementReference.fixtures.appendingPathComponent("model-report/sklearn-reference.json")
        return try! JSONParser.parse([UInt8](try! Data(contentsOf: url)))
    }()

    struct Case: CustomStringConvertible, Sendable {
        var dataset: String
        var index: Int
        var description: String {
            let block = ModelEvaluationReferenceTests.block(self)
            return "\(dataset) \(block["model"]!.stringValue!) / \(block["category"]!.stringValue!)"
        }
    }

    static let cases: [Case] = ["hatexplain", "convabuse"].flatMap { dataset in
        (reference["datasets"]![dataset]!["models"]!.arrayValue!).indices.map { Case(dataset: dataset, index: $0) }
    }

    static func block(_ c: Case) -> JSONValue { reference["datasets"]![c.dataset]!["models"]!.arrayValue![c.index] }

    static func close(_ actual: Double?, _ expected: JSONValue?, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let expected = expected?.doubleValue else {
            #expect(actual == nil, "\(what): \(String(describing: actual)), sklearn has none", sourceLocation: sourceLocation)
            return
        }
        guard let actual else { Issue.record("\(what): nil, expected \(expected)", sourceLocation: sourceLocation); return }
        #expect(abs(actual - expected) <= tolerance, "\(what): \(actual) vs \(expected)", sourceLocation: sourceLocation)
    }

    /// The figures shared by whole series and slices.
    static func expectFigures(_ e: ModelEvaluation, _ ref: JSONValue, _ what: String) {
        #expect(e.items == Int(ref["n"]!.doubleValue!), "\(what) n")
        #expect(e.positives == Int(ref["positives"]!.doubleValue!), "\(what) positives")
        close(e.precision, ref["precision"], "\(what) precision")
        close(e.recall, ref["recall"], "\(what) recall")
        close(e.f1, ref["f1"], "\(what) f1")
        close(e.rocAUC, ref["roc_auc"], "\(what) roc_auc")
        close(e.prAUC, ref["pr_auc"], "\(what) pr_auc (average precision)")
        close(e.bestF1Threshold, ref["best_f1_threshold"], "\(what) best-F1 threshold")
        close(e.bestF1, ref["best_f1"], "\(what) best F1")
        close(e.ece, ref["ece"], "\(what) ECE")
        let target = ref["target_precision"]
        if let target, target != .null {
            close(e.targetThreshold?.threshold, target["threshold"], "\(what) target-precision threshold")
            close(e.targetThreshold?.precision, target["precision"], "\(what) precision there")
            close(e.targetThreshold?.recall, target["recall"], "\(what) recall there")
        } else if ref["pr_auc"] != nil {
            #expect(e.targetThreshold == nil, "\(what): sklearn finds no threshold reaching the target precision")
        }
    }

    @Test(arguments: cases)
    func everyFigureMatchesScikitLearn(_ c: Case) throws {
        let ref = Self.block(c)
        let scores = ref["scores"]!.arrayValue!.map { $0.doubleValue! }
        let truth = ref["truth"]!.arrayValue!.map { $0.doubleValue! == 1 }
        let options = ModelEvaluation.Options(targetPrecision: Self.reference["target_precision"]!.doubleValue!, bootstrapReplicates: 0)
        let evaluation = ModelEvaluation(scores: scores, truth: truth, threshold: ref["threshold"]!.doubleValue!, options: options)
        Self.expectFigures(evaluation, ref, c.description)
        // The reliability table is calibration_curve's, bin by bin.
        let calibration = ref["calibration"]!
        let bins = evaluation.reliability.bins
        #expect(bins.map(\.items) == calibration["counts"]!.arrayValue!.map { Int($0.doubleValue!) })
        for (bin, (expectedTrue, expectedPred)) in zip(bins, zip(calibration["prob_true"]!.arrayValue!, calibration["prob_pred"]!.arrayValue!)) {
            Self.close(bin.positiveShare, expectedTrue, "\(c) bin \(bin.low) prob_true")
            Self.close(bin.meanScore, expectedPred, "\(c) bin \(bin.low) prob_pred")
        }
        // Slices: the same figures on each subset.
        let sliceField = String(Self.reference["datasets"]![c.dataset]!["slice_field"]!.stringValue!.dropFirst(5))
        let records = try Self.records(c.dataset)
        let ids = ref["ids"]!.arrayValue!.map { $0.stringValue! }
        for (value, expected) in ref["slices"]!.objectValue! {
            let chosen = ids.indices.filter { records[ids[$0]]?[sliceField]?.stringValue == value }
            let slice = ModelEvaluation(scores: chosen.map { scores[$0] }, truth: chosen.map { truth[$0] }, threshold: ref["threshold"]!.doubleValue!, options: options)
            Self.expectFigures(slice, expected, "\(c) slice \(value)")
        }
    }

    @Test func mcNemarMatchesScipysExactBinomialTest() {
        let comparisons = Self.reference["datasets"]!["hatexplain"]!["comparisons"]!.arrayValue!
        #expect(comparisons.count == 3)
        for comparison in comparisons {
            let category = comparison["category"]!.stringValue!
            let blocks = Self.cases.filter { $0.dataset == "hatexplain" }.map(Self.block).filter { $0["category"]!.stringValue == category }
            let (a, b) = (blocks.first { $0["model"]!.stringValue == comparison["a"]!.stringValue }!, blocks.first { $0["model"]!.stringValue == comparison["b"]!.stringValue }!)
            let truth = a["truth"]!.arrayValue!.map { $0.doubleValue! == 1 }
            let result = ModelComparison(category: category, first: "a", second: "b",
                                         firstScores: a["scores"]!.arrayValue!.map { $0.doubleValue! }, secondScores: b["scores"]!.arrayValue!.map { $0.doubleValue! },
                                         truth: truth, firstThreshold: a["threshold"]!.doubleValue!, secondThreshold: b["threshold"]!.doubleValue!,
                                         replicates: 200, seed: 7)
            #expect(result.mcNemar?.onlyFirstRight == Int(comparison["only_a_right"]!.doubleValue!))
            #expect(result.mcNemar?.onlySecondRight == Int(comparison["only_b_right"]!.doubleValue!))
            let p = result.mcNemar!.pValue, expected = comparison["mcnemar_exact_p"]!.doubleValue!
            #expect(abs(p - expected) <= 1e-9 + 1e-6 * expected, "McNemar \(category): \(p) vs \(expected)")
            Self.close(result.firstAUC, a["roc_auc"], "AUC a")
            Self.close(result.secondAUC, b["roc_auc"], "AUC b")
            let interval = try! #require(result.aucDifferenceInterval)
            #expect(interval.low <= result.aucDifference! && result.aucDifference! <= interval.high)
        }
    }

    /// Metadata of each record of a data set's fixture file, by id.
    static func records(_ dataset: String) throws -> [String: JSONValue] {
        let path = AgreementReference.fixtures.appendingPathComponent(reference["datasets"]![dataset]!["file"]!.stringValue!)
        var result: [String: JSONValue] = [:]
        for line in try String(contentsOf: path, encoding: .utf8).split(separator: "\n") {
            let record = try JSONParser.parse(String(line))
            result[record["id"]!.stringValue!] = record["meta"]!
        }
        return result
    }
}
