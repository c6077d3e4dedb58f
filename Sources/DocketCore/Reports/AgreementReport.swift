import Foundation

/// The agreement report of one queue (`docket report agreement`): overall figures with confidence intervals,
/// per label, reviewer pairs, per reviewer, human versus model, and the most disagreed items.
public struct AgreementReport: Sendable {
    /// One reviewer's row.
    public struct ReviewerRow: Sendable, Equatable {
        /// The reviewer.
        public var reviewer: String
        /// Items the reviewer labelled.
        public var items: Int
        /// Share of the reviewer's labels that equal the majority label, on items with a majority (ties left out).
        public var agreementWithConsensus: Double?
        /// Items the reviewer labelled that have a consensus label.
        public var consensusItems: Int
        /// Share of the reviewer's labels on gold (known-answer) items that equal the answer.
        public var goldAccuracy: Double?
        /// Gold items the reviewer labelled.
        public var goldItems: Int
        /// Median seconds per decision, where recorded.
        public var medianSeconds: Double?
        /// Shares of the reviewer's decisions in force that are skips and escalations.
        public var skipRate: Double?
        /// Share of the reviewer's decisions in force that are escalations.
        public var escalationRate: Double?
        /// What a lead should look at (``AgreementReport/flag(_:)``): `low_gold_accuracy`, `low_consensus`, `fast`.
        public var flags: [String] = []

        public init(reviewer: String, items: Int, agreementWithConsensus: Double?, consensusItems: Int, goldAccuracy: Double?,
                    goldItems: Int, medianSeconds: Double?, skipRate: Double?, escalationRate: Double?, flags: [String] = []) {
            self.reviewer = reviewer
            self.items = items
            self.agreementWithConsensus = agreementWithConsensus
            self.consensusItems = consensusItems
            self.goldAccuracy = goldAccuracy
            self.goldItems = goldItems
            self.medianSeconds = medianSeconds
            self.skipRate = skipRate
            self.escalationRate = escalationRate
            self.flags = flags
        }
    }

    /// An item reviewers disagree on.
    public struct DisagreedItem: Sendable, Equatable {
        /// The item (external id).
        public var item: String
        /// Ratings of the item.
        public var ratings: Int
        /// Fleiss' per-item agreement (share of agreeing reviewer pairs).
        public var agreement: Double
        /// Votes per label, labels in order.
        public var votes: [(label: String, count: Int)]
        /// Shannon entropy of the votes in bits (ties in agreement are ordered by it, highest first).
        public var entropy: Double = 0
        /// The start of the item's text, sanitised for a terminal (filled in by the store, which holds the texts).
        public var snippet: String?

        public static func == (lhs: DisagreedItem, rhs: DisagreedItem) -> Bool {
            lhs.item == rhs.item && lhs.ratings == rhs.ratings && lhs.agreement == rhs.agreement
                && lhs.votes.map(\.label) == rhs.votes.map(\.label) && lhs.votes.map(\.count) == rhs.votes.map(\.count)
        }
    }

    /// The queue reported on.
    public var queue: String
    /// Only decisions made at or after this time (seconds since 1970) were counted.
    public var since: Double?
    /// The number each label stands for, when the scale is ordered (else ordinal, interval and ratio are null).
    public var labelValues: [String: Double]?
    /// The overall figures.
    public var summary: AgreementSummary
    /// One row per reviewer.
    public var reviewers: [ReviewerRow]
    /// Human versus model, per model and category.
    public var model: [ModelAgreement]
    /// The items with the lowest agreement, lowest first.
    public var mostDisagreed: [DisagreedItem]
    /// Items a lead adjudicated.
    public var adjudicatedItems: Int
    /// Per tag of a multi-select taxonomy: nominal alpha and Fleiss' kappa on "tag chosen or not" over all label decisions.
    public var perTag: [PerLabelAgreement] = []
    /// Reviewers against their own repeated ratings (nil when the queue has none), filled in by the store.
    public var intraAnnotator: IntraAnnotatorAgreement?
    /// Decisions made with the model's suggestion shown, when the queue makes suggestions.
    public var suggestions: SuggestionCount?

