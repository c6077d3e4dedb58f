/// Cohen's kappa between two raters on the items both rated, unweighted or with linear or quadratic weights,
/// as `sklearn.metrics.cohen_kappa_score(labels=table order, weights=...)` computes it.
public enum CohenKappa {
    /// How disagreements between labels are weighted (by their distance in the label order).
    public enum Weighting: String, CaseIterable, Sendable {
        case unweighted, linear, quadratic
    }

    /// Kappa for two raters in one pair of a ratings table.
    public struct Pair: Equatable, Sendable {
        /// The first reviewer of the pair.
        public var a: String
        /// The second reviewer of the pair.
        public var b: String
        /// Items both raters labelled.
        public var items: Int
        /// Share of the common items on which both gave the same label.
        public var percentAgreement: Double?
        /// Unweighted Cohen's kappa (nil when undefined).
        public var kappa: Double?
        /// Kappa with linear weights (distance between label positions).
        public var kappaLinear: Double?
        /// Kappa with quadratic weights (squared distance between label positions).
        public var kappaQuadratic: Double?
        /// Why a kappa is nil (for example, both raters always used the same label).
        public var reason: String?
        /// The confusion matrix the kappas come from.
        public var matrix: ConfusionMatrix
    }

    /// Kappa from a confusion matrix: 1 - sum(w * observed) / sum(w * expected), expected from the two raters' own marginals.
    /// Nil when there is nothing to compare or chance disagreement is zero.
    public static func kappa(_ matrix: ConfusionMatrix, weighting: Weighting) -> Double? {
        let size = matrix.labels.count
        let total = Double(matrix.items)
        guard total > 0 else { return nil }
        var rows = [Double](repeating: 0, count: size)
        var columns = [Double](repeating: 0, count: size)
        for r in 0 ..< size {
            for c in 0 ..< size {
                rows[r] += Double(matrix[r, c])
                columns[c] += Double(matrix[r, c])
            }
        }
        var observed = 0.0
        var expected = 0.0
        for r in 0 ..< size {
            for c in 0 ..< size where r != c {
                let distance = Double(abs(r - c))
                let weight: Double
                switch weighting {
                case .unweighted: weight = 1
                case .linear: weight = distance
                case .quadratic: weight = distance * distance
                }
                observed += weight * Double(matrix[r, c])
                expected += weight * rows[r] * columns[c] / total
            }
        }
        guard expected > 0 else { return nil }
        return 1 - observed / expected
    }

    /// Kappa (all three weightings) for raters `a` and `b` of a table.
    public static func pair(_ table: RatingsTable, _ a: Int, _ b: Int) -> Pair {
        makePair(ConfusionMatrix.between(table, a, b))
    }

    /// Every pair of raters with at least `minimumItems` items in common, most items first (ties by rater names).
    /// Within a pair, `a` sorts before `b` (numerically when both names are numbers).
    public static func allPairs(_ table: RatingsTable, minimumItems: Int = 1) -> [Pair] {
        let size = table.labels.count
        // Pair slots in a flat array while raters are few enough (the usual case); a dictionary beyond that.
        let raterCount = table.raters.count
        var slotArray = raterCount <= 1024 ? [Int32](repeating: -1, count: raterCount * raterCount) : []
        var slotOfPair: [Int: Int] = [:]
        var matrices: [[Int]] = []
        var owners: [(Int, Int)] = []
        let order = raterOrder(table.raters)
        for item in 0 ..< table.items.count {
            let lower = table.itemStart[item], upper = table.itemStart[item + 1]
            if upper - lower < 2 { continue }
            for first in lower ..< upper {
                for second in (first + 1) ..< upper {
                    var (ra, rb) = (Int(table.raterCodes[first]), Int(table.raterCodes[second]))
                    var (la, lb) = (Int(table.labelCodes[first]), Int(table.labelCodes[second]))
                    if order[ra] > order[rb] { swap(&ra, &rb); swap(&la, &lb) }
                    let key = ra * table.raters.count + rb
                    var slot: Int
                    if !slotArray.isEmpty {
                        slot = Int(slotArray[key])
                    } else {
                        slot = slotOfPair[key] ?? -1
                    }
                    if slot < 0 {
                        slot = matrices.count
                        if !slotArray.isEmpty { slotArray[key] = Int32(slot) } else { slotOfPair[key] = slot }
                        matrices.append([Int](repeating: 0, count: size * size))
                        owners.append((ra, rb))
                    }
                    matrices[slot][la * size + lb] += 1
                }
            }
        }
        var pairs: [Pair] = []
        for (slot, owner) in owners.enumerated() {
            let matrix = ConfusionMatrix(rowSource: table.raters[owner.0], columnSource: table.raters[owner.1],
                                         labels: table.labels, counts: matrices[slot])
            if matrix.items >= minimumItems { pairs.append(makePair(matrix)) }
        }
        return pairs.sorted {
            if $0.items != $1.items { return $0.items > $1.items }
            if $0.a != $1.a { return naturalLess($0.a, $1.a) }
            return naturalLess($0.b, $1.b)
        }
    }

    static func makePair(_ matrix: ConfusionMatrix) -> Pair {
        let kappa = kappa(matrix, weighting: .unweighted)
        var reason: String?
        if matrix.items == 0 { reason = "no items in common" } else if kappa == nil {
            reason = "both raters used a single label on their common items: chance agreement is 1, so kappa is undefined"
        }
        return Pair(a: matrix.rowSource, b: matrix.columnSource, items: matrix.items,
                    percentAgreement: matrix.observedAgreement, kappa: kappa,
                    kappaLinear: Self.kappa(matrix, weighting: .linear),
                    kappaQuadratic: Self.kappa(matrix, weighting: .quadratic), reason: reason, matrix: matrix)
    }

    /// Names compared as numbers when both are numbers (HateXplain's annotator ids), else as text.
    static func naturalLess(_ x: String, _ y: String) -> Bool {
        if let a = Int(x), let b = Int(y) { return a < b }
        return x < y
    }

    static func raterOrder(_ raters: [String]) -> [Int] {
        let sorted = raters.indices.sorted { naturalLess(raters[$0], raters[$1]) }
        var rank = [Int](repeating: 0, count: raters.count)
        for (position, rater) in sorted.enumerated() { rank[rater] = position }
        return rank
    }
}
