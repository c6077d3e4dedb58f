import DocketCore
import DocketIO
import DocketStore
import Foundation
import TestScratch

/// Test fixtures for the agreement figures: the reference JSON and the public data sets copied under
/// Tests/Fixtures, imported through the real import path into a fresh SQLite file.
enum AgreementFixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static let reference: JSONValue = {
        let data = try! Data(contentsOf: root.appendingPathComponent("reference-values.json"))
        return try! JSONParser.parse([UInt8](data))
    }()

    /// One data set task, the queue it is imported into and its reference block.
    struct Case: CustomStringConvertible, Sendable {
        var kind: PublicDataset
        var task: String
        var folder: String
        var files: [String]
        var queueFile: String
        var referenceName: String
        var referenceTask: String
        var description: String { "\(kind.rawValue)/\(task)" }

        var paths: [String] { files.map { root.appendingPathComponent("data/\(folder)/\($0)").path } }
        var referenceBlock: JSONValue { reference["datasets"]![referenceName]!["tasks"]![referenceTask]! }
        /// The ordinal value map of the reference, when the task has one.
        var values: [String: Double]? {
            referenceBlock["ordinal_value_map"]?.objectValue.map { Dictionary(uniqueKeysWithValues: $0.map { ($0.0, $0.1.doubleValue!) }) }
        }
    }

    static let cases: [Case] = {
        let brexit = ["HS-Brexit_train.json", "HS-Brexit_dev.json", "HS-Brexit_test.json"]
        let convabuse = ["ConvAbuseEMNLPfull.csv"]
        return [
            Case(kind: .convabuse, task: "severity", folder: "convabuse", files: convabuse, queueFile: "convabuse-severity.yml", referenceName: "convabuse", referenceTask: "abuse_severity_5pt"),
            Case(kind: .convabuse, task: "binary", folder: "convabuse", files: convabuse, queueFile: "convabuse-binary.yml", referenceName: "convabuse", referenceTask: "abusive_binary"),
            Case(kind: .hsBrexit, task: "hate_speech", folder: "hs-brexit", files: brexit, queueFile: "hs-brexit.yml", referenceName: "hs-brexit", referenceTask: "hate_speech"),
            Case(kind: .hsBrexit, task: "aggressive", folder: "hs-brexit", files: brexit, queueFile: "hs-brexit.yml", referenceName: "hs-brexit", referenceTask: "aggressive"),
            Case(kind: .hsBrexit, task: "offensive", folder: "hs-brexit", files: brexit, queueFile: "hs-brexit.yml", referenceName: "hs-brexit", referenceTask: "offensive"),
            Case(kind: .armis, task: "misogyny", folder: "armis", files: ["ArMIS_train.json", "ArMIS_dev.json", "ArMIS_test.json"], queueFile: "armis.yml", referenceName: "armis", referenceTask: "misogyny_sexism"),
            Case(kind: .hatexplain, task: "label", folder: "hatexplain-val", files: ["hatexplain_val.json"], queueFile: "hatexplain.yml", referenceName: "hatexplain-val", referenceTask: "label_3class"),
            Case(kind: .hatexplain, task: "toxic", folder: "hatexplain-val", files: ["hatexplain_val.json"], queueFile: "hatexplain-toxic.yml", referenceName: "hatexplain-val", referenceTask: "toxic_binary"),
        ]
    }()

    /// A new database of `backend` (a SQLite file in a temporary folder, or a PostgreSQL database of its own) with
    /// the case's queue, and the data set imported into it; `keepAlive` holds the PostgreSQL database.
    static func importedStore(_ c: Case, backend: StoreBackend = .sqlite) throws
        -> (store: any ReviewStore, queue: QueueDefinition, summary: ImportSummary, keepAlive: AnyObject?) {
        let folder = TestScratch.folder("docket-agreement")
        let (store, keepAlive) = try backend.makeStore(in: folder)
        let queuePath = root.appendingPathComponent("queues/\(c.queueFile)").path
        let yaml = try String(contentsOfFile: queuePath, encoding: .utf8)
        let queue = try QueueFile.parse(yaml, file: queuePath)
        _ = try store.saveQueue(queue, yaml: yaml, actor: "test")
        let source = try PublicDatasetImportSource(kind: c.kind, task: c.task, files: c.paths, from: LocalFiles())
        let summary = try store.importItems(into: queue.id, from: [source], options: ImportOptions(strict: true, actor: "test"))
        return (store, queue, summary, keepAlive)
    }
}
