/// The model report as terminal text and Markdown: one overview table of every model and category, the
/// comparisons, then per model and category its intervals, reliability table and slices.
extension ModelReport {
    /// Plain text for a terminal `width` columns wide.
    public func table(width: Int = 100) -> String { ReportSection.plain(sections(), width: width) }

    /// GitHub-flavoured Markdown.
    public func markdown() -> String { ReportSection.markdown(sections()) }

    func sections() -> [ReportSection] {
        var overview = ReportSection(title: "Model report: queue \(ContentSanitiser.sanitiseLine(queue))")
        overview.lines = ["gold labels: " + (gold == .consensus ? "a lead's adjudication, else the reviewers' strict majority" : "the known answers of gold items")
                          + "; \(itemsWithGold) items have one"]
        if entries.isEmpty {
            overview.lines.append("nothing to report: no model scores on items with a gold label")
            return [overview]
        }
        if let targetPrecision { overview.lines.append("target precision \(format(targetPrecision)): the threshold reaching it with the highest recall") }
        overview.table = TextTable(header: ["Model / category", "n", "Pos", "Threshold", "Precision", "Recall", "F1", "ROC AUC", "PR AUC", "Best-F1 t", "ECE"]
                                   + (targetPrecision == nil ? [] : ["Target t", "Recall there"]),
                                   rows: entries.map { entry in
            guard let e = entry.evaluation else { return ["\(entry.model) / \(entry.category)", "-", "-", "-", "-", "-", "-", "-", "-", "-", "-"] + (targetPrecision == nil ? [] : ["-", "-"]) }
            return ["\(entry.model) / \(entry.category)", String(e.items), String(e.positives), format(e.threshold), format(e.precision),
                    format(e.recall), format(e.f1), format(e.rocAUC), format(e.prAUC), format(e.bestF1Threshold), format(e.ece)]
                + (targetPrecision == nil ? [] : [format(e.targetThreshold?.threshold), format(e.targetThreshold?.recall)])
        })
        let unmatched = entries.filter { $0.evaluation == nil }.map(\.category)
        if !unmatched.isEmpty {
            overview.lines.append("no gold label counts as positive for: \(Set(unmatched).sorted().joined(separator: ", ")) (use --positive category=label,...)")
        }
        var sections = [overview]
        if !comparisons.isEmpty {
            var compared = ReportSection(title: "Models side by side (same items)")
            compared.lines = ["McNemar: exact test on who is right at each model's threshold; AUC: paired bootstrap over items"]
            compared.table = TextTable(header: ["Category", "A", "B", "n", "Only A right", "Only B right", "McNemar p", "AUC A-B", "95% CI", "p"], rows: comparisons.map { c in
                [c.category, c.first, c.second, String(c.items), c.mcNemar.map { String($0.onlyFirstRight) } ?? "-",
                 c.mcNemar.map { String($0.onlySecondRight) } ?? "-", pValue(c.mcNemar?.pValue), format(c.aucDifference),
                 c.aucDifferenceInterval.map { "\(format($0.low))..\(format($0.high))" } ?? "-", pValue(c.aucDifferencePValue)]
            })
            sections.append(compared)
        }
        for entry in entries {
            guard let e = entry.evaluation else { continue }
            var detail = ReportSection(title: "\(entry.model) / \(entry.category)")
            detail.lines = ["positive gold labels: \(entry.positiveLabels.joined(separator: ", "))"]
            if !e.intervals.isEmpty {
                let replicates = e.intervals.values.map(\.replicates).max() ?? 0
                detail.lines.append("95% bootstrap intervals (\(replicates) resamples): " + ["precision", "recall", "f1", "roc_auc", "pr_auc"].compactMap { name in
                    e.intervals[name].map { "\(name) \(format($0.low))..\(format($0.high))" }
                }.joined(separator: ", "))
            }
            detail.lines.append("calibration (ECE \(format(e.ece))), scores in bins of 0.1:")
            detail.table = TextTable(header: ["Scores", "n", "Mean score", "Positive share", "Gap"], rows: e.reliability.bins.map {
                ["\(format($0.low))-\(format($0.high))", String($0.items), format($0.meanScore), format($0.positiveShare), format($0.positiveShare - $0.meanScore)]
            })
            sections.append(detail)
            if let sliceField {
                var sliced = ReportSection(title: "\(entry.model) / \(entry.category) by meta.\(sliceField)")
                sliced.lines = ["f1", "roc_auc", "pr_auc"].compactMap { name in
                    entry.gap(name).map { "\(name) gap \(format($0.gap)): best \(ContentSanitiser.sanitiseLine($0.best)), worst \(ContentSanitiser.sanitiseLine($0.worst))" }
                }
                sliced.table = TextTable(header: ["Slice", "n", "Pos", "Precision", "Recall", "F1", "ROC AUC", "PR AUC", "ECE"], rows: entry.slices.map { slice in
                    let s = slice.evaluation
                    return [slice.value, String(s.items), String(s.positives), format(s.precision), format(s.recall), format(s.f1),
                            format(s.rocAUC), format(s.prAUC), format(s.ece)]
                })
                sections.append(sliced)
            }
        }
        return sections
    }

    /// A p-value with 3 significant places, "<0.001" below.
    private func pValue(_ value: Double?) -> String {
        guard let value else { return "-" }
        return value < 0.001 ? "<0.001" : format(value)
    }
}
