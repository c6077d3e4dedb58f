import DocketCore
import Testing

/// The model-report metrics on small hand-worked cases: ties, undefined figures, bin edges, the bootstrap.
struct ModelEvaluationTests {
    @Test func tiedScoresCountHalfInTheAUCAndEnterTheCurveTogether() {
        // Positives 0.8, 0.5; negatives 0.5, 0.2: of 4 pairs, 3 ranked right and 1 tied -> 3.5 / 4.
        let curve = RankingCurve(scores: [0.8, 0.5, 0.5, 0.2], truth: [true, true, false, false])
        #expect(curve.rocAUC == 0.875)
        #expect(curve.points.map(\.threshold) == [0.8, 0.5, 0.2])
        // AP: recall 0.5 at precision 1, then recall 1 at precision 2/3.
        #expect(abs(curve.averagePrecision! - (0.5 * 1 + 0.5 * 2.0 / 3)) < 1e-12)
        #expect(curve.bestF1?.threshold == 0.5)
    }

    @Test func figuresWithoutPositivesOrFlagsAreUndefinedNotZero() {
        let e = ModelEvaluation(scores: [0.1, 0.2], truth: [false, false], threshold: 0.5, options: .init(bootstrapReplicates: 0))
        #expect(e.precision == nil && e.recall == nil && e.rocAUC == nil && e.prAUC == nil && e.bestF1Threshold == nil)
        #expect(e.f1 == nil)
        #expect(e.counts?.trueNegatives == 2)
    }

    @Test func aScoreOnABinEdgeFallsInTheLowerBinAsInScikitLearn() {
        let table = ReliabilityTable(scores: [0.1, 0.3, 0.30000000000000004, 1.0, 0.0], truth: [true, false, true, true, false])
        #expect(table.bins.map(\.items) == [2, 2, 1])
        #expect(table.bins.map(\.low) == [0, 0.2, 0.9])
        // |0.5 - 0.05| * 2/5 + |0.5 - 0.3| * 2/5 + |1 - 1| * 1/5
        #expect(abs(table.expectedCalibrationError! - (0.45 * 0.4 + 0.2 * 0.4)) < 1e-12)
    }

    @Test func targetPrecisionTakesTheMostRecallThenTheHighestThreshold() {
        let curve = RankingCurve(scores: [0.9, 0.8, 0.7, 0.6, 0.5], truth: [true, true, false, true, false])
        // Precision by threshold: 1, 1, 2/3, 3/4, 3/5. Target 0.75 -> 0.6 (recall 1); target 0.9 -> 0.8 (recall 2/3).
        #expect(curve.threshold(forPrecision: 0.75)?.threshold == 0.6)
        #expect(curve.threshold(forPrecision: 0.9)?.threshold == 0.8)
        #expect(curve.threshold(forPrecision: 1.01) == nil)
    }

    @Test func mcNemarExactPValueOnSmallCounts() {
        // b = 1, c = 5: 2 * P(X <= 1), X ~ Bin(6, 1/2) = 2 * 7/64.
        let test = McNemarTest(firstRight: [true, false, false, false, false, false, true], secondRight: [false, true, true, true, true, true, true])
        #expect(test.onlyFirstRight == 1 && test.onlySecondRight == 5)
        #expect(abs(test.pValue - 14.0 / 64) < 1e-12)
        #expect(McNemarTest(firstRight: [true], secondRight: [true]).pValue == 1)
    }

    @Test func bootstrapIntervalsHoldTheFigureAndRepeatWithTheSeed() {
        let scores = (0 ..< 200).map { Double(($0 * 37) % 100) / 100 }
        let truth = scores.indices.map { scores[$0] + Double($0 % 7) / 10 > 0.6 }
        let options = ModelEvaluation.Options(bootstrapReplicates: 100, seed: 3)
        let a = ModelEvaluation(scores: scores, truth: truth, threshold: 0.5, options: options)
        let b = ModelEvaluation(scores: scores, truth: truth, threshold: 0.5, options: options)
        #expect(a.intervals == b.intervals)
        // Average precision is left out: its bootstrap is biased upwards (drawn twice, an item ties with itself).
        #expect(a.intervals["pr_auc"] != nil)
        for (name, value) in [("precision", a.precision), ("recall", a.recall), ("f1", a.f1), ("roc_auc", a.rocAUC)] {
            let interval = try! #require(a.intervals[name], "\(name)")
            #expect(interval.low <= value! && value! <= interval.high, "\(name) \(value!) outside \(interval)")
            #expect(interval.low < interval.high)
        }
    }

    @Test func aWeightedCurveEqualsTheCurveOfTheItemsRepeated() {
        let scores = [0.9, 0.7, 0.7, 0.4, 0.2, 0.1], truth = [true, false, true, true, false, false]
        let weights = [2, 0, 1, 3, 1, 2]
        let weighted = RankingCurve(order: RankingCurve.descendingOrder(scores), scores: scores, truth: truth, weights: weights)
        let expanded = scores.indices.flatMap { [Int](repeating: $0, count: weights[$0]) }
        let repeated = RankingCurve(scores: expanded.map { scores[$0] }, truth: expanded.map { truth[$0] })
        #expect(weighted == repeated)
        #expect(weighted.rocAUC == repeated.rocAUC && weighted.averagePrecision == repeated.averagePrecision)
    }
}
