import DocketCore
import Testing

/// Majority vote with explicit ties, adjudication overriding, soft labels, and Dawid-Skene on a small case.
struct GoldLabelerTests {
    @Test func tieIsNeverResolvedSilently() {
        let labeler = GoldLabeler(method: .majority, labels: ["ok", "abuse"])
        let gold = labeler.label([
            .init(item: "1", votes: [("ann", "ok"), ("bob", "abuse")]),
            .init(item: "2", votes: [("ann", "abuse"), ("bob", "abuse"), ("cy", "ok")]),
            .init(item: "3", votes: [("ann", "ok"), ("bob", "abuse")], adjudicated: "abuse"),
            .init(item: "4", votes: []),
        ])
        #expect(gold.map(\.item) == ["1", "2", "3", "4"])
        #expect(gold[0].label == nil && gold[0].tie && gold[0].source == .tie)
        #expect(gold[1].label == "abuse" && gold[1].source == .majority && !gold[1].tie)
        #expect(abs(gold[1].agreement! - 2.0 / 3.0) < 1e-12)
        #expect(gold[1].distribution.map(\.label) == ["ok", "abuse"])
        #expect(gold[2].label == "abuse" && gold[2].source == .adjudicated && gold[2].tie)
        #expect(gold[3].label == nil && gold[3].source == GoldLabeler.Source.none && gold[3].reviewers == 0)
    }

    @Test func dawidSkeneDiscountsAReviewerWhoAlwaysSaysTheSame() {
        // "spammer" says abuse on everything; two careful reviewers agree with each other.
        var items: [GoldLabeler.ItemVotes] = []
        for index in 0 ..< 40 {
            let truth = index % 4 == 0 ? "abuse" : "ok"
            items.append(.init(item: "\(index)", votes: [("a", truth), ("b", truth), ("spammer", "abuse"), ("spammer2", "abuse")]))
        }
        let majority = GoldLabeler(method: .majority).label(items)
        let ds = GoldLabeler(method: .dawidSkene(DawidSkene(maxIterations: 100, tolerance: 1e-9))).label(items)
        #expect(majority.filter { $0.tie }.count == 30)
        #expect(ds.filter { $0.label == "ok" }.count == 30)
        #expect(ds.allSatisfy { $0.source == .dawidSkene && $0.confidence! > 0.5 })
    }
}
