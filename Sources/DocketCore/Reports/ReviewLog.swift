/// What a queue's decisions in force say, gathered for the agreement report: the label votes per item, each
/// reviewer's activity (skips, escalations, seconds, answers on gold items), adjudications and model scores.
///
/// Items, reviewers, labels and score series are kept as integer codes (names in `items`, `reviewerNames`,
/// `labelNames`), so that a million decisions cost a few arrays of integers rather than a million strings and
/// dictionary entries; a reader that sees each item once (the store, in item order) adds them by code.
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

    /// Item names (external ids) by item code.
    public private(set) var items: [String] = []
    /// Reviewer names by reviewer code.
    public private(set) var reviewerNames: [String] = []
    /// Label names by label code, in the order first seen.
    public private(set) var labelNames: [String] = []
    /// Item, reviewer and label code of each label decision in force, in the order read.
    public private(set) var ratingItems: [Int32] = []
    /// Reviewer code of each label decision (see `ratingItems`).
    public private(set) var ratingReviewers: [Int32] = []
    /// Label code of each label decision (see `ratingItems`).
    public private(set) var ratingLabels: [Int32] = []
    /// Known answers of gold items, by item.
    public private(set) var goldAnswers: [String: String] = [:]
    /// A lead's adjudicated label, by item.
    public var adjudicated: [String: String] = [:]
    /// The newest decision id in force per item code (0 when the reader gave none): the most disagreed items
    /// of equal agreement and entropy are listed newest first. Decision ids grow with time in every backend.
    public private(set) var latestDecision: [Int64] = []
    /// Tags chosen with a label decision, by position in the label decisions (only decisions with tags).
    public private(set) var tagsByRating: [Int: [String]] = [:]

    private var activityByCode: [ReviewerActivity] = []
    private var reviewerIndex: [String: Int32] = [:]
    private var labelIndex: [String: Int32] = [:]
    // Filled lazily by `item(named:)`: readers adding items by code never pay for it.
    private var itemIndex: [String: Int32] = [:]
    private var itemIndexCovers = 0
    /// Model scores: one entry per score, its item, series (model and category), value and threshold.
    private(set) var scoreItems: [Int32] = []
    private(set) var scoreSeries: [Int32] = []
    private(set) var scoreValues: [Double] = []
    private(set) var scoreThresholds: [Double?] = []
    private(set) var series: [(model: String, category: String)] = []
    private var seriesIndex: [String: Int32] = [:]

    public init() {}

    // MARK: Adding by name

    /// Adds one decision in force on `item` (an external id); `gold` is the item's known answer if any.
    public mutating func add(item: String, decision: Decision, gold: String?) {
        add(item: self.item(named: item), reviewer: reviewerCode(decision.reviewer), kind: decision.kind,
            label: decision.label.map { labelCode($0) }, tags: decision.tags, seconds: decision.seconds, gold: gold,
            decisionID: decision.id)
    }

    /// Adds a model score of `item`.
    public mutating func add(item: String, score: ModelScore) {
        add(item: self.item(named: item), series: seriesCode(model: score.model, category: score.category),
            score: score.score, threshold: score.threshold)
    }

    /// The code of item `name`, added when new.
    public mutating func item(named name: String) -> Int32 {
        while itemIndexCovers < items.count {
            if itemIndex[items[itemIndexCovers]] == nil { itemIndex[items[itemIndexCovers]] = Int32(itemIndexCovers) }
            itemIndexCovers += 1
        }
        if let known = itemIndex[name] { return known }
        let code = appendItem(name)
        itemIndex[name] = code
        itemIndexCovers = items.count
        return code
    }

    // MARK: Adding by code

    /// Adds an item the caller has not added before (a reader that sees each item once) and returns its code.
    public mutating func appendItem(_ name: String) -> Int32 {
        items.append(name)
        return Int32(items.count - 1)
    }

    /// The code of reviewer `name`, added when new.
    public mutating func reviewerCode(_ name: String) -> Int32 {
        if let known = reviewerIndex[name] { return known }
        let code = Int32(reviewerNames.count)
        reviewerIndex[name] = code
        reviewerNames.append(name)
        activityByCode.append(ReviewerActivity(reviewer: name))
        return code
    }

    /// The code of label `name`, added when new.
    public mutating func labelCode(_ name: String) -> Int32 {
        if let known = labelIndex[name] { return known }
        let code = Int32(labelNames.count)
        labelIndex[name] = code
        labelNames.append(name)
        return code
    }

    /// The code of a model's score series for one category, added when new.
    public mutating func seriesCode(model: String, category: String) -> Int32 {
        let key = model + "\u{1F}" + category
        if let known = seriesIndex[key] { return known }
        let code = Int32(series.count)
        seriesIndex[key] = code
        series.append((model, category))
        return code
    }

    /// Adds one decision in force by codes; `gold` is the item's known answer if any.
    public mutating func add(item: Int32, reviewer: Int32, kind: DecisionKind, label: Int32?, tags: [String],
                             seconds: Double?, gold: String?, decisionID: Int64 = 0) {
        let r = Int(reviewer)
        if decisionID > 0 {
            if latestDecision.count < items.count { latestDecision += [Int64](repeating: 0, count: items.count - latestDecision.count) }
            latestDecision[Int(item)] = max(latestDecision[Int(item)], decisionID)
        }
        if let seconds, seconds.isFinite, seconds >= 0 { activityByCode[r].seconds.append(seconds) }
        switch kind {
        case .label:
            guard let label else { break }
            activityByCode[r].labelled += 1
            if !tags.isEmpty { tagsByRating[ratingItems.count] = tags }
            ratingItems.append(item)
            ratingReviewers.append(reviewer)
            ratingLabels.append(label)
            if let gold {
                goldAnswers[items[Int(item)]] = gold
                activityByCode[r].goldAnswered += 1
                if gold == labelNames[Int(label)] { activityByCode[r].goldCorrect += 1 }
            }
        case .skip: activityByCode[r].skipped += 1
        case .escalate: activityByCode[r].escalated += 1
        case .adjudication: adjudicated[items[Int(item)]] = label.map { labelNames[Int($0)] }
        case .undo: break
        }
    }

    /// Adds a model score by codes.
    public mutating func add(item: Int32, series: Int32, score: Double, threshold: Double?) {
        scoreItems.append(item)
        scoreSeries.append(series)
        scoreValues.append(score)
        scoreThresholds.append(threshold)
    }

    // MARK: Reading

    /// Label decisions in force, in the order read.
    public var ratings: [Rating] {
        ratingItems.indices.map { index in
            Rating(item: items[Int(ratingItems[index])], rater: reviewerNames[Int(ratingReviewers[index])],
                   label: labelNames[Int(ratingLabels[index])])
        }
    }

    /// Each reviewer's activity, by name.
    public var activity: [String: ReviewerActivity] {
        Dictionary(uniqueKeysWithValues: activityByCode.map { ($0.reviewer, $0) })
    }

    /// Model scores by item.
    public var scores: [String: [ModelScore]] {
        var result: [String: [ModelScore]] = [:]
        for index in scoreItems.indices {
            let (model, category) = series[Int(scoreSeries[index])]
            result[items[Int(scoreItems[index])], default: []].append(
                ModelScore(model: model, category: category, score: scoreValues[index], threshold: scoreThresholds[index]))
        }
        return result
    }

    /// The label votes as a ratings table, with the queue's label order and, for an ordered scale, label values.
    /// Labels not in `labels` (a taxonomy that changed since) are appended in natural order rather than dropped.
    public func table(labels: [String], values: [String: Double]? = nil) -> RatingsTable {
        codedTable(labels: labels, values: values).table
    }

    /// The ratings table and, for each item code of the log, its item number in the table (-1 when unrated).
    /// Items, raters and labels are numbered as `RatingsTable(ratings:labels:values:)` numbers them: items and
    /// raters in order of first rating, labels in the given order.
    func codedTable(labels: [String], values: [String: Double]?) -> (table: RatingsTable, itemInTable: [Int32]) {
        var used = [Bool](repeating: false, count: labelNames.count)
        for code in ratingLabels { used[Int(code)] = true }
        var order = labels
        let known = Set(labels)
        let extra = Set(labelNames.indices.filter { used[$0] }.map { labelNames[$0] }).subtracting(known)
        if !extra.isEmpty {
            let names = Array(extra)
            order += RatingsTable.naturalOrder(of: names, values: nil).map { names[$0] }
        }
        var position: [String: Int32] = [:]
        for (offset, name) in order.enumerated() where position[name] == nil { position[name] = Int32(offset) }
        let labelInTable = labelNames.map { position[$0] ?? -1 }
        var itemInTable = [Int32](repeating: -1, count: items.count)
        var raterInTable = [Int32](repeating: -1, count: reviewerNames.count)
        var tableItems: [String] = []
        var tableRaters: [String] = []
        var coded: [(item: Int32, rater: Int32, label: Int32)] = []
        coded.reserveCapacity(ratingItems.count)
        for index in ratingItems.indices {
            let item = Int(ratingItems[index]), rater = Int(ratingReviewers[index])
            if itemInTable[item] < 0 { itemInTable[item] = Int32(tableItems.count); tableItems.append(items[item]) }
            if raterInTable[rater] < 0 { raterInTable[rater] = Int32(tableRaters.count); tableRaters.append(reviewerNames[rater]) }
            coded.append((itemInTable[item], raterInTable[rater], labelInTable[Int(ratingLabels[index])]))
        }
        let table = RatingsTable(items: tableItems, raters: tableRaters, labels: order,
                                 labelValues: values.flatMap { RatingsTable.valueList(order, $0) }, codedRatings: coded)
        return (table, itemInTable)
    }

    /// Whether each label decision carries `tag`, as a 0/1 ratings table (for per-tag agreement on multi-select tags).
    public func tagTable(_ tag: String) -> RatingsTable {
        let marked = ratingItems.indices.map { index in
            Rating(item: items[Int(ratingItems[index])], rater: reviewerNames[Int(ratingReviewers[index])],
                   label: tagsByRating[index]?.contains(tag) == true ? "1" : "0")
        }
        return RatingsTable(ratings: marked, labels: ["0", "1"])
    }
}
