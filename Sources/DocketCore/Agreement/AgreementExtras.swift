/// Figures a lead reads beside the chance-corrected ones, over the items with two or more ratings:
/// Randolph's free-marginal kappa, the share of unanimous items, the label confusion matrix between
/// reviewers, and how many reviewer pairs share any item (the pairs Cohen's kappa could have used).
public struct AgreementExtras: Sendable, Equatable {
    /// Randolph's (2005) free-marginal multirater kappa: (P - 1/k) / (1 - 1/k), P the mean pairwise agreement
    /// per item and k the number of labels of the queue; chance is every label equally likely, not the
    /// labels' observed shares (statsmodels' `fleiss_kappa(method="randolph")`). Nil without such items.
    public var randolphKappa: Double?
    /// Share of the items with two or more ratings on which every rating is the same label.
    public var unanimousShare: Double?
    /// Pairs of ratings of one item by two reviewers, by label: `confusion[a][b]` counts pairs where one
    /// reviewer chose label a and the other b, each unordered pair counted once each way (symmetric).
    public var confusion: [[Int]]
    /// Reviewer pairs who rated at least one item in common.
    public var overlappingPairs: Int

    /// The figures of `table`; `percentAgreement` is its mean pairwise agreement (``PercentAgreement``).
    public init(_ table: RatingsTable, percentAgreement: Double?) {
        let k = table.labels.count
        randolphKappa = percentAgreement.flatMap { k > 1 ? ($0 - 1 / Double(k)) / (1 - 1 / Double(k)) : nil }
        confusion = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
        var rated = 0, unanimous = 0
        var pairs = Set<UInt64>()
        for item in 0 ..< table.items.count {
            let slots = table.itemStart[item] ..< table.itemStart[item + 1]
            guard slots.count >= 2 else { continue }
            rated += 1
            let first = table.labelCodes[slots.lowerBound]
            if slots.allSatisfy({ table.labelCodes[$0] == first }) { unanimous += 1 }
            for a in slots {
                for b in slots where b > a {
                    let (la, lb) = (Int(table.labelCodes[a]), Int(table.labelCodes[b]))
                    confusion[la][lb] += 1
                    confusion[lb][la] += 1
                    let (ra, rb) = (UInt64(table.raterCodes[a]), UInt64(table.raterCodes[b]))
                    pairs.insert(min(ra, rb) << 32 | max(ra, rb))
                }
            }
        }
        unanimousShare = rated == 0 ? nil : Double(unanimous) / Double(rated)
        overlappingPairs = pairs.count
    }
}
