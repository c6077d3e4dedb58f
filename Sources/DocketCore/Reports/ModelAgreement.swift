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
        var grouped: [String: (model: String, category: String, threshold: Double?, pairs: [(Double, String)])] = [:]
        for (item, list) in scores {
            guard let label = gold[item] else { continue }
            for score in list {
                let key = score.model + "\u{1F}" + score.category
                // Mutated in place: copying the entry out and back would copy `pairs` on every score.
                grouped[key, default: (score.model, score.category, score.threshold, [])].pairs.append((score.score, label))
                if grouped[key]!.threshold == nil { grouped[key]!.threshold = score.threshold }
            }
        }
        return grouped.keys.sorted().map { key in
            let entry = grouped[key]!
            let positive = positives[entry.category] ?? (labels.contains(entry.category) ? [entry.category] : [])
            var result = ModelAgreement(model: entry.model, category: entry.category, threshold: entry.threshold,
                                        positiveLabels: positive, items: entry.pairs.count, byLabel: [])
            let present = labels + Set(entry.pairs.map(\.1)).subtracting(labels).sorted()
            for label in present {
                let values = entry.pairs.filter { $0.1 == label }.map(\.0).sorted()
                if values.isEmpty { continue }
                var histogram = [Int](repeating: 0, count: 10)
                for value in values { histogram[min(9, max(0, Int(value * 10)))] += 1 }
                result.byLabel.append(LabelScores(label: label, items: values.count, mean: values.reduce(0, +) / Double(values.count),
                                                  median: median(values), histogram: histogram))
            }
            if !positive.isEmpty {
                let truth = entry.pairs.map { (score: $0.0, positive: positive.contains($0.1)) }
                if let threshold = entry.threshold {
                    (result.precision, result.recall, result.f1) = scoresAt(threshold, truth)
                }
                (result.bestThreshold, result.bestF1) = bestThreshold(truth)
            }
            return result
        }
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
