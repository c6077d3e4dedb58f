import DocketCore
import Foundation
import Testing
import TestScratch

/// Exports read by the tools ML engineers load them with: pandas and Hugging Face `datasets`
/// (`.ci/run` installs both with pip). A missing module fails the test with the pip command to run.
@Suite struct PythonConsumerTests {
    /// Runs `script` with python3 and returns its standard output; fails the test on a non-zero exit.
    static func python(_ script: String, arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HF_DATASETS_OFFLINE"] = "1"
        environment["HF_HUB_OFFLINE"] = "1"
        environment["HF_DATASETS_CACHE"] = TestScratch.folder("docket-hf-cache").path
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errText = String(decoding: err, as: UTF8.self)
        try #require(process.terminationStatus == 0,
                     "python3 failed (install the readers with `pip install pandas datasets`):\n\(errText.suffix(2000))")
        return String(decoding: out, as: UTF8.self)
    }

    @Test func pandasReadsJSONLinesAndCSV() throws {
        let folder = DatasetExportTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let jsonl = try DatasetExportTests.export(.jsonl, into: folder + "/jsonl")
        let csv = try DatasetExportTests.export(.csv, into: folder + "/csv")
        let script = """
        import sys, json, pandas as pd
        folder = sys.argv[1]
        out = {}
        for split in ["train", "validation", "test"]:
            j = pd.read_json(f"{folder}/jsonl/{split}.jsonl", lines=True, dtype={"id": str, "group": str})
            c = pd.read_csv(f"{folder}/csv/{split}.csv", dtype={"id": str, "group": str}, keep_default_na=False)
            out[split] = {"jsonl_rows": len(j), "csv_rows": len(c), "jsonl_columns": list(j.columns),
                          "csv_columns": list(c.columns), "same_ids": list(j["id"]) == list(c["id"]),
                          "same_text": list(j["text"]) == list(c["text"]),
                          "labels": sorted(set(j["label"]))}
        print(json.dumps(out))
        """
        let result = try JSONParser.parse(Self.python(script, arguments: [folder]))
        let labels = try ExportFixture.queue().labels.map(\.id)
        for (index, split) in ["train", "validation", "test"].enumerated() {
            let figures = try #require(result[split])
            #expect(figures["jsonl_rows"]?.doubleValue == Double(jsonl.files[index].rows))
            #expect(figures["csv_rows"]?.doubleValue == Double(csv.files[index].rows))
            let jsonlColumns = figures["jsonl_columns"]?.arrayValue?.compactMap(\.stringValue) ?? []
            let csvColumns = figures["csv_columns"]?.arrayValue?.compactMap(\.stringValue) ?? []
            for column in ["id", "text", "label", "group", "soft_label", "reviewers", "agreement", "scores", "meta"] {
                #expect(jsonlColumns.contains(column), "jsonl lacks \(column)")
            }
            for column in ["id", "text", "label", "group", "reviewers", "agreement", "meta"] + labels.map({ "soft_" + $0 }) {
                #expect(csvColumns.contains(column), "csv lacks \(column)")
            }
            #expect(figures["same_ids"] == .bool(true))
            #expect(figures["same_text"] == .bool(true), "CSV and JSONL texts differ in \(split)")
            #expect(figures["labels"]?.arrayValue?.allSatisfy { labels.contains($0.stringValue ?? "") } == true)
        }
    }

    @Test func datasetsLoadsTheFolderWithNamedSplitsAndLabelNames() throws {
        let folder = DatasetExportTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let manifest = try DatasetExportTests.export(.hf, into: folder)
        let script = """
        import sys, json, datasets
        ds = datasets.load_dataset(sys.argv[1])
        out = {name: {"rows": ds[name].num_rows, "columns": ds[name].column_names} for name in ds}
        out["_label_names"] = ds["train"].features["label"].names
        out["_first"] = {k: (v if not isinstance(v, float) else round(v, 6)) for k, v in ds["train"][0].items()}
        print(json.dumps(out))
        """
        let result = try JSONParser.parse(Self.python(script, arguments: [folder]))
        let queue = try ExportFixture.queue()
        #expect(result["_label_names"]?.arrayValue?.compactMap(\.stringValue) == queue.labels.map(\.id))
        for (index, split) in ["train", "validation", "test"].enumerated() {
            let figures = try #require(result[split], "split \(split) missing")
            #expect(figures["rows"]?.doubleValue == Double(manifest.summary.rows(inSplit: index)))
            let columns = figures["columns"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(Array(columns.prefix(3)) == ["id", "text", "label"])
            #expect(columns.contains("group") && columns.contains("soft_label"))
        }
        let first = try #require(result["_first"])
        #expect(first["label"]?.doubleValue.map { Int($0) }.map { (0..<queue.labels.count).contains($0) } == true)
        #expect(first["soft_label"]?.arrayValue?.count == queue.labels.count)
    }
}
