/// Decides which items a lead should adjudicate from their reviewers' label votes, and ranks them so the
/// most disputed come first. Pure: the store counts the votes, this type judges them.
public struct DisputeRule: Equatable, Sendable {
    /// The share of votes the most chosen label needs for the item to count as settled (0...1).
    /// 1 means any disagreement is a dispute.
    public var threshold: Double

    /// A rule with `threshold` (default 1: any disagreement is a dispute).
    public init(threshold: Double = 1) {
        self.threshold = threshold
    }

    /// Label votes on one item: how many reviewers chose each label, most chosen first (ties by label).
    public struct Votes: Equatable, Sendable {
        /// Each chosen label with its number of votes.
        public private(set) var counts: [(label: String, count: Int)]
        /// All label votes.
        public private(set) var total: Int

        /// Votes from `counts` in any order; zero counts are dropped.
        public init(_ counts: [(label: String, count: Int)]) {
            self.counts = counts.filter { $0.count > 0 }.sorted { $0.count != $1.count ? $0.count > $1.count : $0.label < $1.label }
            total = self.counts.reduce(0) { $0 + $1.count }
        }

        /// Votes counted from a list of chosen labels.
        public init(labels: [String]) {
            var tally: [String: Int] = [:]
            for label in labels { tally[label, default: 0] += 1 }
            self.init(tally.map { (label: $0.key, count: $0.value) })
        }

        public static func == (lhs: Votes, rhs: Votes) -> Bool {
            lhs.counts.map(\.label) == rhs.counts.map(\.label) && lhs.counts.map(\.count) == rhs.counts.map(\.count)
        }

        /// The most chosen label's count (0 without votes).
        public var top: Int { counts.first?.count ?? 0 }

        /// The most chosen label's share of the votes (1 without votes: nothing to disagree about).
        public var topShare: Double { total == 0 ? 1 : Double(top) / Double(total) }

        /// Whether one label has more than half of the votes.
        public var hasStrictMajority: Bool { top * 2 > total }

        /// Whether two or more different labels were chosen.
        public var disagree: Bool { counts.count > 1 }

        /// How far the votes are from agreeing, in [0, 1): the share of votes not on the top label.
        public var disagreement: Double { 1 - topShare }
    }

    /// Whether items with these votes need a lead: two or more reviewers voted and either no label has a
    /// strict majority or the top label's share is below the threshold.
    public func isDisputed(_ votes: Votes) -> Bool {
        guard votes.total >= 2, votes.disagree else { return false }
        return !votes.hasStrictMajority || votes.topShare < threshold
    }

    /// Where an item goes in the lead's list; the smaller comes first: most disagreement first, then the item
    /// with more labels in play, then more votes; escalated items before others with the same figures.
    public struct Rank: Comparable, Sendable {
        /// ``Votes/disagreement``.
        public var disagreement: Double
        /// Different labels chosen.
        public var labels: Int
        /// Label votes.
        public var votes: Int
        /// Whether a reviewer escalated the item.
        public var escalated: Bool

        /// The rank of an item with `votes`, escalated or not (computed once, so sorting many items stays cheap).
        public init(_ votes: Votes, escalated: Bool) {
            disagreement = votes.disagreement
            labels = votes.counts.count
            self.votes = votes.total
            self.escalated = escalated
        }

        public static func < (a: Rank, b: Rank) -> Bool {
            if a.disagreement != b.disagreement { return a.disagreement > b.disagreement }
            if a.labels != b.labels { return a.labels > b.labels }
            if a.votes != b.votes { return a.votes > b.votes }
            return a.escalated && !b.escalated
        }
    }

    /// Whether an item with `a`'s votes comes before one with `b`'s in the lead's list (see ``Rank``).
    public static func comesBefore(_ a: (votes: Votes, escalated: Bool), _ b: (votes: Votes, escalated: Bool)) -> Bool {
        Rank(a.votes, escalated: a.escalated) < Rank(b.votes, escalated: b.escalated)
    }
}
