import DocketCore
import Testing

/// The queue operations report on a small timeline worked by hand (times in hours from the first import).
struct QueueReportTests {
    static let h = 3600.0

    static let activity = QueueActivity(
        items: [
            .init(ingestedAt: 0, firstDecisionAt: 1 * h, finalDecisionAt: 2 * h),   // A
            .init(ingestedAt: 0, firstDecisionAt: 3 * h, finalDecisionAt: 5 * h),   // B: settled after the 4 h target
            .init(ingestedAt: 0, firstDecisionAt: 4 * h, finalDecisionAt: nil),     // C: open
            .init(ingestedAt: 2 * h, firstDecisionAt: nil, finalDecisionAt: nil),   // D: open, untouched
        ],
        decisions: [
            .init(reviewer: "ann", kind: .label, decidedAt: 1 * h), .init(reviewer: "ann", kind: .skip, decidedAt: 1.5 * h),
            .init(reviewer: "bob", kind: .label, decidedAt: 3 * h), .init(reviewer: "bob", kind: .escalate, decidedAt: 3.2 * h),
            .init(reviewer: "bob", kind: .undo, decidedAt: 3.3 * h), .init(reviewer: "ann", kind: .label, decidedAt: 4 * h),
        ])

    @Test func figuresByHand() {
        let report = QueueReport.build(queue: "q", activity: Self.activity, targetHours: 4, now: 10 * Self.h, points: 3)
        #expect(report.items == 4 && report.settled == 2)
        // Backlog at 0, 5 h and 10 h: 3 imported and none settled; D imported, A and B settled; the same.
        #expect(report.backlog.map(\.open) == [3, 2, 2])
        // Nearest rank: first decisions after 1, 3, 4 h; final decisions after 2, 5 h.
        #expect(report.timeToFirstDecision == .init([1, 3, 4]))
        #expect((report.timeToFirstDecision.p50, report.timeToFirstDecision.p90, report.timeToFirstDecision.p99) == (3, 4, 4))
        #expect((report.timeToFinalDecision.p50, report.timeToFinalDecision.p90) == (2, 5))
        #expect(report.openPastTarget == 2 && report.settledPastTarget == 1)
        // Undos are not decisions of pace. bob: 2 in one clock hour; ann: 3 in two.
        #expect(report.reviewers.map(\.reviewer) == ["bob", "ann"])
        #expect(report.reviewers.map(\.perHour) == [2, 1.5])
        #expect(report.reviewers[0].escalationRate == 0.5 && abs(report.reviewers[1].skipRate - 1.0 / 3) < 1e-12)
        #expect(report.skipRate == 0.2 && report.escalationRate == 0.2)
    }

    @Test func withoutATargetNothingIsLateAndAnEmptyQueueHasNothingToReport() {
        let report = QueueReport.build(queue: "q", activity: Self.activity, targetHours: nil, now: 10 * Self.h)
        #expect(report.openPastTarget == 0 && report.settledPastTarget == 0)
        #expect(report.table().contains("no target_hours"))
        let empty = QueueReport.build(queue: "q", activity: QueueActivity(items: [], decisions: []), targetHours: 4, now: 0)
        #expect(empty.table().contains("nothing to report") && empty.backlog.isEmpty && empty.timeToFinalDecision.p50 == nil)
    }
}
