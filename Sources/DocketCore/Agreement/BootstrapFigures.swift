/// The figures the agreement report bootstraps (percent agreement, Krippendorff's alpha at the nominal, ordinal
/// and interval levels, generalised Fleiss' kappa), figured on resamples of items without building each resampled
/// table: the share of each figure of every distinct pattern of votes is worked out once, and a resample adds up the
/// shares of the items it draws, in the order drawn. The sums are the same additions, in the same order, as the figures computed on
/// `table.resampled(items:)`, so the intervals are exactly those of ``BootstrapInterval/compute(_:replicates:confidence:seed:statistic:)``.
struct BootstrapFigures {
    /// A figure the report bootstraps, by its name in the report.
    enum Figure: String, CaseIterable {
        case percentAgreement = "percent_agreement"
        case alphaNominal = "krippendorff_alpha_nominal"
        case alphaOrdinal = "krippendorff_alpha_ordinal"
        case alphaInterval = "krippendorff_alpha_interval"
        case fleissGeneralised = "fleiss_kappa_generalised"
    }

    private let table: RatingsTable
    /// Each item's pattern: items with the same votes per label add the same shares to every figure, so a
    /// resample reads one small number per drawn item and then a handful of entries that stay in the cache.
    private var patternOfItem: [Int32] = []
    /// Per pattern: its number of ratings, 1 / ratings, and Fleiss' per-item agreement (for two or more ratings).
    private var ratings: [Int] = []
    private var inverse: [Double] = []
    private var agreement: [Double] = []
    /// Per pattern, votes per label: labels `voteLabels[voteStart[p] ..< voteStart[p + 1]]`, with `votes` of the same positions.
    private var voteStart: [Int] = [0]
    private var voteLabels: [Int32] = []
    private var votes: [Int] = []
    /// Per pattern, its coincidences: cells `cells[cellStart[p] ..< cellStart[p + 1]]` get `weights` of the same positions.
    private var cellStart: [Int] = [0]
    private var cells: [Int32] = []
    private var weights: [Double] = []

    init(_ table: RatingsTable) {
        self.table = table
        let size = table.labels.count
        var counts = [Int](repeating: 0, count: size)
        var distinct = [Int](repeating: 0, count: size)
        var packed: [UInt64: Int32] = [:]
        var general: [[Int]: Int32] = [:]
        patternOfItem.reserveCapacity(table.items.count)
        for item in 0 ..< table.items.count {
            let lower = table.itemStart[item], upper = table.itemStart[item + 1]
            let m = upper - lower
            var distinctCount = 0
            for slot in lower ..< upper {
                let code = Int(table.labelCodes[slot])
                if counts[code] == 0 { distinct[distinctCount] = code; distinctCount += 1 }
                counts[code] += 1
            }
            // The votes per label name the pattern: packed in one word when they fit (the usual case).
            var known: Int32?
            var key: UInt64 = 0
            let fits = size <= 8 && m < 256
            if fits {
                for label in 0 ..< size { key |= UInt64(counts[label]) << (8 * UInt64(label)) }
                known = packed[key]
            } else {
                known = general[counts]
            }
            if let known {
                patternOfItem.append(known)
            } else {
                let pattern = Int32(ratings.count)
                if fits { packed[key] = pattern } else { general[counts] = pattern }
                patternOfItem.append(pattern)
                addPattern(table, item: item, counts: counts, distinct: distinct[0 ..< distinctCount], size: size)
            }
            for a in 0 ..< distinctCount { counts[distinct[a]] = 0 }
        }
    }

    /// Records the shares of a new pattern from its first item, computed as the figures compute them.
    private mutating func addPattern(_ table: RatingsTable, item: Int, counts: [Int], distinct: ArraySlice<Int>, size: Int) {
        let m = table.ratingCount(ofItem: item)
        ratings.append(m)
        inverse.append(m == 0 ? 0 : 1.0 / Double(m))
        var scratch = [Int](repeating: 0, count: size)
        agreement.append(m < 2 ? 1 : PercentAgreement.itemAgreement(table, item: item, counts: &scratch))
        for label in 0 ..< size where counts[label] > 0 {
            voteLabels.append(Int32(label))
            votes.append(counts[label])
        }
        voteStart.append(voteLabels.count)
        if m >= 2 {
            // As CoincidenceMatrix adds them: each label pair once per item, weighted by 1 / (m - 1).
            let weight = 1.0 / Double(m - 1)
            for c in distinct {
                let nc = Double(counts[c])
                for k in distinct {
                    let pairs = c == k ? nc * (nc - 1) : nc * Double(counts[k])
                    cells.append(Int32(c * size + k))
                    weights.append(pairs * weight)
                }
            }
        }
        cellStart.append(cells.count)
    }

