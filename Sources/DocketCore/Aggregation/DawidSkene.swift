import Foundation

/// Dawid-Skene aggregation (Dawid & Skene 1979): EM over a confusion matrix per reviewer and label priors,
/// started from the soft majority vote, with the same E and M steps as crowd-kit's `DawidSkene`.
public struct DawidSkene: Sendable {
    /// Stop after this many EM steps at most.
    public var maxIterations: Int
    /// Stop early once one EM step raises the log-likelihood of the ratings by less than this per rating
    /// (EM never lowers it); 0 runs every step unless the likelihood stops rising exactly.
    public var tolerance: Double

    /// The fitted model.
    public struct Result: Sendable {
        /// Posterior probability of each label for each item (row-major, items x labels).
        public var posteriors: [Double]
        /// Number of labels (columns of `posteriors`).
        public var labelCount: Int
        /// The most probable label per item (ties go to the first in label order); nil for an item without ratings.
        public var labels: [Int?]
        /// Label priors.
        public var priors: [Double]
        /// Per rater, P(rater says column | true label row), row-major labels x labels.
        public var confusions: [[Double]]
        /// EM steps run.
        public var iterations: Int
        /// Whether it stopped on the tolerance rather than the iteration limit.
        public var converged: Bool
        /// Log-likelihood of the ratings per rating, at the last E-step.
        public var logLikelihoodPerRating: Double

        /// The posterior distribution of item `item`.
        public func posterior(ofItem item: Int) -> ArraySlice<Double> {
            posteriors[(item * labelCount) ..< ((item + 1) * labelCount)]
        }
    }

    /// Floor for confusion entries of labels a reviewer did use, as crowd-kit clips them (1e-10).
    static let floor = 1e-10

    public init(maxIterations: Int = 1000, tolerance: Double = 1e-9) {
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
        var likelihood = [Double](repeating: 0, count: k)
        var logConfusion = [Double](repeating: 0, count: confusion.count)
        var previousLikelihood = -Double.infinity
        var logLikelihoodSum = 0.0
        let (patternOfItem, patterns) = Self.ratingPatterns(table)
        var patternPossible = [Bool](repeating: false, count: patterns.count)
        var patternLogLikelihood = [Double](repeating: 0, count: patterns.count)
        var patternPosterior = [Double](repeating: 0, count: patterns.count * k)
        while iterations < maxIterations {
            iterations += 1
            logLikelihoodSum = 0
            // E-step: log posterior = log prior + sum of log confusion entries of the labels given.
            let logPriors = priors.map { log($0) }
            for index in confusion.indices { logConfusion[index] = log(confusion[index]) }
            // One E-step per distinct sequence of (reviewer, label) ratings: items that share one get the same
            // posterior, computed by the same operations; the log-likelihood is still added item by item, in order.
            for pattern in 0 ..< patterns.count {
                for t in 0 ..< k { likelihood[t] = logPriors[t] }
                for (rater, label) in patterns[pattern] {
                    let base = Int(rater) * k * k + Int(label)
                    for t in 0 ..< k { likelihood[t] += logConfusion[base + t * k] }
                }
                var top = -Double.infinity
                for t in 0 ..< k where likelihood[t] > top { top = likelihood[t] }
                // No label is possible under the model: the items keep their previous posterior.
                patternPossible[pattern] = top.isFinite
                if !top.isFinite { continue }
                var total = 0.0
                for t in 0 ..< k { likelihood[t] = exp(likelihood[t] - top); total += likelihood[t] }
                patternLogLikelihood[pattern] = top + log(total)
                for t in 0 ..< k { patternPosterior[pattern * k + t] = likelihood[t] / total }
            }
            for item in 0 ..< itemCount {
                let pattern = Int(patternOfItem[item])
                if pattern < 0 || !patternPossible[pattern] { continue }
                logLikelihoodSum += patternLogLikelihood[pattern]
                for t in 0 ..< k { posteriors[item * k + t] = patternPosterior[pattern * k + t] }
            }
            priors = priorsFrom(posteriors, items: itemCount, k: k, table: table)
            confusion = mStep(table, posteriors: posteriors, k: k, raters: raterCount)
            let perRating = logLikelihoodSum / Double(max(table.ratingCount, 1))
            let gain = perRating - previousLikelihood
            previousLikelihood = perRating
            if gain < tolerance || (tolerance <= 0 && gain <= 0) { converged = true; break }
        }
        var labels: [Int?] = []
        labels.reserveCapacity(itemCount)
        for item in 0 ..< itemCount {
            if table.ratingCount(ofItem: item) == 0 { labels.append(nil); continue }
            var best = 0
            for t in 1 ..< max(1, k) where posteriors[item * k + t] > posteriors[item * k + best] { best = t }
            labels.append(best)
        }
        let perRater = (0 ..< raterCount).map { Array(confusion[($0 * k * k) ..< (($0 + 1) * k * k)]) }
        return Result(posteriors: posteriors, labelCount: k, labels: labels, priors: priors, confusions: perRater,
                      iterations: iterations, converged: converged,
                      logLikelihoodPerRating: previousLikelihood.isFinite ? previousLikelihood : 0)
    }