    /// Builds the report from a queue's review log.
    ///
    /// - Parameters:
    ///   - labels: the queue's label ids in order.
    ///   - values: label values for an ordered scale; nil means nominal (when every label id is a number, pass
    ///     ``AgreementReport/numericValues(_:)``).
    public static func build(queue: String, labels: [String], log: ReviewLog, values: [String: Double]? = nil,
                             since: Double? = nil, options: AgreementSummary.Options = .init(),
                             positives: [String: [String]] = [:], disagreedLimit: Int = 20, tags: [String] = []) -> AgreementReport {
        let (table, itemInTable) = log.codedTable(labels: labels, values: values)
        let summary = AgreementSummary.compute(table, options: options, adjudicated: log.adjudicated)
        // Consensus for reviewers and models: the adjudicated label, else the strict majority (ties have none).
        // A lead may adjudicate with a label no reviewer used: gold labels are codes into the table's labels and those.
        var consensus = [Int?](repeating: nil, count: table.items.count)
        var gold = [Int32](repeating: -1, count: table.items.count)
        var goldNames = table.labels
        var goldIndex: [String: Int32] = [:]
        for (offset, name) in goldNames.enumerated() where goldIndex[name] == nil { goldIndex[name] = Int32(offset) }
        for (item, majority) in summary.majorityLabels.enumerated() {
            guard let label = majority.label else { continue }
            if let code = goldIndex[label] {
                if Int(code) < table.labels.count { consensus[item] = Int(code) }
                gold[item] = code
            } else {
                gold[item] = Int32(goldNames.count)
                goldIndex[label] = gold[item]
                goldNames.append(label)
            }
        }
        // One pass for every reviewer's agreement with the consensus (a confusion matrix per reviewer would be R passes).
        var consensusItems = [Int](repeating: 0, count: table.raters.count)
        var consensusMatches = [Int](repeating: 0, count: table.raters.count)
        for item in 0 ..< table.items.count {
            guard let agreed = consensus[item] else { continue }
            for slot in table.itemStart[item] ..< table.itemStart[item + 1] {
                let rater = Int(table.raterCodes[slot])
                consensusItems[rater] += 1
                if Int(table.labelCodes[slot]) == agreed { consensusMatches[rater] += 1 }
            }
        }
        let raterIndex = Dictionary(table.raters.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [ReviewerRow] = []
        for (name, activity) in log.activity.sorted(by: { CohenKappa.naturalLess($0.key, $1.key) }) {
            var row = ReviewerRow(reviewer: name, items: activity.labelled, agreementWithConsensus: nil, consensusItems: 0,
                                  goldAccuracy: nil, goldItems: activity.goldAnswered,
                                  medianSeconds: ModelAgreement.median(activity.seconds.sorted()),
                                  skipRate: nil, escalationRate: nil)
            if let rater = raterIndex[name], consensusItems[rater] > 0 {
                row.consensusItems = consensusItems[rater]
                row.agreementWithConsensus = Double(consensusMatches[rater]) / Double(consensusItems[rater])
            }
            if activity.goldAnswered > 0 { row.goldAccuracy = Double(activity.goldCorrect) / Double(activity.goldAnswered) }
            if activity.decisions > 0 {
                row.skipRate = Double(activity.skipped) / Double(activity.decisions)
                row.escalationRate = Double(activity.escalated) / Double(activity.decisions)
            }
            rows.append(row)
        }
        rows = flag(rows)
        var counts = [Int](repeating: 0, count: table.labels.count)
        var disagreed: [DisagreedItem] = []
        // Recency of each table item: its newest decision id in force.
        var recency = [Int64](repeating: 0, count: table.items.count)
        for (logItem, tableItem) in itemInTable.enumerated() where tableItem >= 0 && logItem < log.latestDecision.count {
            recency[Int(tableItem)] = log.latestDecision[logItem]
        }
        for item in mostDisagreed(table, limit: disagreedLimit, counts: &counts, recency: recency) {
            for slot in table.itemStart[item] ..< table.itemStart[item + 1] { counts[Int(table.labelCodes[slot])] += 1 }
            let votes = counts.indices.filter { counts[$0] > 0 }.map { (label: table.labels[$0], count: counts[$0]) }
            for index in counts.indices { counts[index] = 0 }
            disagreed.append(DisagreedItem(item: table.items[item], ratings: table.ratingCount(ofItem: item),
                                           agreement: PercentAgreement.itemAgreement(table, item: item, counts: &counts), votes: votes,
                                           entropy: entropy(votes.map(\.count))))
        }
        let perTag: [PerLabelAgreement] = tags.map { tag in
            let binary = log.tagTable(tag)
            let chosen = binary.labelCodes.filter { $0 == 1 }.count
            return PerLabelAgreement(label: tag, ratings: chosen, fleissKappa: FleissKappa.fixedRaters(binary).figure,
                                     krippendorffAlpha: KrippendorffAlpha.compute(binary, level: .nominal))
        }
        return AgreementReport(
            queue: queue, since: since, labelValues: table.labelValues.map { Dictionary(uniqueKeysWithValues: zip(table.labels, $0)) },
            summary: summary, reviewers: rows,
            model: ModelAgreement.compute(log: log, itemInTable: itemInTable, gold: gold, goldNames: goldNames,
                                          labels: table.labels, positives: positives),
            mostDisagreed: disagreed, adjudicatedItems: log.adjudicated.count, perTag: perTag)
    }

    /// The `limit` items with two or more ratings and the lowest agreement (below 1), lowest first, then the
    /// highest vote entropy, the newest decision (`recency`: per table item), most ratings, name. `counts` is
    /// scratch space, left zeroed.
    static func mostDisagreed(_ table: RatingsTable, limit: Int, counts: inout [Int], recency: [Int64] = []) -> [Int] {
        var candidates: [(agreement: Double, ratings: Int, item: Int)] = []
        for item in 0 ..< table.items.count where table.ratingCount(ofItem: item) >= 2 {
            let agreement = PercentAgreement.itemAgreement(table, item: item, counts: &counts)
            if agreement < 1 { candidates.append((agreement, table.ratingCount(ofItem: item), item)) }
        }
        var tally = [Int](repeating: 0, count: table.labels.count)
        let spread = candidates.map { candidate in
            for index in tally.indices { tally[index] = 0 }
            for slot in table.itemStart[candidate.item] ..< table.itemStart[candidate.item + 1] { tally[Int(table.labelCodes[slot])] += 1 }
            return entropy(tally)
        }
        // Lowest agreement first; on equal agreement the more even split of votes (higher entropy), then the most
        // recently decided, then more ratings, then by name (names are compared only when all else ties).
        let order = candidates.indices.sorted { a, b in
            let (x, y) = (candidates[a], candidates[b])
            if x.agreement != y.agreement { return x.agreement < y.agreement }
            if spread[a] != spread[b] { return spread[a] > spread[b] }
            let (ra, rb) = (x.item < recency.count ? recency[x.item] : 0, y.item < recency.count ? recency[y.item] : 0)
            if ra != rb { return ra > rb }
            if x.ratings != y.ratings { return x.ratings > y.ratings }
            return table.items[x.item] < table.items[y.item]
        }
        return order.prefix(limit).map { candidates[$0].item }
    }

    /// The start of an item's text on one line, sanitised as the review screen does, at most 60 columns.
    public static func snippet(_ text: String) -> String {
        let line = ContentSanitiser.sanitiseLine(text)
        return DisplayWidth.of(line) <= 60 ? line : DisplayWidth.truncate(line, to: 59) + "…"
    }

    /// The vote entropy in bits of label counts.
    static func entropy(_ counts: [Int]) -> Double {
        let total = Double(counts.reduce(0, +))
        guard total > 0 else { return 0 }
        return counts.filter { $0 > 0 }.reduce(0.0) { sum, count in
            let p = Double(count) / total
            return sum - p * log2(p)
        }
    }

    /// Rows flagged and sorted for a lead: flagged reviewers first (most flags first), then by agreement with
    /// the consensus, lowest first. Flags: `low_gold_accuracy` (below 80% on at least 5 gold items),
    /// `low_consensus` (15 points or more below the reviewers' median, on at least 10 items with a consensus),
    /// `fast` (median seconds under half the reviewers' median, on at least 10 decisions).
    public static func flag(_ rows: [ReviewerRow]) -> [ReviewerRow] {
        func median(_ values: [Double]) -> Double? { ModelAgreement.median(values.sorted()) }
        let consensusMedian = median(rows.filter { $0.consensusItems >= 10 }.compactMap(\.agreementWithConsensus))
        let secondsMedian = median(rows.compactMap(\.medianSeconds))
        var flagged = rows
        for index in flagged.indices {
            let row = flagged[index]
            if let accuracy = row.goldAccuracy, row.goldItems >= 5, accuracy < 0.8 { flagged[index].flags.append("low_gold_accuracy") }
            if let share = row.agreementWithConsensus, let typical = consensusMedian, row.consensusItems >= 10, share <= typical - 0.15 {
                flagged[index].flags.append("low_consensus")
            }
            if let seconds = row.medianSeconds, let typical = secondsMedian, row.items >= 10, seconds < typical / 2 { flagged[index].flags.append("fast") }
        }
        return flagged.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.flags.count != y.flags.count { return x.flags.count > y.flags.count }
            let (sx, sy) = (x.agreementWithConsensus ?? 2, y.agreementWithConsensus ?? 2)
            return sx != sy ? sx < sy : a.offset < b.offset
        }.map(\.element)
    }

    /// Label values when every label id is a number (ConvAbuse's "-3" ... "1", a 0/1 task), else nil.
    public static func numericValues(_ labels: [String]) -> [String: Double]? {
        var values: [String: Double] = [:]
        for label in labels {
            guard let value = Double(label), value.isFinite else { return nil }
            values[label] = value
        }
        return values.isEmpty ? nil : values
    }
}
