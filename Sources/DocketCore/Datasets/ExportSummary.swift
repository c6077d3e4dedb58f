/// Running totals of an export, gathered while rows are written: what the manifest and the dataset
/// card report (rows per split and label, items left out and why, how much the reviewers agreed).
public struct ExportSummary: Sendable {
    public var splitNames: [String]
    public var labelNames: [String]
    /// Rows per split and label (`rows[split][label]`); the extra last column counts rows without a label.
    public private(set) var rows: [[Int]]
    /// Groups (after joining near-duplicates) per split.
    public var groupsPerSplit: [Int]
    /// The largest component (items that must stay together) per split.
    public var largestComponentPerSplit: [Int]
    /// Components larger than the smallest split's share of the items: size and split index.
    public var oversizedComponents: [(size: Int, split: Int)] = []
    /// What the export warns about (a split's label mix drifting from the whole, oversized components).
    public var warnings: [String] = []
    /// Items left out, by reason (`tie`, `escalated`, `min_reviewers`, `min_agreement`, `unlabelled`, `label_filter`, `not_gold`, `date_range`).
    public var excluded: [String: Int] = [:]
    /// Rows per label source (`majority`, `adjudicated`, ...).
    public private(set) var labelSources: [String: Int] = [:]
    private var agreementSum = 0.0
    private var agreementItems = 0
    private var unanimous = 0
    private var reviewerSum = 0

    public init(splitNames: [String], labelNames: [String], excluded: [String: Int] = [:]) {
        self.excluded = excluded
        self.splitNames = splitNames
        self.labelNames = labelNames
        rows = Array(repeating: Array(repeating: 0, count: labelNames.count + 1), count: splitNames.count)
        groupsPerSplit = Array(repeating: 0, count: splitNames.count)
        largestComponentPerSplit = Array(repeating: 0, count: splitNames.count)
    }

    /// Counts one written row.
    public mutating func add(_ row: ExportRow, split: Int) {
        let label = row.label.flatMap { labelNames.firstIndex(of: $0) } ?? labelNames.count
        rows[split][label] += 1
        labelSources[row.labelSource, default: 0] += 1
        reviewerSum += row.reviewers
        if row.reviewers > 0 {
            agreementSum += row.agreement
            agreementItems += 1
            if row.agreement >= 1 { unanimous += 1 }
        }
    }

    /// Counts one item left out for `reason`.
    public mutating func exclude(_ reason: String) { excluded[reason, default: 0] += 1 }

    /// All rows written.
    public var totalRows: Int { rows.reduce(0) { $0 + $1.reduce(0, +) } }

    /// Rows in split `index`.
    public func rows(inSplit index: Int) -> Int { rows[index].reduce(0, +) }

    /// Mean over rows with at least one reviewer of the share of reviewers who chose the most common label.
    public var meanAgreement: Double? { agreementItems == 0 ? nil : agreementSum / Double(agreementItems) }

    /// Share of rows with at least one reviewer on which every reviewer chose the same label.
    public var unanimousShare: Double? { agreementItems == 0 ? nil : Double(unanimous) / Double(agreementItems) }

    /// Mean number of reviewers per row.
    public var meanReviewers: Double? { totalRows == 0 ? nil : Double(reviewerSum) / Double(totalRows) }

    /// The largest difference, over labels, between a label's share of split `index` and its share of all rows
    /// (0 for an empty split).
    public func labelDrift(split index: Int) -> Double {
        let inSplit = rows(inSplit: index), all = totalRows
        guard inSplit > 0, all > 0 else { return 0 }
        return rows[index].indices.map { label in
            abs(Double(rows[index][label]) / Double(inSplit) - Double(rows.reduce(0) { $0 + $1[label] }) / Double(all))
        }.max() ?? 0
    }

    /// Adds a warning for each split whose label shares drift from the whole by more than `margin`, and for each
    /// oversized component; called once the rows are counted.
    public mutating func checkRepresentative(margin: Double) {
        for index in splitNames.indices where labelDrift(split: index) > margin {
            warnings.append("split '\(splitNames[index])': a label's share differs from the whole by \(percentText(labelDrift(split: index))) (margin \(percentText(margin)))")
        }
        for component in oversizedComponents {
            warnings.append("\(component.size) items must stay together (shared group or text) and went to '\(splitNames[component.split])': more than the smallest split's share")
        }
    }

    private func percentText(_ share: Double) -> String { String(Int((share * 100).rounded())) + " points" }

    /// Rows per label in split `index`, as a JSON object in label order (`null` key for unlabelled rows when any).
    func labelCounts(split index: Int) -> JSONValue {
        var members: [(String, JSONValue)] = labelNames.enumerated().map { ($0.element, .number(String(rows[index][$0.offset]))) }
        if rows[index][labelNames.count] > 0 { members.append(("(none)", .number(String(rows[index][labelNames.count])))) }
        return .object(members)
    }
}
