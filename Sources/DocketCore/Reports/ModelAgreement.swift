/// How a model's scores for one category line up with the humans' gold labels: the score distribution per
/// human label, precision, recall and F1 at the model's threshold, and the threshold that matches the humans best.
public struct ModelAgreement: Sendable, Equatable {
    /// Scores of the items whose gold label is one label.
    public struct LabelScores: Sendable, Equatable {
        /// The gold label.
        public var label: String
        /// Items with this gold label and a score.
        public var items: Int
        /// Mean score.
        public var mean: Double?
        /// Median score.
        public var median: Double?
        /// Items per tenth of the score range ([0, 0.1), ..., [0.9, 1.0]).
        public var histogram: [Int]
    }

    /// The model's name (with `@version` when given).
    public var model: String
    /// The category scored.
    public var category: String
    /// The model's threshold (the first one recorded for this model and category).
    public var threshold: Double?
    /// Human labels counted as positive for this category (empty when none matches: no precision or recall then).
    public var positiveLabels: [String]
    /// Items with both a score and a gold label.
    public var items: Int
    /// Score distribution per gold label, in label order.
    public var byLabel: [LabelScores]
    /// Precision of `score >= threshold` against the gold labels.
    public var precision: Double?
    /// Recall of `score >= threshold` against the gold labels.
    public var recall: Double?
    /// F1 of precision and recall at the threshold.
    public var f1: Double?
    /// The threshold with the highest F1 against the humans (lowest on ties), and that F1.
    public var bestThreshold: Double?
    /// The F1 at `bestThreshold`.
    public var bestF1: Double?

    /// One entry per (model, category) in the scores, given each item's gold label.
    ///
    /// - Parameter positives: human labels that count as positive per category; a category that is also a
    ///   label id counts that label when not given.
    public static func compute(scores: [String: [ModelScore]], gold: [String: String], labels: [String],
                               positives: [String: [String]] = [:]) -> [ModelAgreement] {
        var names = labels
        var code: [String: Int32] = [:]
        for (offset, name) in names.enumerated() where code[name] == nil { code[name] = Int32(offset) }
        var groups: [String: Series] = [:]
        for (item, list) in scores {
            guard let label = gold[item] else { continue }
            if code[label] == nil { code[label] = Int32(names.count); names.append(label) }
            for score in list {
                let key = score.model + "\u{1F}" + score.category
                // Mutated in place: copying the entry out and back would copy the arrays on every score.
                groups[key, default: Series(model: score.model, category: score.category)].add(score.score, threshold: score.threshold, label: code[label]!)
            }
        }
        return groups.keys.sorted().map { compute(groups[$0]!, goldNames: names, labels: labels, positives: positives) }
    }

    /// The scores of one model and category with the gold label of each scored item, gathered before the figures.
    struct Series {
        var model: String
        var category: String
        /// The first threshold recorded.
        var threshold: Double?
        var scores: [Double] = []
        /// Gold label of each score's item (a code into the gold label names).
        var labels: [Int32] = []

        init(model: String, category: String) {
            self.model = model
            self.category = category
        }

        mutating func add(_ score: Double, threshold: Double?, label: Int32) {
            scores.append(score)
            labels.append(label)
            if self.threshold == nil { self.threshold = threshold }
        }
    }

