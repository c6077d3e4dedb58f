/// Turns several reviewers' votes on each item into one gold label: a lead's adjudication first, else majority
/// vote (a tie gives no label and is flagged) or Dawid-Skene; always with the vote distribution as a soft label.
public struct GoldLabeler: Sendable {
    /// How gold labels are chosen when nobody adjudicated.
    public enum Method: Sendable, Equatable {
        /// Strict majority; ties stay unresolved.
        case majority
        /// Dawid-Skene EM over all items (a reviewer's reliability learnt from every item they labelled).
        case dawidSkene(DawidSkene)

        public static func == (lhs: Method, rhs: Method) -> Bool {
            switch (lhs, rhs) {
            case (.majority, .majority): return true
            case let (.dawidSkene(a), .dawidSkene(b)): return a.maxIterations == b.maxIterations && a.tolerance == b.tolerance
            default: return false
            }
        }
    }

    /// Why an item got the label it got.
    public enum Source: String, Sendable {
        /// A lead's adjudicated decision.
        case adjudicated
        /// The label with the most votes.
        case majority
        /// The most probable label under Dawid-Skene.
        case dawidSkene = "dawid_skene"
        /// Two or more labels share the top count: no gold label until a lead adjudicates.
        case tie
        /// No votes.
        case none
    }

    /// One item's votes.
    public struct ItemVotes: Sendable {
        /// The item (external id).
        public var item: String
        /// The reviewers' votes; a reviewer's later votes on the item are ignored.
        public var votes: [(reviewer: String, label: String)]
        /// A lead's final label, which overrides aggregation.
        public var adjudicated: String?

        public init(item: String, votes: [(reviewer: String, label: String)], adjudicated: String? = nil) {
            self.item = item
            self.votes = votes
            self.adjudicated = adjudicated
        }
    }

    /// One item's gold label and how it was reached.
    public struct GoldLabel: Sendable, Equatable {
        /// The item (external id).
        public var item: String
        /// The gold label, or nil for a tie or an item without votes.
        public var label: String?
        /// How the label was reached.
        public var source: Source
        /// Whether the reviewers' votes tie for the top count (true even when a lead has since adjudicated).
        public var tie: Bool
        /// Share of votes per label (the soft label), in label order; labels without votes are left out.
        public var distribution: [(label: String, share: Double)]
        /// Share of the votes that went to `label` (nil without a label or votes).
        public var agreement: Double?
        /// Distinct reviewers who voted.
        public var reviewers: Int
        /// Dawid-Skene's posterior probability of `label` (nil for other methods).
        public var confidence: Double?

        public static func == (lhs: GoldLabel, rhs: GoldLabel) -> Bool {
            lhs.item == rhs.item && lhs.label == rhs.label && lhs.source == rhs.source && lhs.tie == rhs.tie
                && lhs.reviewers == rhs.reviewers && lhs.agreement == rhs.agreement && lhs.confidence == rhs.confidence
                && lhs.distribution.map(\.label) == rhs.distribution.map(\.label)
                && lhs.distribution.map(\.share) == rhs.distribution.map(\.share)
        }
    }

    /// How gold labels are chosen without an adjudication.
    public var method: Method
    /// The label order (ties in Dawid-Skene's posterior go to the first); nil = natural order of the labels seen.
    public var labels: [String]?

    public init(method: Method = .majority, labels: [String]? = nil) {
        self.method = method
        self.labels = labels
    }

    /// The gold label of every item, in the order given. A reviewer's later votes on the same item are ignored.
    public func label(_ items: [ItemVotes]) -> [GoldLabel] {
        let ratings = items.flatMap { entry in entry.votes.map { Rating(item: entry.item, rater: $0.reviewer, label: $0.label) } }
        var table = RatingsTable(ratings: ratings, labels: labels)
        if table.items.count < items.count {
            // Keep items without votes in the table so positions line up with the input.
            let known = Set(table.items)
            var missing: [String] = []
            for entry in items where !known.contains(entry.item) && !missing.contains(entry.item) { missing.append(entry.item) }
            table = RatingsTable(items: table.items + missing, raters: table.raters, labels: table.labels,
                                 codedRatings: codedRatings(of: table))
        }
        return label(table, adjudicated: Dictionary(items.compactMap { e in e.adjudicated.map { (e.item, $0) } },
                                                    uniquingKeysWith: { first, _ in first }))
            .sortedLike(items.map(\.item))
    }

