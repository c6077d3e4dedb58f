import DocketCore
import Testing

/// The report built from a hand-made review log: per reviewer rates, gold accuracy, per-tag agreement,
/// adjudication overriding the vote, and JSON without NaN.
struct AgreementReportBuildTests {
    func decision(_ reviewer: String, _ kind: DecisionKind = .label, _ label: String? = nil, tags: [String] = [], seconds: Double? = nil) -> Decision {
        Decision(externalID: "i", queue: "q", reviewer: reviewer, kind: kind, label: label, tags: tags, seconds: seconds, decidedAt: 0)
    }

    @Test func perReviewerAndPerTagByHand() {
        var log = ReviewLog()
        log.add(item: "1", decision: decision("ann", .label, "abuse", tags: ["slur"], seconds: 10), gold: nil)
        log.add(item: "1", decision: decision("bob", .label, "abuse", tags: ["slur"], seconds: 30), gold: nil)
        log.add(item: "2", decision: decision("ann", .label, "ok", seconds: 20), gold: "ok")
        log.add(item: "2", decision: decision("bob", .label, "abuse", tags: ["slur"]), gold: "ok")
        log.add(item: "3", decision: decision("ann", .label, "ok"), gold: nil)
        log.add(item: "3", decision: decision("bob", .label, "ok"), gold: nil)
        log.add(item: "4", decision: decision("bob", .skip), gold: nil)
        log.add(item: "4", decision: decision("ann", .escalate), gold: nil)
        log.adjudicated["2"] = "ok"
        let report = AgreementReport.build(queue: "q", labels: ["abuse", "ok"], log: log,
                                           options: .init(bootstrapReplicates: 0), tags: ["slur"])
        let ann = report.reviewers.first { $0.reviewer == "ann" }!
        let bob = report.reviewers.first { $0.reviewer == "bob" }!
        #expect(ann.items == 3 && bob.items == 3)
        // Consensus: item 1 abuse (majority), 2 ok (adjudicated over the tie), 3 ok.
        #expect(ann.agreementWithConsensus == 1 && ann.consensusItems == 3)
        #expect(abs(bob.agreementWithConsensus! - 2.0 / 3.0) < 1e-12)
        #expect(ann.goldAccuracy == 1 && bob.goldAccuracy == 0 && bob.goldItems == 1)
        #expect(ann.medianSeconds == 15)
        #expect(ann.escalationRate == 0.25 && ann.skipRate == 0)
        #expect(bob.skipRate == 0.25)
        // The tie on item 2 was adjudicated: it counts under the lead's label, not as an open tie.
        #expect(report.summary.gold.majorityTies == 0)
        #expect(report.summary.gold.majority == ["abuse": 1, "ok": 2])
        #expect(report.adjudicatedItems == 1)
        #expect(report.mostDisagreed.map(\.item) == ["2"])
        // Tag "slur": ann marks item 1 only, bob items 1 and 2: one disagreement in three items.
        let slur = report.perTag.first!
        #expect(slur.ratings == 3)
        #expect(slur.krippendorffAlpha.value != nil)
        let text = JSONWriter.string(report.json)
        #expect(!text.contains("nan") && !text.contains("NaN"))
        for line in report.table(width: 70).split(separator: "\n") {
            #expect(DisplayWidth.of(String(line)) <= 70, "too wide: \(line)")
        }
        #expect(report.markdown().contains("| ann |"))
    }
}
