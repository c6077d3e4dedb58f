/// Numbers the strata of an export's split: the label alone, or the label and a metadata value together
/// (`--stratify meta.FIELD`), so the split keeps every label's and every value's share in each part.
struct StrataIndex {
    /// Strata for the labels and "no label" come first, so that without a field a stratum is the label index.
    private let labels: Int
    private var combined: [String: Int] = [:]
    /// The label of each stratum (the identity for the first `labels + 1`).
    private(set) var labelOfStratum: [Int]
    /// Strata numbered so far.
    private(set) var count: Int

    init(labels: Int) {
        self.labels = labels
        count = labels + 1
        labelOfStratum = Array(0...labels)
    }

    /// The stratum of an item with label index `label` (`labels` for none) and field `value` (nil: none or not asked).
    mutating func index(label: Int, value: String?) throws(DocketError) -> Int {
        guard let value else { return label }
        let key = String(label) + "\u{1F}" + value
        if let known = combined[key] { return known }
        guard count < DatasetSplit.Candidates.maxStrata, combined.count < DatasetExport.maxFieldValues * (labels + 1) else {
            throw .refused("--stratify: too many label and value combinations (at most \(DatasetExport.maxFieldValues) values)")
        }
        combined[key] = count
        labelOfStratum.append(label)
        count += 1
        return count - 1
    }
}