    /// The gold label of every item of a ratings table (in table order), with adjudications by item name.
    public func label(_ table: RatingsTable, adjudicated: [String: String] = [:]) -> [GoldLabel] {
        var fitted: DawidSkene.Result?
        if case .dawidSkene(let model) = method { fitted = model.fit(table) }
        return label(table, adjudicated: adjudicated, fitted: fitted)
    }

    /// The gold labels given an already fitted Dawid-Skene model (nil = majority vote).
    ///
    /// Run twice per agreement report on every item of the queue. Items with the same votes per label share one
    /// distribution array (arrays are copied on write), so 200,000 items make a few dozen of them rather than
    /// 200,000: the allocations and the fresh memory they took were most of this loop's time. An item's agreement is
    /// read from its vote counts by label code rather than found by name.
    public func label(_ table: RatingsTable, adjudicated: [String: String], fitted: DawidSkene.Result?) -> [GoldLabel] {
        let votes = MajorityVote.outcomes(table)
        var counts = [Int](repeating: 0, count: table.labels.count)
        // Distributions by the votes per label packed in one word (one byte per label, when they fit).
        var shared: [UInt64: [(label: String, share: Double)]] = [:]
        var result: [GoldLabel] = []
        result.reserveCapacity(table.items.count)
        for item in 0 ..< table.items.count {
            for index in counts.indices { counts[index] = 0 }
            for slot in table.itemStart[item] ..< table.itemStart[item + 1] { counts[Int(table.labelCodes[slot])] += 1 }
            let total = table.ratingCount(ofItem: item)
            let packable = counts.count <= 8 && total < 256
            var key: UInt64 = 0
            if packable { for code in counts.indices { key |= UInt64(counts[code]) << (8 * UInt64(code)) } }
            var distribution: [(label: String, share: Double)] = []
            if packable, let known = shared[key] {
                distribution = known
            } else {
                for code in counts.indices where counts[code] > 0 {
                    distribution.append((label: table.labels[code], share: Double(counts[code]) / Double(total)))
                }
                if packable { shared[key] = distribution }
            }
            var gold = GoldLabel(item: table.items[item], label: nil, source: .none, tie: false,
                                 distribution: distribution, agreement: nil, reviewers: total, confidence: nil)
            if case .tie = votes[item] { gold.tie = true }
            // The label's code in the table when it is one of the labels voted for (an adjudication may not be).
            var code: Int?
            if !adjudicated.isEmpty, let lead = adjudicated[table.items[item]] {
                gold.label = lead
                gold.source = .adjudicated
            } else if let fitted, let best = fitted.labels[item] {
                gold.label = table.labels[best]
                gold.source = .dawidSkene
                gold.confidence = fitted.posteriors[item * fitted.labelCount + best]
                code = best
            } else {
                switch votes[item] {
                case .label(let winner): gold.label = table.labels[winner]; gold.source = .majority; code = winner
                case .tie: gold.source = .tie
                case .none: gold.source = .none
                }
            }
            if let label = gold.label, total > 0 {
                if let code {
                    // The same share as its distribution entry (0 when nobody voted for it), without a search by name.
                    gold.agreement = Double(counts[code]) / Double(total)
                } else {
                    gold.agreement = distribution.first { $0.label == label }?.share ?? 0
                }
            }
            result.append(gold)
        }
        return result
    }

    private func codedRatings(of table: RatingsTable) -> [(item: Int32, rater: Int32, label: Int32)] {
        var coded: [(item: Int32, rater: Int32, label: Int32)] = []
        for item in 0 ..< table.items.count {
            for slot in table.itemStart[item] ..< table.itemStart[item + 1] {
                coded.append((Int32(item), table.raterCodes[slot], table.labelCodes[slot]))
            }
        }
        return coded
    }
}

extension Array where Element == GoldLabeler.GoldLabel {
    /// The labels reordered to follow `order` (item names); duplicates in `order` repeat the same entry.
    func sortedLike(_ order: [String]) -> [GoldLabeler.GoldLabel] {
        let byItem = Dictionary(map { ($0.item, $0) }, uniquingKeysWith: { first, _ in first })
        return order.compactMap { byItem[$0] }
    }
}
