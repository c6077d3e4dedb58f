/// Fleiss' kappa, both as statsmodels computes it (items with one fixed number of ratings) and generalised to
/// a variable number of ratings per item as irrCAC does (Gwet).
public enum FleissKappa {
    /// Fleiss' kappa on the items with the most common number of ratings (ties go to the larger number), as
    /// `statsmodels.stats.inter_rater.fleiss_kappa(method="fleiss")` computes it on those items.
    public static func fixedRaters(_ table: RatingsTable) -> (figure: AgreementFigure, ratersPerItem: Int) {
        let histogram = table.itemsByRatingCount().filter { $0.key >= 2 }
        guard let m = histogram.max(by: { ($0.value, $0.key) < ($1.value, $1.key) })?.key else {
            let basis = AgreementBasis(items: 0, raters: 0, ratings: 0,
                                       dropped: [.init(reason: "fewer than 2 ratings", items: table.items.count)])
            return (.undefined("no item has two or more ratings", basis: basis), 0)
        }
        return (fixedRaters(table, ratersPerItem: m), m)
    }

    /// Fleiss' kappa on the items with exactly `m` ratings.
    public static func fixedRaters(_ table: RatingsTable, ratersPerItem m: Int) -> AgreementFigure {
        let size = table.labels.count
        var totals = [Double](repeating: 0, count: size)
        var counts = [Int](repeating: 0, count: size)
        var agreementSum = 0.0
        var items = 0
        // A flag per rater rather than a set: a million ratings cost a million array writes, not hash insertions.
        var raterSeen = [Bool](repeating: false, count: table.raters.count)
        var raters = 0
        for item in 0 ..< table.items.count where table.ratingCount(ofItem: item) == m {
            items += 1
            for slot in table.itemStart[item] ..< table.itemStart[item + 1] {
                totals[Int(table.labelCodes[slot])] += 1
                let rater = Int(table.raterCodes[slot])
                if !raterSeen[rater] { raterSeen[rater] = true; raters += 1 }
            }
            agreementSum += PercentAgreement.itemAgreement(table, item: item, counts: &counts)
        }
        let basis = AgreementBasis(
            items: items, raters: raters, ratings: items * m,
            dropped: [.init(reason: "number of ratings is not \(m)", items: table.items.count - items)])
        if items == 0 || m < 2 { return .undefined("no item has exactly \(m) ratings", basis: basis) }
        let all = Double(items * m)
        let expected = totals.reduce(0.0) { $0 + ($1 / all) * ($1 / all) }
        let observed = agreementSum / Double(items)
        return kappa(observed: observed, expected: expected, basis: basis)
    }

    /// Fleiss' kappa generalised to a variable number of ratings per item, as `irrCAC.raw.CAC(...).fleiss()`:
    /// observed agreement over items with two or more ratings; label shares averaged per item over all rated items.
    public static func generalised(_ table: RatingsTable) -> AgreementFigure {
        let size = table.labels.count
        var shares = [Double](repeating: 0, count: size)
        var counts = [Int](repeating: 0, count: size)
        var agreementSum = 0.0
        var pairable = 0
        var rated = 0
        var ratings = 0
        for item in 0 ..< table.items.count {
            let m = table.ratingCount(ofItem: item)
            if m == 0 { continue }
            rated += 1
            ratings += m
            let weight = 1.0 / Double(m)
            for slot in table.itemStart[item] ..< table.itemStart[item + 1] {
                shares[Int(table.labelCodes[slot])] += weight
            }
            if m >= 2 {
                pairable += 1
                agreementSum += PercentAgreement.itemAgreement(table, item: item, counts: &counts)
            }
        }
        let basis = AgreementBasis(
            items: rated, raters: table.raterCount(inItemsWithAtLeast: 1), ratings: ratings,
            dropped: [.init(reason: "no ratings", items: table.items.count - rated)])
        if pairable == 0 { return .undefined("no item has two or more ratings", basis: basis) }
        let expected = shares.reduce(0.0) { $0 + ($1 / Double(rated)) * ($1 / Double(rated)) }
        var figure = kappa(observed: agreementSum / Double(pairable), expected: expected, basis: basis)
        if figure.value != nil, pairable < rated {
            figure.reason = "observed agreement uses the \(pairable) items with two or more ratings; label shares use all \(rated)"
        }
        return figure
    }

    /// (observed - expected) / (1 - expected), nil with a reason when every rating uses one label.
    static func kappa(observed: Double, expected: Double, basis: AgreementBasis) -> AgreementFigure {
        if expected >= 1 - 1e-15 {
            return .undefined("every rating uses the same label: chance agreement is 1, so kappa is undefined", basis: basis)
        }
        return AgreementFigure(value: (observed - expected) / (1 - expected), basis: basis)
    }
}
