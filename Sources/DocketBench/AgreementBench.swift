import DocketCore
import Foundation

/// Times Krippendorff's alpha over 1,000,000 ratings (200,000 items x 5 raters, 20% missing, 5 ordered labels),
/// the benchmark; the Python `krippendorff` package takes about 0.05 s here. Returns seconds per figure
/// (best of five runs) keyed for `DocketBench --json`.
func runAgreementBench() -> [String: Double] {
    let items = 200_000, raters = 5, labels = 5
    var generator = SeededGenerator(seed: 42)
    var coded: [(item: Int32, rater: Int32, label: Int32)] = []
    coded.reserveCapacity(items * raters)
    for item in 0 ..< items {
        // Raters mostly agree around an item's true label, so alpha lands in a realistic range.
        let truth = generator.index(below: labels)
        for rater in 0 ..< raters where generator.index(below: 5) != 0 {
            let label = generator.index(below: 4) == 0 ? generator.index(below: labels) : truth
            coded.append((Int32(item), Int32(rater), Int32(label)))
        }
    }
    let clock = ContinuousClock()
    func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
    func best(_ body: () -> Void) -> Double {
        (0 ..< 5).map { _ in seconds(clock.measure(body)) }.min()!
    }
    var table: RatingsTable!
    let build = best {
        table = RatingsTable(items: (0 ..< items).map { "i\($0)" }, raters: (0 ..< raters).map { "r\($0)" },
                             labels: (0 ..< labels).map(String.init), labelValues: (0 ..< labels).map(Double.init),
                             codedRatings: coded)
    }
    var results: [String: Double] = ["alpha_ratings": Double(table.ratingCount), "ratings_table_build_s": build]
    var sink = 0.0
    for level in MeasurementLevel.allCases {
        results["alpha_\(level.rawValue)_s"] = best { sink += KrippendorffAlpha.compute(table, level: level).value ?? 0 }
    }
    results["alpha_all_levels_one_pass_s"] = best {
        let matrix = CoincidenceMatrix(table)
        for level in MeasurementLevel.allCases { sink += KrippendorffAlpha.compute(matrix, table: table, level: level).value ?? 0 }
    }
    results["alpha_nominal_value"] = KrippendorffAlpha.compute(table, level: .nominal).value ?? .nan
    return results
}
