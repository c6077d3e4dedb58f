/// `docket report model`: how each model's scores on a queue match the gold labels, per model and category,
/// optionally per slice of a metadata field, and pairs of models on the same category compared. Built from a
/// queue's review log (votes, adjudications, gold answers, scores) and, for slices, one metadata value per item.
public struct ModelReport: Sendable {
    /// Where the gold label of an item comes from.
    public enum GoldSource: String, Sendable, CaseIterable {
        /// A lead's adjudication, else the strict majority of the reviewers' labels (ties have none).
        case consensus
        /// The known answer of gold (known-answer) items only.
        case answers
    }

    /// One model and category.
    public struct Entry: Sendable {
        /// The model's name.
        public var model: String
        /// The category scored.
        public var category: String
        /// Gold labels that count as positive for the category (empty: none matches, no figures).
        public var positiveLabels: [String]
        /// The figures on every item with a gold label (nil when no label counts as positive).
        public var evaluation: ModelEvaluation?
        /// The same figures per slice value (no bootstrap), by value.
        public var slices: [(value: String, evaluation: ModelEvaluation)] = []

        /// The best and worst slice by `figure` (one of f1, roc_auc, pr_auc) and the gap, over slices where it is defined.
        public func gap(_ figure: String) -> (best: String, worst: String, gap: Double)? {
            let defined = slices.compactMap { slice in ModelReport.figure(figure, of: slice.evaluation).map { (slice.value, $0) } }
            guard defined.count >= 2, let best = defined.max(by: { $0.1 < $1.1 }), let worst = defined.min(by: { $0.1 < $1.1 }) else { return nil }
            return (best.0, worst.0, best.1 - worst.1)
        }
    }

    /// The queue reported on.
    public var queue: String
    /// Where the gold labels came from.
    public var gold: GoldSource
    /// Items with a gold label.
    public var itemsWithGold: Int
    /// The precision asked for with `--target-precision`.
    public var targetPrecision: Double?
    /// The metadata field sliced by (`meta.` left off), if any.
    public var sliceField: String?
    /// One entry per model and category, by model then category.
    public var entries: [Entry]
    /// Every pair of models that score the same category.
    public var comparisons: [ModelComparison]

    /// A figure of an evaluation by its JSON name.
    static func figure(_ name: String, of evaluation: ModelEvaluation) -> Double? {
        switch name {
        case "f1": return evaluation.f1
        case "roc_auc": return evaluation.rocAUC
        case "pr_auc": return evaluation.prAUC
        default: return nil
        }
    }

    /// Builds the report.
    ///
    /// - Parameters:
    ///   - labels: the queue's label ids (a category named like a label counts that label as positive).
    ///   - positives: gold labels that count as positive per category, overriding the default.
    ///   - slices: the slice value of each item by external id (items without one are in slice "(none)").
    ///   - models: only these models (all when empty).
    public static func build(queue: String, labels: [String], log: ReviewLog, gold source: GoldSource = .consensus,
                             positives: [String: [String]] = [:], sliceField: String? = nil, slices: [String: String]? = nil,
                             models: [String] = [], options: ModelEvaluation.Options = .init()) -> ModelReport {
        let gold = goldLabels(log: log, labels: labels, source: source)
        var series: [String: (model: String, category: String, items: [Int], scores: [Double], threshold: Double?)] = [:]
        for index in log.scoreItems.indices {
            let item = Int(log.scoreItems[index])
            guard gold[item] != nil else { continue }
            let (model, category) = log.series[Int(log.scoreSeries[index])]
            if !models.isEmpty, !models.contains(model) { continue }
            let key = model + "\u{1F}" + category
            series[key, default: (model, category, [], [], nil)].items.append(item)
            series[key]!.scores.append(log.scoreValues[index])
            if series[key]!.threshold == nil { series[key]!.threshold = log.scoreThresholds[index] }
        }
        var entries: [Entry] = []
        var truths: [String: [Bool]] = [:]
        for key in series.keys.sorted() {
            let s = series[key]!
            let positive = positives[s.category] ?? (labels.contains(s.category) ? [s.category] : [])
            var entry = Entry(model: s.model, category: s.category, positiveLabels: positive)
            if !positive.isEmpty {
                let truth = s.items.map { positive.contains(gold[$0]!) }
                truths[key] = truth
                entry.evaluation = ModelEvaluation(scores: s.scores, truth: truth, threshold: s.threshold, options: options)
                if let slices {
                    var groups: [String: [Int]] = [:]
                    for (position, item) in s.items.enumerated() { groups[slices[log.items[item]] ?? "(none)", default: []].append(position) }
                    var plain = options
                    plain.bootstrapReplicates = 0
                    entry.slices = groups.keys.sorted().map { value in
                        let chosen = groups[value]!
                        return (value, ModelEvaluation(scores: chosen.map { s.scores[$0] }, truth: chosen.map { truth[$0] }, threshold: s.threshold, options: plain))
                    }
                }
            }
            entries.append(entry)
        }
        var comparisons: [ModelComparison] = []
        for category in Set(entries.map(\.category)).sorted() {
            let keys = series.keys.sorted().filter { series[$0]!.category == category && truths[$0] != nil }
            for (offset, a) in keys.enumerated() {
                for b in keys.dropFirst(offset + 1) {
                    comparisons.append(compare(series[a]!, series[b]!, truthA: truths[a]!, category: category, options: options))
                }
            }
        }
        return ModelReport(queue: queue, gold: source, itemsWithGold: gold.compactMap { $0 }.count, targetPrecision: options.targetPrecision,
                           sliceField: sliceField, entries: entries, comparisons: comparisons)
    }

    /// The two series on the items both scored, in the first's order.
    static func compare(_ a: (model: String, category: String, items: [Int], scores: [Double], threshold: Double?),
                        _ b: (model: String, category: String, items: [Int], scores: [Double], threshold: Double?),
                        truthA: [Bool], category: String, options: ModelEvaluation.Options) -> ModelComparison {
        var positionInB: [Int: Int] = [:]
        for (position, item) in b.items.enumerated() where positionInB[item] == nil { positionInB[item] = position }
        var first: [Double] = [], second: [Double] = [], truth: [Bool] = []
        for (position, item) in a.items.enumerated() {
            guard let other = positionInB[item] else { continue }
            first.append(a.scores[position])
            second.append(b.scores[other])
            truth.append(truthA[position])
        }
        return ModelComparison(category: category, first: a.model, second: b.model, firstScores: first, secondScores: second,
                               truth: truth, firstThreshold: a.threshold, secondThreshold: b.threshold,
                               replicates: options.bootstrapReplicates, seed: options.seed)
    }

    /// The gold label of each item of the log (by item code), or nil.
    static func goldLabels(log: ReviewLog, labels: [String], source: GoldSource) -> [String?] {
        var gold = [String?](repeating: nil, count: log.items.count)
        switch source {
        case .answers:
            for (item, name) in log.items.enumerated() { gold[item] = log.goldAnswers[name] }
        case .consensus:
            let (table, itemInTable) = log.codedTable(labels: labels, values: nil)
            let outcomes = MajorityVote.outcomes(table)
            for item in gold.indices {
                if let adjudicated = log.adjudicated[log.items[item]] { gold[item] = adjudicated; continue }
                let row = Int(itemInTable[item])
                if row >= 0, case .label(let label) = outcomes[row] { gold[item] = table.labels[label] }
            }
        }
        return gold
    }
}
