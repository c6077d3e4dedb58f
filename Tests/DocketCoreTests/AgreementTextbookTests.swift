import DocketCore
import Testing

/// Textbook examples (Krippendorff 2011, Fleiss 1971 via Wikipedia, Cohen) against the figures the standard libraries give.
struct AgreementTextbookTests {
    let tolerance = 1e-4

    @Test func krippendorff2011FourObserversAllLevels() {
        let example = AgreementReference.value("textbook_examples", "krippendorff_2011_4x12")
        let table = AgreementReference.numericTable(AgreementReference.ratings(observersByUnits: example["reliability_data_observers_by_units"]!))
        for level in MeasurementLevel.allCases {
            let expected = example["krippendorff_pkg_\(level.rawValue)"]!.doubleValue!
            let figure = KrippendorffAlpha.compute(table, level: level)
            #expect(abs(figure.value! - expected) < tolerance, "\(level): \(figure.value!) vs \(expected)")
        }
        // Unit 12 has a single value: it is left out, and the basis says so.
        let nominal = KrippendorffAlpha.compute(table, level: .nominal)
        #expect(nominal.basis.items == 11)
        #expect(nominal.basis.ratings == 40)
        #expect(nominal.basis.dropped == [.init(reason: "fewer than 2 ratings (no pairable values)", items: 1)])
    }

    @Test func krippendorff2011BinaryTwoObservers() {
        let example = AgreementReference.value("textbook_examples", "krippendorff_2011_binary_2x10")
        let table = RatingsTable(ratings: AgreementReference.ratings(observersByUnits: example["reliability_data_observers_by_units"]!))
        let alpha = KrippendorffAlpha.compute(table, level: .nominal).value!
        #expect(abs(alpha - example["krippendorff_pkg_nominal"]!.doubleValue!) < tolerance)
        let kappa = CohenKappa.pair(table, 0, 1).kappa!
        #expect(abs(kappa - example["cohen_kappa_sklearn"]!.doubleValue!) < tolerance)
    }

    @Test func krippendorffWikipediaThreeCoders() {
        let example = AgreementReference.value("textbook_examples", "krippendorff_wikipedia_3x15")
        let table = AgreementReference.numericTable(AgreementReference.ratings(observersByUnits: example["reliability_data_observers_by_units"]!))
        for level in [MeasurementLevel.nominal, .ordinal, .interval] {
            let expected = example["krippendorff_pkg_\(level.rawValue)"]!.doubleValue!
            #expect(abs(KrippendorffAlpha.compute(table, level: level).value! - expected) < tolerance, "\(level)")
        }
    }

    @Test func fleissWikipediaFourteenRaters() {
        let example = AgreementReference.value("textbook_examples", "fleiss_wikipedia_10x14x5")
        var ratings: [Rating] = []
        for (subject, row) in example["counts_subjects_by_categories"]!.arrayValue!.enumerated() {
            var rater = 0
            for (category, count) in row.arrayValue!.enumerated() {
                for _ in 0 ..< Int(count.doubleValue!) {
                    ratings.append(Rating(item: "s\(subject)", rater: "r\(rater)", label: "c\(category + 1)"))
                    rater += 1
                }
            }
        }
        let table = RatingsTable(ratings: ratings)
        let (fixed, m) = FleissKappa.fixedRaters(table)
        #expect(m == 14)
        #expect(abs(fixed.value! - example["statsmodels_fleiss_kappa"]!.doubleValue!) < tolerance)
        #expect(abs(FleissKappa.generalised(table).value! - example["irrCAC_fleiss"]!.doubleValue!) < tolerance)
        #expect(abs(PercentAgreement.compute(table).value! - example["P_bar"]!.doubleValue!) < tolerance)
        let alpha = KrippendorffAlpha.compute(table, level: .nominal).value!
        #expect(abs(alpha - example["krippendorff_pkg_nominal_same_data"]!.doubleValue!) < tolerance)
    }

    @Test(arguments: ["wikipedia_50_grant_proposals", "wikipedia_same_agreement_example_1", "wikipedia_same_agreement_example_2"])
    func cohenFromContingencyTable(name: String) {
        let example = AgreementReference.value("textbook_examples", "cohen_kappa", name)
        var ratings: [Rating] = []
        var unit = 0
        for (a, row) in example["table_rows_raterA_cols_raterB"]!.arrayValue!.enumerated() {
            for (b, count) in row.arrayValue!.enumerated() {
                for _ in 0 ..< Int(count.doubleValue!) {
                    ratings.append(Rating(item: "u\(unit)", rater: "A", label: ["yes", "no"][a]))
                    ratings.append(Rating(item: "u\(unit)", rater: "B", label: ["yes", "no"][b]))
                    unit += 1
                }
            }
        }
        let table = RatingsTable(ratings: ratings, labels: ["yes", "no"])
        let pair = CohenKappa.pair(table, 0, 1)
        #expect(abs(pair.kappa! - example["sklearn_cohen_kappa"]!.doubleValue!) < tolerance)
        #expect(abs(pair.percentAgreement! - example["published"]!["p_o"]!.doubleValue!) < tolerance)
    }

    @Test func cohenWeightedOnKrippendorffObserversAB() {
        let example = AgreementReference.value("textbook_examples", "cohen_kappa", "krippendorff_2011_observers_A_B_units_1_9")
        var ratings: [Rating] = []
        for (rater, key) in [("A", "rater_a"), ("B", "rater_b")] {
            for (unit, value) in example[key]!.arrayValue!.enumerated() {
                ratings.append(Rating(item: "u\(unit)", rater: rater, label: value.doubleValue!.formatted()))
            }
        }
        let pair = CohenKappa.pair(RatingsTable(ratings: ratings), 0, 1)
        #expect(abs(pair.kappa! - example["sklearn_cohen_kappa"]!.doubleValue!) < tolerance)
        #expect(abs(pair.kappaLinear! - example["sklearn_cohen_kappa_linear"]!.doubleValue!) < tolerance)
        #expect(abs(pair.kappaQuadratic! - example["sklearn_cohen_kappa_quadratic"]!.doubleValue!) < tolerance)
    }
}