    /// Intervals for `figures` from `replicates` resamples drawn as ``BootstrapInterval`` draws them, by figure name;
    /// a figure undefined on too many resamples gets none.
    func intervals(_ figures: [Figure], replicates: Int, confidence: Double, seed: UInt64) -> [String: BootstrapInterval] {
        let count = table.items.count
        guard count > 0, replicates > 0, !figures.isEmpty else { return [:] }
        var generator = SeededGenerator(seed: seed)
        var values = [Figure: [Double]]()
        for figure in figures { values[figure] = [] }
        let size = table.labels.count
        var matrix = [Double](repeating: 0, count: size * size)
        var shares = [Double](repeating: 0, count: size)
        for _ in 0 ..< replicates {
            for index in matrix.indices { matrix[index] = 0 }
            for index in shares.indices { shares[index] = 0 }
            var agreementSum = 0.0
            var pairable = 0, pairableRatings = 0, rated = 0
            var drawn = generator
            patternOfItem.withUnsafeBufferPointer { patternOfItem in
                voteStart.withUnsafeBufferPointer { voteStart in
                    voteLabels.withUnsafeBufferPointer { voteLabels in
                        votes.withUnsafeBufferPointer { votes in
                            cellStart.withUnsafeBufferPointer { cellStart in
                                cells.withUnsafeBufferPointer { cells in
                                    weights.withUnsafeBufferPointer { weights in
                                        matrix.withUnsafeMutableBufferPointer { matrix in
                                            shares.withUnsafeMutableBufferPointer { shares in
                                                for _ in 0 ..< count {
                                                    let pattern = Int(patternOfItem[drawn.index(below: count)])
                                                    let m = ratings[pattern]
                                                    if m == 0 { continue }
                                                    rated += 1
                                                    // One addition per rating, as FleissKappa.generalised adds them.
                                                    let weight = inverse[pattern]
                                                    for entry in voteStart[pattern] ..< voteStart[pattern + 1] {
                                                        let label = Int(voteLabels[entry])
                                                        for _ in 0 ..< votes[entry] { shares[label] += weight }
                                                    }
                                                    if m < 2 { continue }
                                                    pairable += 1
                                                    pairableRatings += m
                                                    agreementSum += agreement[pattern]
                                                    for entry in cellStart[pattern] ..< cellStart[pattern + 1] {
                                                        matrix[Int(cells[entry])] += weights[entry]
                                                    }
                                                }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            generator = drawn
            let coincidences = CoincidenceMatrix(size: size, cells: matrix, pairableItems: pairable, pairableRatings: pairableRatings)
            for figure in figures {
                var value: Double?
                switch figure {
                case .percentAgreement:
                    value = pairable == 0 ? nil : agreementSum / Double(pairable)
                case .alphaNominal: value = KrippendorffAlpha.compute(coincidences, table: table, level: .nominal).value
                case .alphaOrdinal: value = KrippendorffAlpha.compute(coincidences, table: table, level: .ordinal).value
                case .alphaInterval: value = KrippendorffAlpha.compute(coincidences, table: table, level: .interval).value
                case .fleissGeneralised:
                    if pairable > 0 {
                        let expected = shares.reduce(0.0) { $0 + ($1 / Double(rated)) * ($1 / Double(rated)) }
                        let basis = AgreementBasis(items: rated, raters: 0, ratings: 0)
                        value = FleissKappa.kappa(observed: agreementSum / Double(pairable), expected: expected, basis: basis).value
                    }
                }
                if let value, value.isFinite { values[figure]!.append(value) }
            }
        }
        var result: [String: BootstrapInterval] = [:]
        for figure in figures {
            if let interval = BootstrapInterval.interval(values[figure]!, replicates: replicates, confidence: confidence, seed: seed) {
                result[figure.rawValue] = interval
            }
        }
        return result
    }
}
