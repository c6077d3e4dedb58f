
/// Every agreement figure of the `docket report agreement` contract, computed from one ratings table.
public struct AgreementSummary: Sendable {
    /// How the summary is computed.
    public struct Options: Sendable {
        /// Bootstrap resamples for the confidence intervals (0 = no intervals).
        public var bootstrapReplicates: Int
        /// Seed of the bootstrap.
        public var seed: UInt64
        /// Confidence level of the intervals, e.g. 0.95.
        public var confidence: Double
        /// Dawid-Skene settings for the gold counts.
        public var dawidSkene: DawidSkene
        /// Reviewer pairs need at least this many items in common to get a Cohen's kappa.
        public var cohenMinimumItems: Int
        /// Runs the report's two halves (see ``AgreementSummary/compute(_:options:adjudicated:)``): one after
        /// the other unless the caller passes threads (DocketIO's `TwoThreads`, as the store's report does).
        public var parallel: any ParallelWork = InOrder()

        public init(bootstrapReplicates: Int = 200, seed: UInt64 = 20_240_501, confidence: Double = 0.95,
                    dawidSkene: DawidSkene = DawidSkene(maxIterations: 1000, tolerance: 1e-9), cohenMinimumItems: Int = 10) {
            self.bootstrapReplicates = bootstrapReplicates
            self.seed = seed
            self.confidence = confidence
            self.dawidSkene = dawidSkene
            self.cohenMinimumItems = cohenMinimumItems
        }

        /// The report's default resamples: 200, scaled down above 100,000 ratings so resampling stays near
        /// 20 million ratings in all (at least 20), which keeps the report quick on large queues.
        public static func defaultReplicates(ratings: Int) -> Int {
            ratings <= 100_000 ? 200 : max(20, 20_000_000 / ratings)
        }
    }

    /// Gold-label counts per label under each aggregation.
    public struct GoldCounts: Sendable, Equatable {
        /// Strict majority: label -> items; ties are counted in `majorityTies`, never given a label.
        public var majority: [String: Int]
        /// Items whose top vote count is shared and that no lead has adjudicated.
        public var majorityTies: Int
        /// Dawid-Skene: label -> items.
        public var dawidSkene: [String: Int]
        /// EM steps Dawid-Skene ran.
        public var dawidSkeneIterations: Int
        /// Whether Dawid-Skene stopped on its tolerance.
        public var dawidSkeneConverged: Bool
    }

    /// Items with at least one rating.
    public var items: Int
    /// Ratings counted.
    public var ratings: Int
    /// Reviewers with at least one rating.
    public var reviewers: Int
    /// Ratings left out because the reviewer had already rated the item.
    public var repeatsDropped: Int
    /// The label order of every figure.
    public var labels: [String]
    /// Items per number of ratings.
    public var itemsByRatingCount: [Int: Int]
    /// Mean pairwise agreement over items with two or more ratings.
    public var percentAgreement: AgreementFigure
    /// Krippendorff's alpha per level (nil value where the scale does not allow the level).
    public var krippendorffAlpha: [MeasurementLevel: AgreementFigure]
    /// Fleiss' kappa on the items with the most common number of ratings.
    public var fleissKappa: AgreementFigure
    /// The number of ratings per item that `fleissKappa` used.
    public var fleissRatersPerItem: Int
    /// Fleiss' kappa generalised to a variable number of ratings (irrCAC).
    public var fleissKappaGeneralised: AgreementFigure
    /// Cohen's kappa per reviewer pair with enough common items, most items first.
    public var cohenKappa: [CohenKappa.Pair]
    /// One-vs-rest agreement per label.
    public var perLabel: [PerLabelAgreement]
    /// Gold label counts under majority vote and Dawid-Skene.
    public var gold: GoldCounts
    /// Gold labels per item under majority vote and under Dawid-Skene (table order).
    public var majorityLabels: [GoldLabeler.GoldLabel]
    /// Gold labels per item under Dawid-Skene (table order).
    public var dawidSkeneLabels: [GoldLabeler.GoldLabel]
    /// Bootstrap intervals by figure name (`percent_agreement`, `krippendorff_alpha_nominal`, `fleiss_kappa_generalised`, ...).
    public var intervals: [String: BootstrapInterval]
    /// Randolph's kappa, the unanimous share, the label confusion between reviewers, the overlapping pairs.
    public var extras: AgreementExtras
    /// The fewest items in common a reviewer pair needs for Cohen's kappa (``Options/cohenMinimumItems``).
    public var cohenMinimumItems: Int

