/// `docket report queue`: how a queue is running, for the lead who staffs it: the backlog over time,
/// decisions per hour per reviewer, time from import to the first and to the final decision (p50, p90,
/// p99), skip and escalation rates, and items past the queue's `target_hours`.
public struct QueueReport: Sendable {
    /// The backlog at one moment: items imported by then and not yet settled.
    public struct BacklogPoint: Sendable, Equatable {
        public var time: Double
        public var open: Int
    }

    /// One reviewer's pace.
    public struct ReviewerPace: Sendable, Equatable {
        public var reviewer: String
        /// Decisions of every kind (labels, skips, escalations, adjudications; undos not counted).
        public var decisions: Int
        /// Clock hours in which the reviewer made at least one decision.
        public var activeHours: Int
        /// Decisions per active hour.
        public var perHour: Double { activeHours == 0 ? 0 : Double(decisions) / Double(activeHours) }
        /// Shares of the reviewer's decisions that are skips and escalations.
        public var skipRate: Double
        public var escalationRate: Double
    }

    /// p50, p90 and p99 of a duration, in hours (nil without values).
    public struct Percentiles: Sendable, Equatable {
        public var count: Int
        public var p50: Double?
        public var p90: Double?
        public var p99: Double?

        /// The percentiles of `values` (hours), nearest-rank on the sorted values.
        public init(_ values: [Double]) {
            let sorted = values.sorted()
            count = sorted.count
            func rank(_ q: Double) -> Double? {
                guard !sorted.isEmpty else { return nil }
                return sorted[min(sorted.count - 1, max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1))]
            }
            (p50, p90, p99) = (rank(0.5), rank(0.9), rank(0.99))
        }
    }

    public var queue: String
    /// When the report was made (the end of the backlog series, the age of open items).
    public var now: Double
    public var items: Int
    /// Items settled (complete or adjudicated).
    public var settled: Int
    public var backlog: [BacklogPoint]
    public var reviewers: [ReviewerPace]
    public var timeToFirstDecision: Percentiles
    public var timeToFinalDecision: Percentiles
    /// Shares of all decisions that are skips and escalations (nil without decisions).
    public var skipRate: Double?
    public var escalationRate: Double?
    /// The queue's `target_hours`.
    public var targetHours: Double?
    /// Open items older than the target, and settled items that took longer.
    public var openPastTarget: Int
    public var settledPastTarget: Int

    /// Builds the report; the backlog is sampled at `points` evenly spaced moments from the first import to `now`.
    public static func build(queue: String, activity: QueueActivity, targetHours: Double?, now: Double, points: Int = 48) -> QueueReport {
        let items = activity.items
        let settledTimes = items.compactMap(\.finalDecisionAt).sorted()
        let ingested = items.map(\.ingestedAt).sorted()
        var backlog: [BacklogPoint] = []
        if let start = ingested.first, now > start, points > 1 {
            var (i, s) = (0, 0)
            for step in 0 ..< points {
                let t = start + (now - start) * Double(step) / Double(points - 1)
                while i < ingested.count, ingested[i] <= t { i += 1 }
                while s < settledTimes.count, settledTimes[s] <= t { s += 1 }
                backlog.append(BacklogPoint(time: t, open: i - s))
            }
        }
        var perReviewer: [String: (decisions: Int, hours: Set<Int>, skips: Int, escalations: Int)] = [:]
        var (all, skips, escalations) = (0, 0, 0)
        for decision in activity.decisions where decision.kind != .undo {
            all += 1
            var entry = perReviewer[decision.reviewer] ?? (0, [], 0, 0)
            entry.decisions += 1
            entry.hours.insert(Int((decision.decidedAt / 3600).rounded(.down)))
            if decision.kind == .skip { entry.skips += 1; skips += 1 }
            if decision.kind == .escalate { entry.escalations += 1; escalations += 1 }
            perReviewer[decision.reviewer] = entry
        }
        let paces = perReviewer.map { name, entry in
            ReviewerPace(reviewer: name, decisions: entry.decisions, activeHours: entry.hours.count,
                         skipRate: Double(entry.skips) / Double(entry.decisions), escalationRate: Double(entry.escalations) / Double(entry.decisions))
        }.sorted { $0.perHour != $1.perHour ? $0.perHour > $1.perHour : $0.reviewer < $1.reviewer }
        let target = targetHours.map { $0 * 3600 }
        return QueueReport(
            queue: queue, now: now, items: items.count, settled: settledTimes.count, backlog: backlog, reviewers: paces,
            timeToFirstDecision: Percentiles(items.compactMap { item in item.firstDecisionAt.map { max(0, $0 - item.ingestedAt) / 3600 } }),
            timeToFinalDecision: Percentiles(items.compactMap { item in item.finalDecisionAt.map { max(0, $0 - item.ingestedAt) / 3600 } }),
            skipRate: all == 0 ? nil : Double(skips) / Double(all), escalationRate: all == 0 ? nil : Double(escalations) / Double(all),
            targetHours: targetHours,
            openPastTarget: target.map { limit in items.filter { $0.finalDecisionAt == nil && now - $0.ingestedAt > limit }.count } ?? 0,
            settledPastTarget: target.map { limit in items.filter { item in item.finalDecisionAt.map { $0 - item.ingestedAt > limit } ?? false }.count } ?? 0)
    }
}