    /// Each item's sequence of (rater, label) ratings as a pattern number (-1 for an item without ratings), and
    /// the patterns: a queue of many items and few reviewers has few distinct ones.
    static func ratingPatterns(_ table: RatingsTable) -> (ofItem: [Int32], patterns: [[(Int32, Int32)]]) {
        var index: [[Int32]: Int32] = [:]
        var patterns: [[(Int32, Int32)]] = []
        var ofItem = [Int32](repeating: -1, count: table.items.count)
        var key: [Int32] = []
        for item in 0 ..< table.items.count {
            let lower = table.itemStart[item], upper = table.itemStart[item + 1]
            if lower == upper { continue }
            key.removeAll(keepingCapacity: true)
            for slot in lower ..< upper { key.append(table.raterCodes[slot]); key.append(table.labelCodes[slot]) }
            if let known = index[key] { ofItem[item] = known; continue }
            let pattern = Int32(patterns.count)
            index[key] = pattern
            patterns.append((lower ..< upper).map { (table.raterCodes[$0], table.labelCodes[$0]) })
            ofItem[item] = pattern
        }
        return (ofItem, patterns)
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
    /// Flat layout: rater * k * k + true * k + given.
    private func mStep(_ table: RatingsTable, posteriors: [Double], k: Int, raters: Int) -> [Double] {
        var confusion = [Double](repeating: 0, count: raters * k * k)
        var used = [Bool](repeating: false, count: raters * k)
        table.raterCodes.withUnsafeBufferPointer { raterCodes in
            table.labelCodes.withUnsafeBufferPointer { labelCodes in
                posteriors.withUnsafeBufferPointer { post in
                    confusion.withUnsafeMutableBufferPointer { conf in
                        for item in 0 ..< table.items.count {
                            for slot in table.itemStart[item] ..< table.itemStart[item + 1] {
                                let rater = Int(raterCodes[slot]), given = Int(labelCodes[slot])
                                used[rater * k + given] = true
                                let base = rater * k * k + given
                                for t in 0 ..< k { conf[base + t * k] += post[item * k + t] }
                            }
                        }
                    }
                }
            }
        }
        for rater in 0 ..< raters {
            for t in 0 ..< k {
                let row = rater * k * k + t * k
                var total = 0.0
                for given in 0 ..< k where used[rater * k + given] {
                    confusion[row + given] = max(confusion[row + given], Self.floor)
                    total += confusion[row + given]
                }
                if total > 0 { for given in 0 ..< k { confusion[row + given] /= total } }
            }
        }
        return confusion
    }
}
