/// Counts of label pairs between two sources of labels (two reviewers, or a reviewer and the consensus),
/// on the items both labelled: `counts[row * labels.count + column]`, rows for `rowSource`.
public struct ConfusionMatrix: Equatable, Sendable {
    /// Who gave the row labels (a reviewer).
    public var rowSource: String
    /// Who gave the column labels (a reviewer, or the consensus).
    public var columnSource: String
    /// The label order of rows and columns.
    public var labels: [String]
    /// Items per (row label, column label), row-major.
    public var counts: [Int]

    public init(rowSource: String, columnSource: String, labels: [String], counts: [Int]? = nil) {
        self.rowSource = rowSource
        self.columnSource = columnSource
        self.labels = labels
        self.counts = counts ?? [Int](repeating: 0, count: labels.count * labels.count)
    }

    /// Items counted (both sources labelled them).
    public var items: Int { counts.reduce(0, +) }

    /// The count for row label `row` and column label `column` (indices into `labels`).
    public subscript(row: Int, column: Int) -> Int {
        get { counts[row * labels.count + column] }
        set { counts[row * labels.count + column] = newValue }
    }

    /// Share of items on the diagonal (nil when empty).
    public var observedAgreement: Double? {
        guard items > 0 else { return nil }
        return Double((0 ..< labels.count).reduce(0) { $0 + self[$1, $1] }) / Double(items)
    }

    /// The matrix between raters `a` and `b` of a table, over the items both rated.
    public static func between(_ table: RatingsTable, _ a: Int, _ b: Int) -> ConfusionMatrix {
        var matrix = ConfusionMatrix(rowSource: table.raters[a], columnSource: table.raters[b], labels: table.labels)
        for item in 0 ..< table.items.count {
            var labelA: Int32 = -1, labelB: Int32 = -1
            for slot in table.itemStart[item] ..< table.itemStart[item + 1] {
                if table.raterCodes[slot] == Int32(a) { labelA = table.labelCodes[slot] }
                if table.raterCodes[slot] == Int32(b) { labelB = table.labelCodes[slot] }
            }
            if labelA >= 0, labelB >= 0 { matrix[Int(labelA), Int(labelB)] += 1 }
        }
        return matrix
    }

    /// The matrix between rater `rater` (rows) and a consensus label per item (columns; nil = no consensus, item skipped).
    public static func against(_ table: RatingsTable, rater: Int, consensus: [Int?], consensusName: String = "consensus") -> ConfusionMatrix {
        var matrix = ConfusionMatrix(rowSource: table.raters[rater], columnSource: consensusName, labels: table.labels)
        for item in 0 ..< table.items.count {
            guard let agreed = consensus[item] else { continue }
            for slot in table.itemStart[item] ..< table.itemStart[item + 1] where table.raterCodes[slot] == Int32(rater) {
                matrix[Int(table.labelCodes[slot]), agreed] += 1
            }
        }
        return matrix
    }
}
