import DocketCore
import Foundation
import Testing

/// The public data sets converted by `PublicDataset`, checked against the reference figures of
/// reference-values.json (krippendorff, statsmodels, scikit-learn, irrCAC, crowd-kit) within 1e-4.
/// The same figures are checked after a real import into SQLite in DocketStoreTests.
struct PublicDatasetFigureTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var kind: PublicDataset
        var task: String
        var files: [String]
        var referenceName: String
        var referenceTask: String
        var testDescription: String { "\(kind.rawValue)/\(task)" }
    }

    static let data = AgreementReference.fixtures.appendingPathComponent("data")

    static let cases: [Case] = {
        func files(_ folder: String, _ names: [String]) -> [String] { names.map { data.appendingPathComponent(folder).appendingPathComponent($0).path } }
        let brexit = files("hs-brexit", ["HS-Brexit_train.json", "HS-Brexit_dev.json", "HS-Brexit_test.json"])
        return [
            Case(kind: .convabuse, task: "severity", files: files("convabuse", ["ConvAbuseEMNLPfull.csv"]), referenceName: "convabuse", referenceTask: "abuse_severity_5pt"),
            Case(kind: .convabuse, task: "binary", files: files("convabuse", ["ConvAbuseEMNLPfull.csv"]), referenceName: "convabuse", referenceTask: "abusive_binary"),
            Case(kind: .hsBrexit, task: "hate_speech", files: brexit, referenceName: "hs-brexit", referenceTask: "hate_speech"),
            Case(kind: .hsBrexit, task: "aggressive", files: brexit, referenceName: "hs-brexit", referenceTask: "aggressive"),
            Case(kind: .hsBrexit, task: "offensive", files: brexit, referenceName: "hs-brexit", referenceTask: "offensive"),
            Case(kind: .armis, task: "misogyny", files: files("armis", ["ArMIS_train.json", "ArMIS_dev.json", "ArMIS_test.json"]), referenceName: "armis", referenceTask: "misogyny_sexism"),
            Case(kind: .hatexplain, task: "label", files: files("hatexplain-val", ["hatexplain_val.json"]), referenceName: "hatexplain-val", referenceTask: "label_3class"),
            Case(kind: .hatexplain, task: "toxic", files: files("hatexplain-val", ["hatexplain_val.json"]), referenceName: "hatexplain-val", referenceTask: "toxic_binary"),
        ]
    }()

    @Test(arguments: cases)
    func figuresMatchTheReferenceLibraries(_ c: Case) throws {
        let entries = try PublicDataset.records(kind: c.kind, task: c.task, files: c.files)
        let reference = AgreementReference.value("datasets", c.referenceName, "tasks", c.referenceTask)
        let values = (reference["ordinal_value_map"]?.objectValue).map { Dictionary(uniqueKeysWithValues: $0.map { ($0.0, $0.1.doubleValue!) }) }
        let ratings = entries.flatMap { entry in entry.record.decisions.map { Rating(item: entry.record.id, rater: $0.reviewer, label: $0.label) } }
        let table = RatingsTable(ratings: ratings, labels: c.kind.labels(task: c.task), values: values)
        let summary = AgreementSummary.compute(table, options: .init(bootstrapReplicates: 0, cohenMinimumItems: 1))
        ReferenceCheck.expectMatches(summary, reference)
    }
}
