/// How well scores read as probabilities: items binned by score into equal-width bins, the mean score and the
/// share of positives per bin (the reliability diagram), and the expected calibration error, the item-weighted
/// mean gap between the two. Bins follow scikit-learn's `calibration_curve(strategy="uniform")` exactly.
public struct ReliabilityTable: Sendable, Equatable {
    /// One non-empty bin.
    public struct Bin: Sendable, Equatable {
        /// Lower edge of the bin (exclusive, but the first bin includes 0).
        public var low: Double
        /// Upper edge of the bin (inclusive: a score on an edge counts in the lower bin, as in sklearn).
        public var high: Double
        /// Items whose score falls in the bin.
        public var items: Int
        /// Mean score of those items (what the model promised).
        public var meanScore: Double
        /// Share of those items whose gold label is positive (what happened).
        public var positiveShare: Double
    }

    /// The non-empty bins, lowest first.
    public var bins: [Bin]
    /// Expected calibration error: the sum over bins of (items / all items) x |positive share - mean score|;
    /// nil without items.
    public var expectedCalibrationError: Double?

    /// The table of `scores` (probabilities in [0, 1]) against `truth`, in `binCount` equal-width bins.
    public init(scores: [Double], truth: [Bool], binCount: Int = 10) {
        // numpy's linspace edges (i * 0.1, not 0.3 written out), so a score on an edge lands where sklearn puts it.
        let step = 1.0 / Double(binCount)
        let inner = (1 ..< binCount).map { Double($0) * step }
        var counts = [Int](repeating: 0, count: binCount)
        var scoreSums = [Double](repeating: 0, count: binCount)
        var positives = [Int](repeating: 0, count: binCount)
        for index in scores.indices {
            let bin = ReliabilityTable.bin(of: scores[index], inner: inner)
            counts[bin] += 1
            scoreSums[bin] += scores[index]
            if truth[index] { positives[bin] += 1 }
        }
        bins = counts.indices.filter { counts[$0] > 0 }.map { bin in
            Bin(low: bin == 0 ? 0 : inner[bin - 1], high: bin == binCount - 1 ? 1 : inner[bin], items: counts[bin],
                meanScore: scoreSums[bin] / Double(counts[bin]), positiveShare: Double(positives[bin]) / Double(counts[bin]))
        }
        guard !scores.isEmpty else { expectedCalibrationError = nil; return }
        expectedCalibrationError = bins.reduce(0) { $0 + Double($1.items) / Double(scores.count) * abs($1.positiveShare - $1.meanScore) }
    }

    /// The bin of `score`: how many inner edges are below it (numpy `searchsorted`, side "left").
    static func bin(of score: Double, inner: [Double]) -> Int {
        var low = 0, high = inner.count
        while low < high {
            let middle = (low + high) / 2
            if inner[middle] < score { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
