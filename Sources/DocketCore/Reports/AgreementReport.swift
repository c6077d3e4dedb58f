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

    /// Builds the report from a queue's review log.
    ///
    /// - Parameters:
    ///   - labels: the queue's label ids in order.
    ///   - values: label values for an ordered scale; nil means nominal (when every label id is a number, pass
    ///     ``AgreementReport/numericValues(_:)``).
    public static func build(queue: String, labels: [String], log: ReviewLog, values: [String: Double]? = nil,
                             since: Double? = nil, options: AgreementSummary.Options = .init(),
                             positives: [String: [String]] = [:], disagreedLimit: Int = 20, tags: [String] = []) -> AgreementReport {
        let table = log.table(labels: labels, values: values)
        let summary = AgreementSummary.compute(table, options: options, adjudicated: log.adjudicated)
        // Consensus for reviewers and models: the adjudicated label, else the strict majority (ties have none).
        var consensus = [Int?](repeating: nil, count: table.items.count)
        var goldByItem: [String: String] = [:]
        let labelIndex = Dictionary(table.labels.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        for (item, gold) in summary.majorityLabels.enumerated() {
            if let label = gold.label { consensus[item] = labelIndex[label]; goldByItem[gold.item] = label }
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
        var disagreed: [DisagreedItem] = []
        var counts = [Int](repeating: 0, count: table.labels.count)
        for item in 0 ..< table.items.count where table.ratingCount(ofItem: item) >= 2 {
            let agreement = PercentAgreement.itemAgreement(table, item: item, counts: &counts)
            if agreement >= 1 { continue }
            for slot in table.itemStart[item] ..< table.itemStart[item + 1] { counts[Int(table.labelCodes[slot])] += 1 }
            let votes = counts.indices.filter { counts[$0] > 0 }.map { (label: table.labels[$0], count: counts[$0]) }
            for index in counts.indices { counts[index] = 0 }
            disagreed.append(DisagreedItem(item: table.items[item], ratings: table.ratingCount(ofItem: item), agreement: agreement, votes: votes))
        }
        disagreed.sort { ($0.agreement, -$0.ratings, $0.item) < ($1.agreement, -$1.ratings, $1.item) }
        let perTag: [PerLabelAgreement] = tags.map { tag in
            let binary = log.tagTable(tag)
            let chosen = binary.labelCodes.filter { $0 == 1 }.count
            return PerLabelAgreement(label: tag, ratings: chosen, fleissKappa: FleissKappa.fixedRaters(binary).figure,
                                     krippendorffAlpha: KrippendorffAlpha.compute(binary, level: .nominal))
        }
        return AgreementReport(
            queue: queue, since: since, labelValues: table.labelValues.map { Dictionary(uniqueKeysWithValues: zip(table.labels, $0)) },
            summary: summary, reviewers: rows,
            model: ModelAgreement.compute(scores: log.scores, gold: goldByItem, labels: table.labels, positives: positives),
            mostDisagreed: Array(disagreed.prefix(disagreedLimit)), adjudicatedItems: log.adjudicated.count, perTag: perTag)
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
