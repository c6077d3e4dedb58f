import DocketCore
import DocketStore
import Testing

/// Compares an agreement summary with one task block of reference-values.json, figure by figure.
enum ReferenceCheck {
    static let tolerance = 1e-4

    static func close(_ actual: Double?, _ expected: JSONValue?, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let expected = expected?.doubleValue else { return }
        guard let actual else {
            Issue.record("\(what): nil, expected \(expected)", sourceLocation: sourceLocation)
            return
        }
        #expect(abs(actual - expected) < tolerance, "\(what): \(actual) vs \(expected)", sourceLocation: sourceLocation)
    }

    static func counts(_ json: JSONValue?) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: (json?.objectValue ?? []).map { ($0.0, Int($0.1.doubleValue!)) })
    }

    static func expectMatches(_ summary: AgreementSummary, _ reference: JSONValue) {
        #expect(summary.items == Int(reference["n_items"]!.doubleValue!))
        #expect(summary.ratings == Int(reference["n_ratings"]!.doubleValue!))
        #expect(summary.reviewers == Int(reference["n_raters"]!.doubleValue!))
        #expect(Dictionary(uniqueKeysWithValues: summary.itemsByRatingCount.map { (String($0.key), $0.value) }) == counts(reference["raters_per_item"]))
        close(summary.percentAgreement.value, reference["percent_agreement_mean_pairwise"], "percent agreement")
        for level in MeasurementLevel.allCases {
            close(summary.krippendorffAlpha[level]?.value, reference["krippendorff_alpha_\(level.rawValue)"], "alpha \(level)")
        }
        if reference["ordinal_value_map"] == nil {
            #expect(summary.krippendorffAlpha[.ordinal]?.value == nil)
        }
        close(summary.fleissKappaGeneralised.value, reference["irrCAC_fleiss_generalised_kappa_all_items"], "generalised Fleiss")
        let fixed = reference["fleiss_kappa_statsmodels"]!
        close(summary.fleissKappa.value, fixed["kappa"], "Fleiss fixed")
        #expect(summary.fleissRatersPerItem == Int(fixed["raters_per_item"]!.doubleValue!))
        #expect(summary.fleissKappa.basis.items == Int(fixed["n_items_used"]!.doubleValue!))
        #expect(summary.fleissKappa.basis.itemsDropped == Int(fixed["n_items_left_out"]!.doubleValue!))
        #expect(summary.cohenKappa.count == Int(reference["rater_pairs_with_overlap"]!.doubleValue!))
        for pair in reference["cohen_kappa_pairs"]!.arrayValue! {
            let a = pair["rater_a"]!.stringValue!, b = pair["rater_b"]!.stringValue!
            guard let mine = summary.cohenKappa.first(where: { ($0.a, $0.b) == (a, b) || ($0.a, $0.b) == (b, a) }) else {
                Issue.record("no Cohen pair \(a)-\(b)")
                continue
            }
            #expect(mine.items == Int(pair["n_items_both"]!.doubleValue!))
            close(mine.percentAgreement, pair["percent_agreement"], "Cohen \(a)-\(b) agreement")
            close(mine.kappa, pair["cohen_kappa"], "Cohen \(a)-\(b)")
            close(mine.kappaLinear, pair["cohen_kappa_linear"], "Cohen linear \(a)-\(b)")
            close(mine.kappaQuadratic, pair["cohen_kappa_quadratic"], "Cohen quadratic \(a)-\(b)")
        }
        // The top pairs by items in common, in the reference's order where the reference lists a selection.
        if reference["cohen_pair_selection"]?.stringValue?.hasPrefix("the 5") == true {
            let top = reference["cohen_kappa_pairs"]!.arrayValue!.map { "\($0["rater_a"]!.stringValue!)-\($0["rater_b"]!.stringValue!)" }
            #expect(summary.cohenKappa.prefix(5).map { "\($0.a)-\($0.b)" } == top)
        }
        for (label, expected) in reference["per_label"]!.objectValue! {
            guard let mine = summary.perLabel.first(where: { $0.label == label }) else {
                Issue.record("no per-label entry for \(label)")
                continue
            }
            #expect(mine.ratings == Int(expected["ratings"]!.doubleValue!))
            close(mine.fleissKappa.value, expected["fleiss_kappa_one_vs_rest_fixed_m_items"], "per-label Fleiss \(label)")
            close(mine.krippendorffAlpha.value, expected["krippendorff_alpha_one_vs_rest_all_items"], "per-label alpha \(label)")
        }
        let gold = reference["gold_labels"]!
        var strict = counts(gold["strict_majority_counts"])
        let ties = strict.removeValue(forKey: "TIE") ?? 0
        #expect(summary.gold.majority == strict)
        #expect(summary.gold.majorityTies == ties)
        #expect(summary.gold.dawidSkene == counts(gold["dawid_skene_1000_iterations_counts"]))
    }
}
