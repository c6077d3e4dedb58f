import Foundation

/// Dawid-Skene aggregation (Dawid & Skene 1979): EM over a confusion matrix per reviewer and label priors,
/// started from the soft majority vote, with the same E and M steps as crowd-kit's `DawidSkene`.
public struct DawidSkene: Sendable {
    /// Stop after this many EM steps at most.
    public var maxIterations: Int
    /// Stop early once no item's posterior probability moves by more than this in one step
    /// (0 runs every step unless an exact fixed point is reached).
    public var tolerance: Double

    /// The fitted model.
    public struct Result: Sendable {
        /// Posterior probability of each label for each item (row-major, items x labels).
        public var posteriors: [Double]
        public var labelCount: Int
        /// The most probable label per item (ties go to the first in label order); nil for an item without ratings.
        public var labels: [Int?]
        /// Label priors.
        public var priors: [Double]
        /// Per rater, P(rater says column | true label row), row-major labels x labels.
        public var confusions: [[Double]]
        public var iterations: Int
        public var converged: Bool

        /// The posterior distribution of item `item`.
        public func posterior(ofItem item: Int) -> ArraySlice<Double> {
            posteriors[(item * labelCount) ..< ((item + 1) * labelCount)]
        }
    }

    /// Floor for confusion entries of labels a reviewer did use, as crowd-kit clips them (1e-10).
    static let floor = 1e-10

    public init(maxIterations: Int = 100, tolerance: Double = 1e-7) {
        self.maxIterations = maxIterations
        self.tolerance = tolerance
    }

    /// Fits the model to a table's ratings.
    public func fit(_ table: RatingsTable) -> Result {
        let k = table.labels.count
        let itemCount = table.items.count
        let raterCount = table.raters.count
        var posteriors = [Double](repeating: 0, count: itemCount * k)
        // Start from the vote distribution (crowd-kit: MajorityVote.fit_predict_proba).
        for item in 0 ..< itemCount {
            let m = table.ratingCount(ofItem: item)
            if m == 0 { continue }
            for slot in table.itemStart[item] ..< table.itemStart[item + 1] {
                posteriors[item * k + Int(table.labelCodes[slot])] += 1 / Double(m)
            }
        }
        var priors = priorsFrom(posteriors, items: itemCount, k: k, table: table)
        var confusion = mStep(table, posteriors: posteriors, k: k, raters: raterCount)
        var iterations = 0
        var converged = false
        var logLikelihood = [Double](repeating: 0, count: k)
        while iterations < maxIterations {
            iterations += 1
            var change = 0.0
            // E-step: log posterior = log prior + sum of log confusion entries of the labels given.
            let logPriors = priors.map { log($0) }
            let logConfusion = confusion.map { $0.map { log($0) } }
            for item in 0 ..< itemCount {
                let lower = table.itemStart[item], upper = table.itemStart[item + 1]
                if lower == upper { continue }
                for t in 0 ..< k { logLikelihood[t] = logPriors[t] }
                for slot in lower ..< upper {
                    let rater = Int(table.raterCodes[slot]), given = Int(table.labelCodes[slot])
                    let row = logConfusion[rater]
                    for t in 0 ..< k { logLikelihood[t] += row[t * k + given] }
                }
                let top = logLikelihood.max()!
                if !top.isFinite { continue } // no label is possible under the model: keep the previous posterior
                var total = 0.0
                for t in 0 ..< k { logLikelihood[t] = exp(logLikelihood[t] - top); total += logLikelihood[t] }
                for t in 0 ..< k {
                    let updated = logLikelihood[t] / total
                    change = max(change, abs(updated - posteriors[item * k + t]))
                    posteriors[item * k + t] = updated
                }
            }
            priors = priorsFrom(posteriors, items: itemCount, k: k, table: table)
            confusion = mStep(table, posteriors: posteriors, k: k, raters: raterCount)
            if change <= tolerance, tolerance > 0 || change == 0 { converged = true; break }
        }
        var labels: [Int?] = []
        labels.reserveCapacity(itemCount)
        for item in 0 ..< itemCount {
            if table.ratingCount(ofItem: item) == 0 { labels.append(nil); continue }
            var best = 0
            for t in 1 ..< max(1, k) where posteriors[item * k + t] > posteriors[item * k + best] { best = t }
            labels.append(best)
        }
        return Result(posteriors: posteriors, labelCount: k, labels: labels, priors: priors, confusions: confusion,
                      iterations: iterations, converged: converged)
    }

    /// Mean posterior over rated items.
    private func priorsFrom(_ posteriors: [Double], items: Int, k: Int, table: RatingsTable) -> [Double] {
        var priors = [Double](repeating: 0, count: k)
        var rated = 0
        for item in 0 ..< items where table.ratingCount(ofItem: item) > 0 {
            rated += 1
            for t in 0 ..< k { priors[t] += posteriors[item * k + t] }
        }
        return priors.map { $0 / Double(max(rated, 1)) }
    }

    /// M-step: each rater's expected counts of (true label, given label), floored for labels the rater used,
    /// then normalised per true label. Labels a rater never used keep probability 0 (as in crowd-kit).
    private func mStep(_ table: RatingsTable, posteriors: [Double], k: Int, raters: Int) -> [[Double]] {
        var confusion = [[Double]](repeating: [Double](repeating: 0, count: k * k), count: raters)
        var used = [[Bool]](repeating: [Bool](repeating: false, count: k), count: raters)
        for item in 0 ..< table.items.count {
            for slot in table.itemStart[item] ..< table.itemStart[item + 1] {
                let rater = Int(table.raterCodes[slot]), given = Int(table.labelCodes[slot])
                used[rater][given] = true
                for t in 0 ..< k { confusion[rater][t * k + given] += posteriors[item * k + t] }
            }
        }
        for rater in 0 ..< raters {
            for t in 0 ..< k {
                var total = 0.0
                for given in 0 ..< k where used[rater][given] {
                    confusion[rater][t * k + given] = max(confusion[rater][t * k + given], Self.floor)
                    total += confusion[rater][t * k + given]
                }
                if total > 0 { for given in 0 ..< k { confusion[rater][t * k + given] /= total } }
            }
        }
        return confusion
    }
}
