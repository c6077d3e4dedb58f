/// The model report as JSON: the `docket report model --format json` contract (issue 15). Per model and category
/// at least precision, recall, f1, threshold, roc_auc, pr_auc, best_f1_threshold, ece and n; undefined figures
/// are null, never NaN.
extension ModelReport {
    /// The whole report as one JSON object.
    public var json: JSONValue {
        .object([
            ("queue", .string(queue)),
            ("gold", .string(gold.rawValue)),
            ("items_with_gold", int(itemsWithGold)),
            ("target_precision", number(targetPrecision)),
            ("slice_field", sliceField.map { .string("meta." + $0) } ?? .null),
            ("models", .array(entries.map(entryJSON))),
            ("comparisons", .array(comparisons.map(comparisonJSON))),
        ])
    }

    private func entryJSON(_ entry: Entry) -> JSONValue {
        var members: [(String, JSONValue)] = [("model", .string(entry.model)), ("category", .string(entry.category)),
                                              ("positive_labels", .array(entry.positiveLabels.map { .string($0) }))]
        guard let evaluation = entry.evaluation else {
            return .object(members + [("n", .null), ("reason", .string("no gold label counts as positive for this category (see --positive)"))])
        }
        members += figures(evaluation)
        members.append(("reliability", .array(evaluation.reliability.bins.map { bin in
            .object([("low", number(bin.low)), ("high", number(bin.high)), ("n", int(bin.items)),
                     ("mean_score", number(bin.meanScore)), ("positive_share", number(bin.positiveShare))])
        })))
        members.append(("confidence_intervals", .object(evaluation.intervals.keys.sorted().map { name in
            let interval = evaluation.intervals[name]!
            return (name, .object([("low", number(interval.low)), ("high", number(interval.high)), ("confidence", number(interval.confidence)),
                                   ("replicates", int(interval.replicates)), ("seed", .number(String(interval.seed)))]))
        })))
        if sliceField != nil {
            members.append(("slices", .array(entry.slices.map { slice in .object([("value", .string(slice.value))] + figures(slice.evaluation)) })))
            members.append(("slice_gaps", .object(["f1", "roc_auc", "pr_auc"].map { name in
                guard let gap = entry.gap(name) else { return (name, .null) }
                return (name, .object([("best", .string(gap.best)), ("worst", .string(gap.worst)), ("gap", number(gap.gap))]))
            })))
        }
        return .object(members)
    }

    /// The figures every entry and slice has.
    private func figures(_ e: ModelEvaluation) -> [(String, JSONValue)] {
        [("n", int(e.items)), ("positives", int(e.positives)), ("threshold", number(e.threshold)),
         ("precision", number(e.precision)), ("recall", number(e.recall)), ("f1", number(e.f1)),
         ("roc_auc", number(e.rocAUC)), ("pr_auc", number(e.prAUC)),
         ("best_f1_threshold", number(e.bestF1Threshold)), ("best_f1", number(e.bestF1)),
         ("target_precision_threshold", number(e.targetThreshold?.threshold)),
         ("target_precision_precision", number(e.targetThreshold?.precision)),
         ("target_precision_recall", number(e.targetThreshold?.recall)),
         ("ece", number(e.ece))]
    }

    private func comparisonJSON(_ c: ModelComparison) -> JSONValue {
        .object([("category", .string(c.category)), ("a", .string(c.first)), ("b", .string(c.second)), ("n", int(c.items)),
                 ("mcnemar", c.mcNemar.map { .object([("only_a_right", int($0.onlyFirstRight)), ("only_b_right", int($0.onlySecondRight)),
                                                     ("p_value", number($0.pValue))]) } ?? .null),
                 ("roc_auc_a", number(c.firstAUC)), ("roc_auc_b", number(c.secondAUC)), ("roc_auc_difference", number(c.aucDifference)),
                 ("roc_auc_difference_ci", c.aucDifferenceInterval.map { .object([("low", number($0.low)), ("high", number($0.high)),
                                                                                 ("replicates", int($0.replicates))]) } ?? .null),
                 ("roc_auc_difference_p_value", number(c.aucDifferencePValue))])
    }
}
