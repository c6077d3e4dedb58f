/// A percentile bootstrap confidence interval over items: items are resampled with replacement, the figure
/// is recomputed on each resample, and the interval is read off the sorted figures. Seeded, so reproducible.
public struct BootstrapInterval: Equatable, Sendable {
    /// Lower end of the interval.
    public var low: Double
    /// Upper end of the interval.
    public var high: Double
    /// Confidence level, e.g. 0.95.
    public var confidence: Double
    /// Resamples on which the figure was defined (undefined ones are left out).
    public var replicates: Int
    /// The seed of the resampling (the same seed gives the same interval).
    public var seed: UInt64

    /// The interval for `statistic` on `table`, or nil when the figure is undefined on too many resamples (fewer than half).
    public static func compute(_ table: RatingsTable, replicates: Int = 1000, confidence: Double = 0.95, seed: UInt64 = 20_240_501,
                               statistic: (RatingsTable) -> Double?) -> BootstrapInterval? {
        let count = table.items.count
        guard count > 0, replicates > 0 else { return nil }
        var generator = SeededGenerator(seed: seed)
        var figures: [Double] = []
        figures.reserveCapacity(replicates)
        var chosen = [Int](repeating: 0, count: count)
        for _ in 0 ..< replicates {
            for position in 0 ..< count { chosen[position] = generator.index(below: count) }
            if let value = statistic(table.resampled(items: chosen)), value.isFinite { figures.append(value) }
        }
        return interval(figures, replicates: replicates, confidence: confidence, seed: seed)
    }

    /// The interval read off the finite figures of `replicates` resamples, or nil when fewer than half were defined.
    static func interval(_ figures: [Double], replicates: Int, confidence: Double, seed: UInt64) -> BootstrapInterval? {
        var figures = figures
        guard figures.count * 2 >= replicates else { return nil }
        figures.sort()
        let tail = (1 - confidence) / 2
        return BootstrapInterval(low: quantile(figures, tail), high: quantile(figures, 1 - tail),
                                 confidence: confidence, replicates: figures.count, seed: seed)
    }

    /// The q-quantile of sorted values with linear interpolation (numpy's default).
    static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let position = q * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - Double(lower))
    }
}
