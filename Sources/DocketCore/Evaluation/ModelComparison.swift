/// Two models (or two versions of one) side by side on the same items and category: McNemar's test on their
/// decisions at their thresholds, and a paired bootstrap on the difference of their ROC AUCs (both curves
/// recomputed on the same resample each time, so item difficulty cancels out).
public struct ModelComparison: Sendable, Equatable {
    /// The category both models score.
    public var category: String
    /// The first model (in name order).
    public var first: String
    /// The second model.
    public var second: String
    /// Items both models scored that have a gold label.
    public var items: Int
    /// McNemar's test on correctness at each model's threshold (nil when either has no threshold).
    public var mcNemar: McNemarTest?
    /// ROC AUC of the first model on the shared items.
    public var firstAUC: Double?
    /// ROC AUC of the second model on the shared items.
    public var secondAUC: Double?
    /// 95% percentile interval of (first AUC - second AUC) over paired resamples.
    public var aucDifferenceInterval: BootstrapInterval?
    /// Two-sided bootstrap p-value of "no difference in AUC": twice the share of resamples on the far side of 0.
    public var aucDifferencePValue: Double?

    /// The AUC difference (first - second).
    public var aucDifference: Double? {
        guard let firstAUC, let secondAUC else { return nil }
        return firstAUC - secondAUC
    }

    /// Compares two score lists over the same items (same order) against one gold truth.
    public init(category: String, first: String, second: String, firstScores: [Double], secondScores: [Double],
                truth: [Bool], firstThreshold: Double?, secondThreshold: Double?, replicates: Int, seed: UInt64) {
        self.category = category
        self.first = first
        self.second = second
        items = truth.count
        if let a = firstThreshold, let b = secondThreshold {
            mcNemar = McNemarTest(firstRight: truth.indices.map { (firstScores[$0] >= a) == truth[$0] },
                                  secondRight: truth.indices.map { (secondScores[$0] >= b) == truth[$0] })
        }
        firstAUC = RankingCurve(scores: firstScores, truth: truth).rocAUC
        secondAUC = RankingCurve(scores: secondScores, truth: truth).rocAUC
        guard replicates > 0, !truth.isEmpty, aucDifference != nil else { return }
        let firstOrder = RankingCurve.descendingOrder(firstScores), secondOrder = RankingCurve.descendingOrder(secondScores)
        var generator = SeededGenerator(seed: seed)
        var weights = [Int](repeating: 0, count: truth.count)
        var differences: [Double] = []
        for _ in 0 ..< replicates {
            for index in weights.indices { weights[index] = 0 }
            for _ in truth.indices { weights[generator.index(below: truth.count)] += 1 }
            guard let a = RankingCurve(order: firstOrder, scores: firstScores, truth: truth, weights: weights).rocAUC,
                  let b = RankingCurve(order: secondOrder, scores: secondScores, truth: truth, weights: weights).rocAUC else { continue }
            differences.append(a - b)
        }
        aucDifferenceInterval = BootstrapInterval.interval(differences, replicates: replicates, confidence: 0.95, seed: seed)
        if !differences.isEmpty {
            let below = differences.filter { $0 <= 0 }.count, above = differences.filter { $0 >= 0 }.count
            aucDifferencePValue = min(1, 2 * Double(min(below, above)) / Double(differences.count))
        }
    }
}
