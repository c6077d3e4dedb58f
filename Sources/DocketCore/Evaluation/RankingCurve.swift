/// The cumulative true and false positives at every distinct score, highest score first: the one walk over the
/// ranked items from which ROC AUC, average precision (PR AUC), the PR curve, the best-F1 threshold and the
/// threshold for a target precision are all read, as scikit-learn's `_binary_clf_curve` does.
public struct RankingCurve: Sendable, Equatable {
    /// One distinct score, with everything at or above it counted.
    public struct Point: Sendable, Equatable {
        /// The score, used as the threshold `score >= threshold`.
        public var threshold: Double
        /// Positives at or above the threshold.
        public var truePositives: Double
        /// Negatives at or above the threshold.
        public var falsePositives: Double
    }

    /// The points, from the highest threshold to the lowest.
    public private(set) var points: [Point] = []
    /// Weight of all positives.
    public private(set) var positives: Double = 0
    /// Weight of all negatives.
    public private(set) var negatives: Double = 0

    /// The curve of `scores` with gold `truth`.
    public init(scores: [Double], truth: [Bool]) {
        let order = RankingCurve.descendingOrder(scores)
        self.init(order: order, scores: scores, truth: truth, weights: nil)
    }

    /// The curve over items taken in `order` (indices by descending score), each counted `weights[i]` times
    /// (all once when nil): a bootstrap resample reuses one sort and passes how often each item was drawn.
    public init(order: [Int], scores: [Double], truth: [Bool], weights: [Int]?) {
        var tp = 0.0, fp = 0.0
        var position = 0
        while position < order.count {
            let score = scores[order[position]]
            // Every item tied at this score enters together: a threshold cannot split them.
            while position < order.count, scores[order[position]] == score {
                let item = order[position]
                let weight = Double(weights?[item] ?? 1)
                if truth[item] { tp += weight } else { fp += weight }
                position += 1
            }
            if let last = points.last, last.truePositives == tp, last.falsePositives == fp { continue }
            points.append(Point(threshold: score, truePositives: tp, falsePositives: fp))
        }
        positives = tp
        negatives = fp
    }

    /// Item indices by descending score (ties in index order, which no figure depends on).
    public static func descendingOrder(_ scores: [Double]) -> [Int] {
        scores.indices.sorted { scores[$0] > scores[$1] || (scores[$0] == scores[$1] && $0 < $1) }
    }

    /// Area under the ROC curve by the trapezoidal rule (ties count half, as in `roc_auc_score`); nil without
    /// both positives and negatives.
    public var rocAUC: Double? {
        guard positives > 0, negatives > 0 else { return nil }
        var area = 0.0, previousTP = 0.0, previousFP = 0.0
        for point in points {
            area += (point.falsePositives - previousFP) * (point.truePositives + previousTP) / 2
            previousTP = point.truePositives
            previousFP = point.falsePositives
        }
        return area / (positives * negatives)
    }

    /// Average precision, the step-wise area under the PR curve: the sum over thresholds of the recall gained
    /// times the precision there (`average_precision_score`, no interpolation); nil without positives.
    public var averagePrecision: Double? {
        guard positives > 0 else { return nil }
        var sum = 0.0, previousRecall = 0.0
        for point in points {
            let recall = point.truePositives / positives
            sum += (recall - previousRecall) * point.truePositives / (point.truePositives + point.falsePositives)
            previousRecall = recall
        }
        return sum
    }

    /// Precision and recall at each threshold, highest threshold first (for the PR chart); empty without positives.
    public var precisionRecall: [(threshold: Double, precision: Double, recall: Double)] {
        guard positives > 0 else { return [] }
        return points.map { ($0.threshold, $0.truePositives / ($0.truePositives + $0.falsePositives), $0.truePositives / positives) }
    }

    /// The threshold with the highest F1, the lowest threshold on ties, and that F1; nil without positives.
    public var bestF1: (threshold: Double, f1: Double)? {
        guard positives > 0 else { return nil }
        var best: (threshold: Double, f1: Double)?
        for point in points {
            let f1 = 2 * point.truePositives / (point.truePositives + point.falsePositives + positives)
            // Points go from high to low thresholds, so `>=` keeps the lowest threshold among equal F1.
            if best == nil || f1 >= best!.f1 { best = (point.threshold, f1) }
        }
        return best
    }

    /// The threshold that reaches `target` precision with the highest recall (the highest such threshold on
    /// ties: it flags fewest items for that recall), with its precision and recall; nil when none reaches it.
    public func threshold(forPrecision target: Double) -> (threshold: Double, precision: Double, recall: Double)? {
        var found: (threshold: Double, precision: Double, recall: Double)?
        for entry in precisionRecall where entry.precision >= target {
            if found == nil || entry.recall > found!.recall { found = entry }
        }
        return found
    }
}
