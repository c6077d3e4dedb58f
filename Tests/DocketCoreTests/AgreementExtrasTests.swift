import DocketCore
import Testing

/// Randolph's kappa, the all-agree share, the labels between reviewers and the reviewer flags, worked by hand.
struct AgreementExtrasTests {
    /// Item 1: a, a, b; item 2: b, b; item 3: a (one rating: left out of every figure).
    static let table = RatingsTable(ratings: [
        Rating(item: "1", rater: "x", label: "a"), Rating(item: "1", rater: "y", label: "a"), Rating(item: "1", rater: "z", label: "b"),
        Rating(item: "2", rater: "x", label: "b"), Rating(item: "2", rater: "y", label: "b"),
        Rating(item: "3", rater: "z", label: "a"),
    ], labels: ["a", "b", "c"])

    @Test func figuresByHand() {
        // P: item 1 has 1 agreeing pair of 3, item 2 has 1 of 1 -> (1/3 + 1) / 2 = 2/3. k = 3 labels.
        let p = 2.0 / 3
        let extras = AgreementExtras(Self.table, percentAgreement: p)
        #expect(abs(extras.randolphKappa! - (p - 1.0 / 3) / (2.0 / 3)) < 1e-12)  // 0.5
        #expect(extras.unanimousShare == 0.5)
        // Pairs: item 1 (a,a), (a,b), (a,b); item 2 (b,b). Counted both ways.
        #expect(extras.confusion == [[2, 2, 0], [2, 2, 0], [0, 0, 0]])
        // x-y, x-z, y-z share item 1.
        #expect(extras.overlappingPairs == 3)
        #expect(AgreementExtras(Self.table, percentAgreement: nil).randolphKappa == nil)
    }

    @Test func reviewersAreFlaggedAndSortedForALead() {
        func row(_ name: String, consensus: Double, gold: Double? = nil, seconds: Double = 20) -> AgreementReport.ReviewerRow {
            AgreementReport.ReviewerRow(reviewer: name, items: 50, agreementWithConsensus: consensus, consensusItems: 50,
                                        goldAccuracy: gold, goldItems: gold == nil ? 0 : 10, medianSeconds: seconds,
                                        skipRate: 0, escalationRate: 0)
        }
        let rows = AgreementReport.flag([row("ann", consensus: 0.9), row("bob", consensus: 0.88), row("cat", consensus: 0.6, gold: 0.5),
                                         row("dan", consensus: 0.85, seconds: 4), row("eve", consensus: 0.65)])
        #expect(rows.map(\.reviewer) == ["cat", "eve", "dan", "bob", "ann"])
        #expect(rows[0].flags == ["low_gold_accuracy", "low_consensus"])
        #expect(rows[1].flags == ["low_consensus"] && rows[2].flags == ["fast"] && rows[3].flags.isEmpty)
    }
}

/// The most disagreed items: on equal agreement the more even split first, then the most recently decided.
struct MostDisagreedOrderTests {
    @Test func evenSplitsFirstThenTheNewest() {
        var log = ReviewLog()
        var id: Int64 = 0
        func add(_ item: String, _ labels: [String]) {
            for (offset, label) in labels.enumerated() {
                id += 1
                var decision = Decision(externalID: item, queue: "q", reviewer: "r\(offset)", kind: .label, label: label, decidedAt: Double(id))
                decision.id = id
                log.add(item: item, decision: decision, gold: nil)
            }
        }
        // All four have agreement 1/3 (one agreeing pair of three) except "even": three labels, agreement 0.
        add("old", ["a", "a", "b"])
        add("even", ["a", "b", "c"])
        add("new", ["b", "b", "a"])
        add("mid", ["a", "b", "b"])
        let report = AgreementReport.build(queue: "q", labels: ["a", "b", "c"], log: log, options: .init(bootstrapReplicates: 0))
        #expect(report.mostDisagreed.map(\.item) == ["even", "mid", "new", "old"])
    }
}
