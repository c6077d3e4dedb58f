import DocketCore
import Testing

/// Small cases worked by hand, and the degenerate cases that must give a defined answer or a reason, never NaN.
struct AgreementHandComputedTests {
    func table(_ rows: [(String, String, String)], labels: [String]? = nil, values: [String: Double]? = nil) -> RatingsTable {
        RatingsTable(ratings: rows.map { Rating(item: $0.0, rater: $0.1, label: $0.2) }, labels: labels, values: values)
    }

    @Test func twoItemsByHand() {
        // Item x: a, a, b -> P = 2/6; item y: a, a -> P = 1. Mean = 2/3.
        let t = table([("x", "r1", "a"), ("x", "r2", "a"), ("x", "r3", "b"), ("y", "r1", "a"), ("y", "r2", "a")])
        #expect(abs(PercentAgreement.compute(t).value! - 2.0 / 3.0) < 1e-12)
        // Coincidences: x gives o_aa = 1, o_ab = o_ba = 1; y gives o_aa = 2. n = 5, n_a = 4, n_b = 1.
        // alpha = 1 - (n - 1) * o_ab*2 / (n_a * n_b * 2) = 1 - 4 * 2 / 8 = 0.
        #expect(abs(KrippendorffAlpha.compute(t, level: .nominal).value! - 0) < 1e-12)
    }

    @Test func repeatedRatingKeepsTheFirst() {
        let t = table([("x", "r1", "a"), ("x", "r1", "b"), ("x", "r2", "a")])
        #expect(t.ratingCount == 2)
        #expect(t.repeatsDropped == 1)
        #expect(PercentAgreement.compute(t).value == 1)
    }

    @Test func allAgreeGivesAReasonNotNaN() {
        let t = table([("x", "r1", "a"), ("x", "r2", "a"), ("y", "r1", "a"), ("y", "r2", "a")])
        let alpha = KrippendorffAlpha.compute(t, level: .nominal)
        #expect(alpha.value == nil)
        #expect(alpha.reason?.contains("same label") == true)
        #expect(FleissKappa.generalised(t).value == nil)
        #expect(FleissKappa.fixedRaters(t).figure.reason != nil)
        #expect(CohenKappa.pair(t, 0, 1).kappa == nil)
        #expect(CohenKappa.pair(t, 0, 1).reason != nil)
        #expect(PercentAgreement.compute(t).value == 1)
    }

    @Test func oneRaterHasNothingPairable() {
        let t = table([("x", "r1", "a"), ("y", "r1", "b")])
        let alpha = KrippendorffAlpha.compute(t, level: .nominal)
        #expect(alpha.value == nil)
        #expect(alpha.basis.dropped.first?.items == 2)
        #expect(PercentAgreement.compute(t).value == nil)
        #expect(FleissKappa.fixedRaters(t).figure.value == nil)
        #expect(CohenKappa.allPairs(t).isEmpty)
    }

    @Test func emptyTable() {
        let t = table([])
        #expect(KrippendorffAlpha.compute(t, level: .nominal).reason != nil)
        #expect(PercentAgreement.compute(t).reason != nil)
        #expect(FleissKappa.generalised(t).reason != nil)
        #expect(BootstrapInterval.compute(t, statistic: { PercentAgreement.compute($0).value }) == nil)
    }

    @Test func levelsTheScaleDoesNotAllow() {
        let nominal = table([("x", "r1", "spam"), ("x", "r2", "ham")])
        #expect(KrippendorffAlpha.compute(nominal, level: .ordinal).reason?.contains("nominal") == true)
        let signed = table([("x", "r1", "-1"), ("x", "r2", "1"), ("y", "r1", "1"), ("y", "r2", "1")],
                           values: ["-1": -1, "1": 1])
        #expect(KrippendorffAlpha.compute(signed, level: .ratio).value == nil)
        #expect(KrippendorffAlpha.compute(signed, level: .interval).value != nil)
    }

    @Test func bootstrapIsReproducibleAndBracketsTheFigure() {
        var rows: [(String, String, String)] = []
        for item in 0 ..< 60 {
            rows.append(("i\(item)", "r1", item % 3 == 0 ? "a" : "b"))
            rows.append(("i\(item)", "r2", item % 5 == 0 ? "a" : "b"))
        }
        let t = table(rows)
        let first = BootstrapInterval.compute(t, replicates: 200, seed: 7) { KrippendorffAlpha.compute($0, level: .nominal).value }!
        let second = BootstrapInterval.compute(t, replicates: 200, seed: 7) { KrippendorffAlpha.compute($0, level: .nominal).value }!
        let other = BootstrapInterval.compute(t, replicates: 200, seed: 8) { KrippendorffAlpha.compute($0, level: .nominal).value }!
        #expect(first == second)
        #expect(first != other)
        let alpha = KrippendorffAlpha.compute(t, level: .nominal).value!
        #expect(first.low <= alpha && alpha <= first.high)
    }

    @Test func confusionAgainstConsensus() {
        let t = table([("x", "r1", "a"), ("x", "r2", "a"), ("x", "r3", "b"), ("y", "r1", "b"), ("y", "r2", "b")], labels: ["a", "b"])
        let consensus: [Int?] = MajorityVote.outcomes(t).map { if case .label(let l) = $0 { return l } else { return nil } }
        let matrix = ConfusionMatrix.against(t, rater: 2, consensus: consensus)
        #expect(matrix[1, 0] == 1)
        #expect(matrix.items == 1)
    }
}
