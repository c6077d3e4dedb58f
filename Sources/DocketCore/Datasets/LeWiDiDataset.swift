import Foundation

/// Converts the Le-Wi-Di 2023 JSON files (HS-Brexit, ArMIS): one object per file, key -> item with
/// comma-separated `annotators` and `annotations`. An item is split + key (keys restart in every file).
/// A value that is not 0 or 1 (HS-Brexit has three "No" in the offensive task) is left out as missing.
enum LeWiDiDataset {
    /// Where each task's annotations are in an item.
    static func annotations(of item: JSONValue, task: String) -> String? {
        switch task {
        case "aggressive": return item["other_info"]?["other annotations"]?["aggressive language detection"]?.stringValue
        case "offensive": return item["other_info"]?["other annotations"]?["offensive language detection"]?.stringValue
        default: return item["annotations"]?.stringValue
        }
    }

    static func records(files: [String], task: String, from input: any InputFiles) throws(InputError) -> [PublicDataset.Entry] {
        var entries: [PublicDataset.Entry] = []
        for file in files {
            let bytes = try input.contents(of: file)
            let root: JSONValue
            do { root = try JSONParser.parse(bytes) } catch { throw error.located(file: file, line: nil) }
            guard let members = root.objectValue else { throw InputError(file: file, line: 1, "must be one JSON object (key -> item)") }
            let lines = PublicDataset.topLevelKeyLines(bytes)
            for (key, item) in members {
                let line = lines[key] ?? 1
                guard let text = item["text"]?.stringValue else { throw InputError(file: file, line: line, field: "\(key).text", "is required") }
                let split = item["split"]?.stringValue ?? "unsplit"
                let raters = (item["annotators"]?.stringValue ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                guard let values = annotations(of: item, task: task)?.split(separator: ",", omittingEmptySubsequences: false)
                    .map({ $0.trimmingCharacters(in: .whitespaces) }) else {
                    throw InputError(file: file, line: line, field: "\(key)", "has no annotations for the task '\(task)'")
                }
                guard values.count == raters.count else {
                    throw InputError(file: file, line: line, field: "\(key).annotations", "has \(values.count) values for \(raters.count) annotators")
                }
                var decisions: [ImportRecord.ImportedDecision] = []
                var leftOut: [JSONValue] = []
                for (rater, value) in zip(raters, values) {
                    if value == "0" || value == "1" {
                        decisions.append(.init(reviewer: rater, label: value))
                    } else {
                        leftOut.append(.object([("annotator", .string(rater)), ("value", .string(value))]))
                    }
                }
                var meta: [(String, JSONValue)] = [("split", .string(split)), ("key", .string(key)), ("task", .string(task))]
                if let lang = item["lang"]?.stringValue { meta.append(("lang", .string(lang))) }
                if let groups = item["other_info"]?["annotators group"]?.stringValue { meta.append(("annotator_groups", .string(groups))) }
                if !leftOut.isEmpty { meta.append(("left_out_as_missing", .array(leftOut))) }
                let record = ImportRecord(id: "\(split)-\(key)", text: text, meta: .object(meta), decisions: decisions,
                                          source: file.split(separator: "/").last.map(String.init))
                entries.append(PublicDataset.Entry(file: file, line: line, record: record))
            }
        }
        return entries
    }
}
