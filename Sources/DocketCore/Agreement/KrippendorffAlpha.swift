/// Krippendorff's alpha with missing data, at any level of measurement; figures match the `krippendorff`
/// Python package (its ordinal metric uses the pairable values' marginal frequencies).
public enum KrippendorffAlpha {
    /// Alpha over every item with two or more ratings, at `level`.
    ///
    /// Ordinal, interval and ratio need the table's label values; ratio also needs them to be non-negative.
    /// When they are missing, or when every pairable rating uses one label (no variation, so no expected
    /// disagreement), the figure is nil with the reason.
    public static func compute(_ table: RatingsTable, level: MeasurementLevel) -> AgreementFigure {
        compute(CoincidenceMatrix(table), table: table, level: level)
    }

    /// Alpha from an already accumulated coincidence matrix (so several levels share one pass over the ratings).
    public static func compute(_ matrix: CoincidenceMatrix, table: RatingsTable, level: MeasurementLevel) -> AgreementFigure {
        let basis = AgreementBasis(
            items: matrix.pairableItems, raters: matrix.pairableRaters, ratings: matrix.pairableRatings,
            dropped: [.init(reason: "fewer than 2 ratings (no pairable values)", items: table.items.count - matrix.pairableItems)])
        if let reason = unsupported(level, table: table) { return .undefined(reason, basis: basis) }
        if matrix.pairableItems == 0 { return .undefined("no item has two or more ratings", basis: basis) }
        let size = matrix.size
        let marginals = matrix.marginals
        let n = Double(matrix.pairableRatings)
        let delta = distances(level: level, values: table.labelValues, marginals: marginals)
        var observed = 0.0
        var expected = 0.0
        for c in 0 ..< size {
            for k in 0 ..< size where c != k {
                let d = delta[c * size + k]
                if d == 0 { continue }
                observed += matrix[c, k] * d
                expected += marginals[c] * marginals[k] * d
            }
        }
        if expected == 0 {
            let used = marginals.filter { $0 > 0 }.count
            let why = used <= 1
                ? "every pairable rating uses the same label: there is no variation, so alpha is undefined"
                : "the labels used do not differ on this scale, so alpha is undefined"
            return .undefined(why, basis: basis)
        }
        return AgreementFigure(value: 1 - (n - 1) * observed / expected, basis: basis)
    }

    /// Why `level` cannot be used on `table`, or nil when it can.
    public static func unsupported(_ level: MeasurementLevel, table: RatingsTable) -> String? {
        switch level {
        case .nominal: return nil
        case .ordinal, .interval:
            return table.labelValues == nil ? "the labels have no order or values (a nominal taxonomy)" : nil
        case .ratio:
            guard let values = table.labelValues else { return "the labels have no values (a nominal taxonomy)" }
            return values.contains { $0 < 0 } ? "ratio needs non-negative values with a true zero" : nil
        }
    }

    /// The squared distance between every pair of labels (row-major, `size` x `size`).
    static func distances(level: MeasurementLevel, values: [Double]?, marginals: [Double]) -> [Double] {
        let size = marginals.count
        var delta = [Double](repeating: 0, count: size * size)
        switch level {
        case .nominal:
            for c in 0 ..< size { for k in 0 ..< size where c != k { delta[c * size + k] = 1 } }
        case .interval:
            let v = values!
            for c in 0 ..< size { for k in 0 ..< size { delta[c * size + k] = (v[c] - v[k]) * (v[c] - v[k]) } }
        case .ratio:
            let v = values!
            for c in 0 ..< size {
                for k in 0 ..< size where v[c] + v[k] != 0 {
                    let r = (v[c] - v[k]) / (v[c] + v[k])
                    delta[c * size + k] = r * r
                }
            }
        case .ordinal:
            // Rank labels by value; the distance sums the marginal frequencies between two ranks, halving the ends.
            let v = values!
            let rank = (0 ..< size).sorted { v[$0] < v[$1] }
            for i in 0 ..< size {
                for j in (i + 1) ..< max(i + 1, size) {
                    var total = 0.0
                    for g in i ... j { total += marginals[rank[g]] }
                    total -= (marginals[rank[i]] + marginals[rank[j]]) / 2
                    delta[rank[i] * size + rank[j]] = total * total
                    delta[rank[j] * size + rank[i]] = total * total
                }
            }
        }
        return delta
    }
}
