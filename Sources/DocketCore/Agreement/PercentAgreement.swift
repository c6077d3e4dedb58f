/// Observed agreement: the mean over items with two or more ratings of Fleiss' per-item agreement
/// P_i = sum_c n_ic (n_ic - 1) / (n_i (n_i - 1)), the share of agreeing rater pairs, every item weighted equally.
public enum PercentAgreement {
    /// The mean pairwise agreement over items with at least two ratings.
    public static func compute(_ table: RatingsTable) -> AgreementFigure {
        var total = 0.0
        var items = 0
        var ratings = 0
        var counts = [Int](repeating: 0, count: table.labels.count)
        for item in 0 ..< table.items.count {
            let m = table.ratingCount(ofItem: item)
            if m < 2 { continue }
            items += 1
            ratings += m
            total += itemAgreement(table, item: item, counts: &counts)
        }
        let basis = AgreementBasis(
            items: items, raters: table.raterCount(inItemsWithAtLeast: 2), ratings: ratings,
            dropped: [.init(reason: "fewer than 2 ratings", items: table.items.count - items)])
        if items == 0 { return .undefined("no item has two or more ratings", basis: basis) }
        return AgreementFigure(value: total / Double(items), basis: basis)
    }

    /// Share of agreeing rater pairs in one item (1 when it has fewer than two ratings). `counts` is scratch space, left zeroed.
    public static func itemAgreement(_ table: RatingsTable, item: Int, counts: inout [Int]) -> Double {
        let lower = table.itemStart[item], upper = table.itemStart[item + 1]
        let m = upper - lower
        if m < 2 { return 1 }
        for slot in lower ..< upper { counts[Int(table.labelCodes[slot])] += 1 }
        var agreeing = 0
        for slot in lower ..< upper {
            let c = Int(table.labelCodes[slot])
            if counts[c] > 0 { agreeing += counts[c] * (counts[c] - 1); counts[c] = 0 }
        }
        return Double(agreeing) / Double(m * (m - 1))
    }
}
