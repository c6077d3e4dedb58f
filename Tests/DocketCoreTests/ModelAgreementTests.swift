import DocketCore
import Testing

/// Human versus model, worked by hand: precision, recall and F1 at the threshold and the best threshold.
struct ModelAgreementTests {
    @Test func precisionRecallAndBestThresholdByHand() {
        let scores: [String: [ModelScore]] = [
            "a": [ModelScore(model: "m", category: "abuse", score: 0.9, threshold: 0.5)],
            "b": [ModelScore(model: "m", category: "abuse", score: 0.6, threshold: 0.5)],
            "c": [ModelScore(model: "m", category: "abuse", score: 0.4, threshold: 0.5)],
            "d": [ModelScore(model: "m", category: "abuse", score: 0.1, threshold: 0.5)],
            "e": [ModelScore(model: "m", category: "abuse", score: 0.7, threshold: 0.5)],  // no gold label: left out
        ]
        let gold = ["a": "abuse", "b": "ok", "c": "abuse", "d": "ok"]
        let result = ModelAgreement.compute(scores: scores, gold: gold, labels: ["abuse", "ok"])
        #expect(result.count == 1)
        let entry = result[0]
        #expect(entry.items == 4)
        #expect(entry.positiveLabels == ["abuse"])
        // At 0.5: a flagged and right, b flagged and wrong, c missed.
        #expect(entry.precision == 0.5 && entry.recall == 0.5 && entry.f1 == 0.5)
        // At 0.4 a, b, c are flagged: precision 2/3, recall 1, F1 0.8 (the best).
        #expect(entry.bestThreshold == 0.4)
        #expect(abs(entry.bestF1! - 0.8) < 1e-12)
        #expect(entry.byLabel.map(\.label) == ["abuse", "ok"])
        #expect(entry.byLabel[0].histogram[9] == 1 && entry.byLabel[0].histogram[4] == 1)
        #expect(abs(entry.byLabel[1].median! - 0.35) < 1e-12)
    }

    @Test func categoryWithoutAMatchingLabelHasNoPrecision() {
        let scores = ["a": [ModelScore(model: "m", category: "toxic", score: 0.9, threshold: 0.5)]]
        let plain = ModelAgreement.compute(scores: scores, gold: ["a": "hatespeech"], labels: ["hatespeech", "normal"])
        #expect(plain[0].precision == nil && plain[0].bestThreshold == nil)
        let mapped = ModelAgreement.compute(scores: scores, gold: ["a": "hatespeech"], labels: ["hatespeech", "normal"],
                                            positives: ["toxic": ["hatespeech", "offensive"]])
        #expect(mapped[0].precision == 1 && mapped[0].recall == 1)
    }
}
