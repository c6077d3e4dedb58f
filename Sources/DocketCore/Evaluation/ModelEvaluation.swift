/// A model's figures for one category on the items that have a gold label: precision, recall and F1 at its
/// threshold, ROC and PR AUC, the best-F1 threshold, the threshold for a target precision, calibration, and
/// bootstrap confidence intervals. Pure: the caller supplies scores and truth (see ``ModelReport``).
public struct ModelEvaluation: Sendable, Equatable {
    /// How the figures are computed.
    public struct Options: Sendable, Equatable {
        /// Precision to reach for ``ModelEvaluation/targetThreshold`` (nil: not asked).
        public var targetPrecision: Double?
        /// Bootstrap resamples for the intervals (0: none).
        public var bootstrapReplicates: Int
        /// Seed of the bootstrap.
        public var seed: UInt64
        /// Bins of the reliability table.
        public var calibrationBins: Int

        public init(targetPrecision: Double? = nil, bootstrapReplicates: Int = 200, seed: UInt64 = 20_240_501, calibrationBins: Int = 10) {
            self.targetPrecision = targetPrecision
            self.bootstrapReplicates = bootstrapReplicates
            self.seed = seed
            self.calibrationBins = calibrationBins
        }
    }

    /// Items with a score and a gold label.
    public var items: Int
    /// Of those, items whose gold label is positive.
    public var positives: Int
    /// The model's threshold (nil when the scores came without one: no figures at a threshold then).
    public var threshold: Double?
    /// Counts of `score >= threshold` (nil without a threshold).
    public var counts: ThresholdCounts?
    /// Area under the ROC curve.
    public var rocAUC: Double?
    /// Average precision (area under the PR curve, step-wise).
    public var prAUC: Double?
    /// The threshold with the highest F1 and that F1.
    public var bestF1Threshold: Double?
    /// The F1 at ``bestF1Threshold``.
    public var bestF1: Double?
    /// The threshold reaching the target precision with the highest recall, and its precision and recall.
    public var targetThreshold: (threshold: Double, precision: Double, recall: Double)?
    /// The reliability table and expected calibration error.
    public var reliability: ReliabilityTable
    /// Precision and recall per threshold, highest threshold first (the PR chart).
    public var precisionRecall: [(threshold: Double, precision: Double, recall: Double)]
    /// 95% percentile bootstrap intervals by figure name (precision, recall, f1, roc_auc, pr_auc, ece).
    public var intervals: [String: BootstrapInterval]

    /// Precision at the threshold.
    public var precision: Double? { counts?.precision }
    /// Recall at the threshold.
    public var recall: Double? { counts?.recall }
    /// F1 at the threshold.
    public var f1: Double? { counts?.f1 }
    /// Expected calibration error.
    public var ece: Double? { reliability.expectedCalibrationError }

    /// The figures of `scores` against `truth` (same length and order).
    public init(scores: [Double], truth: [Bool], threshold: Double?, options: Options = .init()) {
        items = scores.count
        positives = truth.filter { $0 }.count
        self.threshold = threshold
        counts = threshold.map { ThresholdCounts(threshold: $0, scores: scores, truth: truth) }
        let curve = RankingCurve(scores: scores, truth: truth)
        rocAUC = curve.rocAUC
        prAUC = curve.averagePrecision
        if let best = curve.bestF1 { (bestF1Threshold, bestF1) = (best.threshold, best.f1) }
        targetThreshold = options.targetPrecision.flatMap { curve.threshold(forPrecision: $0) }
        reliability = ReliabilityTable(scores: scores, truth: truth, binCount: options.calibrationBins)
        precisionRecall = curve.precisionRecall
        intervals = ModelEvaluation.bootstrap(scores: scores, truth: truth, threshold: threshold, options: options)
    }

    public static func == (lhs: ModelEvaluation, rhs: ModelEvaluation) -> Bool {
        lhs.items == rhs.items && lhs.positives == rhs.positives && lhs.threshold == rhs.threshold && lhs.counts == rhs.counts
            && lhs.rocAUC == rhs.rocAUC && lhs.prAUC == rhs.prAUC && lhs.bestF1Threshold == rhs.bestF1Threshold
            && lhs.reliability == rhs.reliability && lhs.intervals == rhs.intervals
    }

    /// Percentile intervals over item resamples; one sort serves every resample (each passes draw counts as weights).
    static func bootstrap(scores: [Double], truth: [Bool], threshold: Double?, options: Options) -> [String: BootstrapInterval] {
        guard options.bootstrapReplicates > 0, !scores.isEmpty else { return [:] }
        let order = RankingCurve.descendingOrder(scores)
        var generator = SeededGenerator(seed: options.seed)
        var figures: [String: [Double]] = [:]
        var weights = [Int](repeating: 0, count: scores.count)
        for _ in 0 ..< options.bootstrapReplicates {
            for index in weights.indices { weights[index] = 0 }
            for _ in scores.indices { weights[generator.index(below: scores.count)] += 1 }
            let curve = RankingCurve(order: order, scores: scores, truth: truth, weights: weights)
            if let value = curve.rocAUC { figures["roc_auc", default: []].append(value) }
            if let value = curve.averagePrecision { figures["pr_auc", default: []].append(value) }
            if let threshold {
                var counts = ThresholdCounts()
                for index in scores.indices where weights[index] > 0 {
                    counts.add(flagged: scores[index] >= threshold, positive: truth[index], weight: weights[index])
                }
                if let value = counts.precision { figures["precision", default: []].append(value) }
                if let value = counts.recall { figures["recall", default: []].append(value) }
                if let value = counts.f1 { figures["f1", default: []].append(value) }
            }
        }
        var result: [String: BootstrapInterval] = [:]
        for (name, values) in figures {
            result[name] = BootstrapInterval.interval(values, replicates: options.bootstrapReplicates, confidence: 0.95, seed: options.seed)
        }
        return result
    }
}
