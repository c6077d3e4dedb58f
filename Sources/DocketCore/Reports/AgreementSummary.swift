/// Every agreement figure of the `docket report agreement` contract, computed from one ratings table.
public struct AgreementSummary: Sendable {
    /// How the summary is computed.
    public struct Options: Sendable {
        /// Bootstrap resamples for the confidence intervals (0 = no intervals).
        public var bootstrapReplicates: Int
        public var seed: UInt64
        public var confidence: Double
        /// Dawid-Skene settings for the gold counts.
        public var dawidSkene: DawidSkene
        /// Reviewer pairs need at least this many items in common to get a Cohen's kappa.
        public var cohenMinimumItems: Int

        public init(bootstrapReplicates: Int = 200, seed: UInt64 = 20_240_501, confidence: Double = 0.95,
                    dawidSkene: DawidSkene = DawidSkene(maxIterations: 1000, tolerance: 1e-9), cohenMinimumItems: Int = 10) {
            self.bootstrapReplicates = bootstrapReplicates
            self.seed = seed
            self.confidence = confidence
            self.dawidSkene = dawidSkene
            self.cohenMinimumItems = cohenMinimumItems
        }
    }

    /// Gold-label counts per label under each aggregation.
    public struct GoldCounts: Sendable, Equatable {
        /// Strict majority: label -> items; ties are counted in `majorityTies`, never given a label.
        public var majority: [String: Int]
        public var majorityTies: Int
        public var dawidSkene: [String: Int]
        public var dawidSkeneIterations: Int
        public var dawidSkeneConverged: Bool
    }

    public var items: Int
    public var ratings: Int
    public var reviewers: Int
    /// Ratings left out because the reviewer had already rated the item.
    public var repeatsDropped: Int
    public var labels: [String]
    /// Items per number of ratings.
    public var itemsByRatingCount: [Int: Int]
    public var percentAgreement: AgreementFigure
    public var krippendorffAlpha: [MeasurementLevel: AgreementFigure]
    public var fleissKappa: AgreementFigure
    /// The number of ratings per item that `fleissKappa` used.
    public var fleissRatersPerItem: Int
    public var fleissKappaGeneralised: AgreementFigure
    public var cohenKappa: [CohenKappa.Pair]
    public var perLabel: [PerLabelAgreement]
    public var gold: GoldCounts
    /// Gold labels per item under majority vote and under Dawid-Skene (table order).
    public var majorityLabels: [GoldLabeler.GoldLabel]
    public var dawidSkeneLabels: [GoldLabeler.GoldLabel]
    /// Bootstrap intervals by figure name (`percent_agreement`, `krippendorff_alpha_nominal`, `fleiss_kappa_generalised`, ...).
    public var intervals: [String: BootstrapInterval]

    /// Computes every figure on `table`.
    public static func compute(_ table: RatingsTable, options: Options = Options(), adjudicated: [String: String] = [:]) -> AgreementSummary {
        let matrix = CoincidenceMatrix(table)
        var alpha: [MeasurementLevel: AgreementFigure] = [:]
        for level in MeasurementLevel.allCases { alpha[level] = KrippendorffAlpha.compute(matrix, table: table, level: level) }
        let (fleiss, m) = FleissKappa.fixedRaters(table)
        let majority = GoldLabeler(method: .majority).label(table, adjudicated: adjudicated)
        let model = options.dawidSkene.fit(table)
        let fitted = GoldLabeler(method: .dawidSkene(options.dawidSkene)).label(table, adjudicated: adjudicated, fitted: model)
        var majorityCounts: [String: Int] = [:]
        var ties = 0
        for gold in majority {
            if let label = gold.label { majorityCounts[label, default: 0] += 1 } else if gold.tie { ties += 1 }
        }
        var dsCounts: [String: Int] = [:]
        for gold in fitted { if let label = gold.label { dsCounts[label, default: 0] += 1 } }
        var intervals: [String: BootstrapInterval] = [:]
        if options.bootstrapReplicates > 0 {
            let statistics: [(String, (RatingsTable) -> Double?)] = [
                ("percent_agreement", { PercentAgreement.compute($0).value }),
                ("krippendorff_alpha_nominal", { KrippendorffAlpha.compute($0, level: .nominal).value }),
                ("krippendorff_alpha_ordinal", { KrippendorffAlpha.compute($0, level: .ordinal).value }),
                ("krippendorff_alpha_interval", { KrippendorffAlpha.compute($0, level: .interval).value }),
                ("fleiss_kappa_generalised", { FleissKappa.generalised($0).value }),
            ]
            for (name, statistic) in statistics where statistic(table) != nil {
                intervals[name] = BootstrapInterval.compute(table, replicates: options.bootstrapReplicates,
                                                            confidence: options.confidence, seed: options.seed, statistic: statistic)
            }
        }
        return AgreementSummary(
            items: table.items.count, ratings: table.ratingCount, reviewers: table.raterCount(inItemsWithAtLeast: 1),
            repeatsDropped: table.repeatsDropped, labels: table.labels, itemsByRatingCount: table.itemsByRatingCount(),
            percentAgreement: PercentAgreement.compute(table), krippendorffAlpha: alpha, fleissKappa: fleiss,
            fleissRatersPerItem: m, fleissKappaGeneralised: FleissKappa.generalised(table),
            cohenKappa: CohenKappa.allPairs(table, minimumItems: options.cohenMinimumItems),
            perLabel: PerLabelAgreement.compute(table),
            gold: GoldCounts(majority: majorityCounts, majorityTies: ties, dawidSkene: dsCounts,
                             dawidSkeneIterations: model.iterations, dawidSkeneConverged: model.converged),
            majorityLabels: majority, dawidSkeneLabels: fitted, intervals: intervals)
    }
}
