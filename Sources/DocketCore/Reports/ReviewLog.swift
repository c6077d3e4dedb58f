/// What a queue's decisions in force say, gathered for the agreement report: the label votes per item, each
/// reviewer's activity (skips, escalations, seconds, answers on gold items), adjudications and model scores.
public struct ReviewLog: Sendable {
    /// One reviewer's activity in the queue.
    public struct ReviewerActivity: Sendable, Equatable {
        /// The reviewer.
        public var reviewer: String
        /// Items the reviewer labelled.
        public var labelled = 0
        /// Items the reviewer skipped.
        public var skipped = 0
        /// Items the reviewer escalated.
        public var escalated = 0
        /// Seconds spent per decision, where recorded.
        public var seconds: [Double] = []
        /// Gold (known-answer) items the reviewer labelled, and how many of those matched the answer.
        public var goldAnswered = 0
        /// Gold items where the label matched the known answer.
        public var goldCorrect = 0

        public init(reviewer: String) { self.reviewer = reviewer }

        /// All decisions in force (labels, skips, escalations).
        public var decisions: Int { labelled + skipped + escalated }
    }

    /// Label decisions in force, in the order read (each item's together when read in item order).
    public private(set) var ratings: [Rating] = []
    /// Each reviewer's activity, by name.
    public private(set) var activity: [String: ReviewerActivity] = [:]
    /// Known answers of gold items, by item.
    public private(set) var goldAnswers: [String: String] = [:]
    /// A lead's adjudicated label, by item.
    public var adjudicated: [String: String] = [:]
    /// Model scores by item.
    public private(set) var scores: [String: [ModelScore]] = [:]
    /// Tags chosen with a label decision, by position in `ratings` (only decisions with tags).
    public private(set) var tagsByRating: [Int: [String]] = [:]

    public init() {}

    /// Adds one decision in force on `item` (an external id); `gold` is the item's known answer if any.
    public mutating func add(item: String, decision: Decision, gold: String?) {
        // Updated in place (not copied out and back) so appending to `seconds` stays O(1).
        if activity[decision.reviewer] == nil { activity[decision.reviewer] = ReviewerActivity(reviewer: decision.reviewer) }
        if let seconds = decision.seconds, seconds.isFinite, seconds >= 0 { activity[decision.reviewer]!.seconds.append(seconds) }
        switch decision.kind {
        case .label:
            guard let label = decision.label else { break }
            activity[decision.reviewer]!.labelled += 1
            if !decision.tags.isEmpty { tagsByRating[ratings.count] = decision.tags }
            ratings.append(Rating(item: item, rater: decision.reviewer, label: label))
            if let gold {
                goldAnswers[item] = gold
                activity[decision.reviewer]!.goldAnswered += 1
                if gold == label { activity[decision.reviewer]!.goldCorrect += 1 }
            }
        case .skip: activity[decision.reviewer]!.skipped += 1
        case .escalate: activity[decision.reviewer]!.escalated += 1
        case .adjudication: adjudicated[item] = decision.label
        case .undo: break
        }
    }

    /// Adds a model score of `item`.
    public mutating func add(item: String, score: ModelScore) {
        scores[item, default: []].append(score)
    }

    /// The label votes as a ratings table, with the queue's label order and, for an ordered scale, label values.
    /// Labels not in `labels` (a taxonomy that changed since) are appended in natural order rather than dropped.
    public func table(labels: [String], values: [String: Double]? = nil) -> RatingsTable {
        var order = labels
        let known = Set(labels)
        let extra = Set(ratings.map(\.label)).subtracting(known)
        if !extra.isEmpty {
            let names = Array(extra)
            order += RatingsTable.naturalOrder(of: names, values: nil).map { names[$0] }
        }
        return RatingsTable(ratings: ratings, labels: order, values: values)
    }

    /// Whether each label decision carries `tag`, as a 0/1 ratings table (for per-tag agreement on multi-select tags).
    public func tagTable(_ tag: String) -> RatingsTable {
        let marked = ratings.indices.map { index in
            Rating(item: ratings[index].item, rater: ratings[index].rater,
                   label: tagsByRating[index]?.contains(tag) == true ? "1" : "0")
        }
        return RatingsTable(ratings: marked, labels: ["0", "1"])
    }
}
