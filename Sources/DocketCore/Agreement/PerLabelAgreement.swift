/// Agreement on one label against all the others (one-vs-rest), so a lead can see which labels reviewers
/// find hard; also the figure for each tag of a multi-select taxonomy.
public struct PerLabelAgreement: Equatable, Sendable {
    /// The label (or tag) measured against the rest.
    public var label: String
    /// Ratings that used this label.
    public var ratings: Int
    /// Fleiss' kappa on the binarised ratings of the items with the most common number of ratings.
    public var fleissKappa: AgreementFigure
    /// Nominal Krippendorff's alpha on the binarised ratings of all items.
    public var krippendorffAlpha: AgreementFigure

    /// One entry per label of the table, in label order.
    public static func compute(_ table: RatingsTable) -> [PerLabelAgreement] {
        var usage = [Int](repeating: 0, count: table.labels.count)
        for code in table.labelCodes { usage[Int(code)] += 1 }
        let (_, m) = FleissKappa.fixedRaters(table)
        return table.labels.indices.map { label in
            var map = [Int32](repeating: 0, count: table.labels.count)
            map[label] = 1
            let binary = table.recoded(labels: ["other", table.labels[label]], map: map)
            let fleiss = m >= 2 ? FleissKappa.fixedRaters(binary, ratersPerItem: m)
                : .undefined("no item has two or more ratings", basis: AgreementBasis(items: 0, raters: 0, ratings: 0))
            return PerLabelAgreement(label: table.labels[label], ratings: usage[label], fleissKappa: fleiss,
                                     krippendorffAlpha: KrippendorffAlpha.compute(binary, level: .nominal))
        }
    }
}
