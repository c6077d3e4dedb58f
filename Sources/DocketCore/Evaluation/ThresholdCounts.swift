/// The four counts of a binary decision `score >= threshold` against the gold truth, and the figures read off
/// them, so that every precision, recall and F1 in the model report is worked out in one place.
public struct ThresholdCounts: Sendable, Equatable {
    /// Flagged items whose gold label is positive.
    public var truePositives = 0
    /// Flagged items whose gold label is negative.
    public var falsePositives = 0
    /// Items not flagged whose gold label is positive.
    public var falseNegatives = 0
    /// Items not flagged whose gold label is negative.
    public var trueNegatives = 0

    public init(truePositives: Int = 0, falsePositives: Int = 0, falseNegatives: Int = 0, trueNegatives: Int = 0) {
        self.truePositives = truePositives
        self.falsePositives = falsePositives
        self.falseNegatives = falseNegatives
        self.trueNegatives = trueNegatives
    }

    /// The counts of `score >= threshold` over `scores` with gold `truth` (same length).
    public init(threshold: Double, scores: [Double], truth: [Bool]) {
        for index in scores.indices { add(flagged: scores[index] >= threshold, positive: truth[index]) }
    }

    /// Counts one item `weight` times (a bootstrap resample draws an item several times).
    public mutating func add(flagged: Bool, positive: Bool, weight: Int = 1) {
        switch (flagged, positive) {
        case (true, true): truePositives += weight
        case (true, false): falsePositives += weight
        case (false, true): falseNegatives += weight
        case (false, false): trueNegatives += weight
        }
    }

    /// Share of flagged items that are positive; nil when nothing is flagged (undefined, not 0).
    public var precision: Double? {
        truePositives + falsePositives == 0 ? nil : Double(truePositives) / Double(truePositives + falsePositives)
    }

    /// Share of positive items that are flagged; nil when there are no positives.
    public var recall: Double? {
        truePositives + falseNegatives == 0 ? nil : Double(truePositives) / Double(truePositives + falseNegatives)
    }

    /// The harmonic mean of precision and recall, as 2TP / (2TP + FP + FN) (0 when nothing is right, nil when
    /// there are neither positives nor flags).
    public var f1: Double? {
        let denominator = 2 * truePositives + falsePositives + falseNegatives
        return denominator == 0 ? nil : Double(2 * truePositives) / Double(denominator)
    }
}
