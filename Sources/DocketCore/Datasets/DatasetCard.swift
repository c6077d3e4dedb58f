/// The README.md of a Hugging Face `datasets` folder: a YAML header that `datasets.load_dataset(DIR)`
/// reads (one data file per split, the features with the label names as a `ClassLabel`, the split
/// sizes), then prose for people: where the labels came from and how far the reviewers agreed.
public struct DatasetCard: Sendable {
    public var queue: QueueDefinition
    public var manifest: ExportManifest
    /// Relative data file path per split, in plan order.
    public var dataFiles: [String]
    /// Bytes of each data file, in plan order (the `num_bytes` that `datasets` expects beside `num_examples`).
    public var dataBytes: [Int64]
    /// Whether rows carry `media` (JSON text) and `image` (an `Image` feature): a queue with images.
    public var includesMedia = false

    public init(queue: QueueDefinition, manifest: ExportManifest, dataFiles: [String], dataBytes: [Int64]) {
        self.queue = queue
        self.manifest = manifest
        self.dataFiles = dataFiles
        self.dataBytes = dataBytes
    }

    /// The whole README.md text.
    public var text: String { header + "\n" + prose }

    /// The YAML front matter.
    public var header: String {
        var lines = ["---", "pretty_name: \(yamlString(queue.title))", "configs:", "- config_name: default", "  data_files:"]
        // `datasets` cannot build a split from an empty file, so empty splits are left out of the header.
        let filled = manifest.plan.shares.indices.filter { manifest.summary.rows(inSplit: $0) > 0 }
        for index in filled {
            let (share, file) = (manifest.plan.shares[index], dataFiles[index])
            lines.append("  - split: \(share.name)")
            lines.append("    path: \(file)")
        }
        lines += ["dataset_info:", "  features:"]
        func feature(_ name: String, _ dtype: String) { lines += ["  - name: \(name)", "    dtype: \(dtype)"] }
        feature("id", "string")
        feature("text", "string")
        lines += ["  - name: label", "    dtype:", "      class_label:", "        names:"]
        for (index, label) in queue.labels.enumerated() { lines.append("          '\(index)': \(yamlString(label.id))") }
        feature("label_source", "string")
        lines += ["  - name: soft_label", "    sequence: float64"]
        feature("reviewers", "int64")
        feature("agreement", "float64")
        lines += ["  - name: scores", "    list:"]
        for (name, dtype) in [("model", "string"), ("category", "string"), ("score", "float64"), ("threshold", "float64")] {
            lines += ["    - name: \(name)", "      dtype: \(dtype)"]
        }
        feature("meta", "string")
        feature("group", "string")
        feature("split", "string")
        lines += ["  - name: turns", "    list:", "    - name: speaker", "      dtype: string", "    - name: text", "      dtype: string"]
        if includesMedia {
            feature("media", "string")
            feature("image", "image")
        }
        lines.append("  splits:")
        for index in filled {
            let share = manifest.plan.shares[index]
            lines += ["  - name: \(share.name)", "    num_bytes: \(dataBytes[index])",
                      "    num_examples: \(manifest.summary.rows(inSplit: index))"]
        }
        lines.append("---")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The human part: contents, columns, how the labels were made, agreement, splits, reproduction.
    public var prose: String {
        let summary = manifest.summary
        var text = "# \(markdownLine(queue.title))\n\n"
        text += "Exported by Docket \(manifest.docketVersion) from queue `\(queue.id)`: \(summary.totalRows) items "
        text += "with gold labels from human review, in \(manifest.plan.shares.count) splits (`\(manifest.plan.description)`, seed \(manifest.seed)).\n\n"
        text += "Load it with:\n\n```python\nimport datasets\nds = datasets.load_dataset(\"path/to/this/folder\")\n"
        text += "names = ds[\"\(manifest.plan.shares[0].name)\"].features[\"label\"].names\n```\n\n"
        text += "## Labels\n\n| index | label | description |\n| --- | --- | --- |\n"
        for (index, label) in queue.labels.enumerated() {
            text += "| \(index) | `\(markdownLine(label.id))` | \(markdownLine(label.description)) |\n"
        }
        text += "\n## How the labels were made\n\n"
        text += "Reviewers labelled each item in Docket following the queue's guidelines; \(queue.overlap) distinct reviewer(s) "
        text += "were asked to decide each item. The gold `label` is, in order of precedence: a lead's adjudication; "
        text += "the item's known answer (gold items); otherwise the aggregate of the reviewers' labels by "
        text += manifest.method == "dawid-skene" ? "Dawid-Skene (EM over per-reviewer confusion matrices). " : "majority vote (a tie is not broken: tied items are left out unless `--include-ties`, and then carry label -1). "
        text += "`label_source` says which applied to each row. `soft_label` is the share of votes per label (in the order of the "
        text += "table above), `reviewers` the number of reviewers, `agreement` the share of them who chose the most common label.\n\n"
        if !summary.excluded.isEmpty {
            text += "Items left out: " + summary.excluded.keys.sorted().map { "\(summary.excluded[$0]!) (\($0))" }.joined(separator: ", ") + ".\n\n"
        }
        text += "## Agreement\n\n"
        func percent(_ value: Double?) -> String {
            guard let value else { return "n/a" }
            return String((value * 1000).rounded() / 10) + "%"
        }
        text += "- mean share of reviewers choosing an item's most common label: \(percent(summary.meanAgreement))\n"
        text += "- items on which every reviewer agreed: \(percent(summary.unanimousShare))\n"
        if let reviewers = summary.meanReviewers { text += "- mean reviewers per item: \(String((reviewers * 100).rounded() / 100))\n" }
        text += "\nFor chance-corrected figures (Krippendorff's alpha, Fleiss' and Cohen's kappa) run "
        text += "`docket report agreement --queue \(queue.id)` on the source database.\n\n"
        text += "## Splits\n\n"
        if let splitBy = manifest.splitRule.first(where: { $0.0 == "split_by" })?.1.stringValue {
            text += "The data set's own splits, from `\(splitBy)` of each item. "
        } else {
            text += "Grouped: items with the same group key (author, conversation or thread), or the same text of at least "
            text += "\(manifest.splitRule.first { $0.0 == "min_shared_text" }?.1.doubleValue.map { String(Int($0)) } ?? "20") characters "
            text += "(compared ignoring case and white space), are always in the same split. Stratified by "
            text += (manifest.splitRule.first { $0.0 == "stratify" }?.1.arrayValue?.compactMap(\.stringValue) ?? ["label"]).joined(separator: " and ") + ". "
        }
        text += "Deterministic: the same database and arguments give byte-identical files; `manifest.json` lists the SHA-256 of each. "
        text += "The largest component is the most items that had to stay together; label drift is the largest difference "
        text += "between a label's share in the split and in the whole.\n\n"
        text += "| split | items | groups | largest component | label drift | " + queue.labels.map { markdownLine($0.id) }.joined(separator: " | ") + " |\n"
        text += "| --- | --- | --- | --- | --- | " + queue.labels.map { _ in "---" }.joined(separator: " | ") + " |\n"
        for (index, share) in manifest.plan.shares.enumerated() {
            let counts = summary.rows[index]
            text += "| \(share.name) | \(summary.rows(inSplit: index)) | \(summary.groupsPerSplit[index]) | \(summary.largestComponentPerSplit[index]) | "
                + "\(percent(summary.labelDrift(split: index))) | " + queue.labels.indices.map { String(counts[$0]) }.joined(separator: " | ") + " |\n"
        }
        if !summary.warnings.isEmpty { text += "\nWarnings:\n" + summary.warnings.map { "- \(markdownLine($0))\n" }.joined() }
        if !manifest.redaction.isEmpty {
            text += "\n## Personal data\n\nMetadata fields " + manifest.redaction.fields.sorted().map { "`\($0)`" }.joined(separator: ", ")
            text += manifest.redaction.action == .drop ? " were removed.\n" : " were replaced by salted SHA-256 hashes.\n"
        }
        text += "\n## Columns\n\n`id`, `text`, `label` (class index), `label_source`, `soft_label`, `reviewers`, `agreement`, "
        text += "`scores` (model, category, score, threshold), `meta` (the item's metadata as a JSON string), `group`, `split`, `turns` (a conversation's turns, `speaker` and `text`, oldest first, the last being `text`; empty otherwise).\n"
        return text
    }

    private func yamlString(_ text: String) -> String { JSONWriter.quoted(text) }

    private func markdownLine(_ text: String) -> String {
        text.replacingAll("\n", " ").replacingAll("|", "\\|")
    }
}

extension String {
    func replacingAll(_ target: Character, _ replacement: String) -> String {
        var out = ""
        for character in self { if character == target { out += replacement } else { out.append(character) } }
        return out
    }
}