    /// Computes every figure on `table`.
    ///
    /// Two halves of about equal length on a large queue, run by ``Options/parallel``: Dawid-Skene (the longest
    /// figure) in one, every other figure and then the bootstrap (which needs to know which figures are defined)
    /// in the other. Every figure is the same whether they run on one thread or two.
    public static func compute(_ table: RatingsTable, options: Options = Options(), adjudicated: [String: String] = [:]) -> AgreementSummary {
        let parts = Parts()
        options.parallel.both({
            let model = options.dawidSkene.fit(table)
            parts.model = model
            parts.fitted = GoldLabeler(method: .dawidSkene(options.dawidSkene)).label(table, adjudicated: adjudicated, fitted: model)
        }, {
            let matrix = CoincidenceMatrix(table)
            for level in MeasurementLevel.allCases { parts.alpha[level] = KrippendorffAlpha.compute(matrix, table: table, level: level) }
            parts.percent = PercentAgreement.compute(table)
            parts.fleissGeneralised = FleissKappa.generalised(table)
            parts.fleiss = FleissKappa.fixedRaters(table)
            parts.majority = GoldLabeler(method: .majority).label(table, adjudicated: adjudicated)
            parts.cohen = CohenKappa.allPairs(table, minimumItems: options.cohenMinimumItems)
            parts.perLabel = PerLabelAgreement.compute(table)
            if options.bootstrapReplicates > 0 {
                // Only figures defined on the whole table get an interval.
                let defined: [BootstrapFigures.Figure: Bool] = [
                    .percentAgreement: parts.percent?.value != nil, .alphaNominal: parts.alpha[.nominal]?.value != nil,
                    .alphaOrdinal: parts.alpha[.ordinal]?.value != nil, .alphaInterval: parts.alpha[.interval]?.value != nil,
                    .fleissGeneralised: parts.fleissGeneralised?.value != nil,
                ]
                let bootstrapped = BootstrapFigures.Figure.allCases.filter { defined[$0]! }
                parts.intervals = BootstrapFigures(table).intervals(bootstrapped, replicates: options.bootstrapReplicates,
                                                                    confidence: options.confidence, seed: options.seed)
            }
        })
        let model = parts.model!
        var majorityCounts: [String: Int] = [:]
        var ties = 0
        for gold in parts.majority {
            if let label = gold.label { majorityCounts[label, default: 0] += 1 } else if gold.tie { ties += 1 }
        }
        var dsCounts: [String: Int] = [:]
        for gold in parts.fitted { if let label = gold.label { dsCounts[label, default: 0] += 1 } }
        return AgreementSummary(
            items: table.items.count, ratings: table.ratingCount, reviewers: table.raterCount(inItemsWithAtLeast: 1),
            repeatsDropped: table.repeatsDropped, labels: table.labels, itemsByRatingCount: table.itemsByRatingCount(),
            percentAgreement: parts.percent!, krippendorffAlpha: parts.alpha, fleissKappa: parts.fleiss!.figure,
            fleissRatersPerItem: parts.fleiss!.ratersPerItem, fleissKappaGeneralised: parts.fleissGeneralised!,
            cohenKappa: parts.cohen, perLabel: parts.perLabel,
            gold: GoldCounts(majority: majorityCounts, majorityTies: ties, dawidSkene: dsCounts,
                             dawidSkeneIterations: model.iterations, dawidSkeneConverged: model.converged),
            majorityLabels: parts.majority, dawidSkeneLabels: parts.fitted, intervals: parts.intervals,
            extras: AgreementExtras(table, percentAgreement: parts.percent!.value), cohenMinimumItems: options.cohenMinimumItems)
    }

    /// What the two threads of `compute` hand back; each property is written by one thread only, and read after both end.
    private final class Parts: @unchecked Sendable {
        var model: DawidSkene.Result?
        var fitted: [GoldLabeler.GoldLabel] = []
        var intervals: [String: BootstrapInterval] = [:]
        var alpha: [MeasurementLevel: AgreementFigure] = [:]
        var percent: AgreementFigure?
        var fleissGeneralised: AgreementFigure?
        var fleiss: (figure: AgreementFigure, ratersPerItem: Int)?
        var majority: [GoldLabeler.GoldLabel] = []
        var cohen: [CohenKappa.Pair] = []
        var perLabel: [PerLabelAgreement] = []
    }
}