    /// The figures of one series; `goldNames` names the label codes of `entry` and starts with `labels`' names.
    static func compute(_ entry: Series, goldNames: [String], labels: [String], positives: [String: [String]]) -> ModelAgreement {
        let positive = positives[entry.category] ?? (labels.contains(entry.category) ? [entry.category] : [])
        var result = ModelAgreement(model: entry.model, category: entry.category, threshold: entry.threshold,
                                    positiveLabels: positive, items: entry.scores.count, byLabel: [])
        var buckets = [[Double]](repeating: [], count: goldNames.count)
        for index in entry.scores.indices { buckets[Int(entry.labels[index])].append(entry.scores[index]) }
        var code: [String: Int] = [:]
        for (offset, name) in goldNames.enumerated() where code[name] == nil { code[name] = offset }
        let known = Set(labels)
        let extra = Set(goldNames.indices.filter { !buckets[$0].isEmpty }.map { goldNames[$0] }).subtracting(known).sorted()
        for label in labels + extra {
            guard let bucket = code[label] else { continue }
            let values = buckets[bucket].sorted()
            if values.isEmpty { continue }
            var histogram = [Int](repeating: 0, count: 10)
            for value in values { histogram[min(9, max(0, Int(value * 10)))] += 1 }
            result.byLabel.append(LabelScores(label: label, items: values.count, mean: values.reduce(0, +) / Double(values.count),
                                              median: median(values), histogram: histogram))
        }
        if !positive.isEmpty {
            let isPositive = goldNames.map { positive.contains($0) }
            let truth = entry.scores.indices.map { (score: entry.scores[$0], positive: isPositive[Int(entry.labels[$0])]) }
            if let threshold = entry.threshold {
                (result.precision, result.recall, result.f1) = scoresAt(threshold, truth)
            }
            (result.bestThreshold, result.bestF1) = bestThreshold(truth)
        }
        return result
    }

    /// One entry per score series of a review log, given the gold label of each table item.
    ///
    /// - Parameters:
    ///   - itemInTable: the table item of each log item (-1 when unrated); `gold`: each table item's gold label
    ///     as a code into `goldNames` (-1 for none).
    static func compute(log: ReviewLog, itemInTable: [Int32], gold: [Int32], goldNames: [String], labels: [String],
                        positives: [String: [String]]) -> [ModelAgreement] {
        var groups = log.series.map { Series(model: $0.model, category: $0.category) }
        for index in log.scoreItems.indices {
            let item = itemInTable[Int(log.scoreItems[index])]
            if item < 0 { continue }
            let label = gold[Int(item)]
            if label < 0 { continue }
            groups[Int(log.scoreSeries[index])].add(log.scoreValues[index], threshold: log.scoreThresholds[index], label: label)
        }
        // The order of the name-keyed path: by model and category joined with a unit separator.
        let order = groups.indices.filter { !groups[$0].scores.isEmpty }
            .sorted { groups[$0].model + "\u{1F}" + groups[$0].category < groups[$1].model + "\u{1F}" + groups[$1].category }
        return order.map { compute(groups[$0], goldNames: goldNames, labels: labels, positives: positives) }
    }

    /// The threshold among the scores with the highest F1 (lowest threshold on ties), in one sweep from the top score down.
    static func bestThreshold(_ truth: [(score: Double, positive: Bool)]) -> (Double?, Double?) {
        let sorted = truth.sorted { $0.score > $1.score }
        let positives = truth.reduce(0) { $0 + ($1.positive ? 1 : 0) }
        guard positives > 0 else { return (nil, nil) }
        var best: (Double?, Double?) = (nil, nil)
        var tp = 0, flagged = 0, index = 0
        while index < sorted.count {
            let threshold = sorted[index].score
            // Every item scoring exactly `threshold` is flagged together.
            while index < sorted.count, sorted[index].score == threshold {
                flagged += 1
                if sorted[index].positive { tp += 1 }
                index += 1
            }
            let f1 = 2 * Double(tp) / Double(flagged + positives)
            if f1 >= (best.1 ?? -1) { best = (threshold, f1) }
        }
        return best
    }

    /// Precision, recall and F1 of `score >= threshold` (nil where a denominator is zero).
    static func scoresAt(_ threshold: Double, _ truth: [(score: Double, positive: Bool)]) -> (Double?, Double?, Double?) {
        var tp = 0, fp = 0, fn = 0
        for entry in truth {
            let flagged = entry.score >= threshold
            if flagged && entry.positive { tp += 1 } else if flagged { fp += 1 } else if entry.positive { fn += 1 }
        }
        let precision = tp + fp > 0 ? Double(tp) / Double(tp + fp) : nil
        let recall = tp + fn > 0 ? Double(tp) / Double(tp + fn) : nil
        var f1: Double?
        if let precision, let recall { f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }
        return (precision, recall, f1)
    }

    static func median(_ sorted: [Double]) -> Double? {
        guard !sorted.isEmpty else { return nil }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }
}
