/// The report as JSON: the `docket report agreement --format json` contract (issue 5). Names are stable;
/// undefined figures are null, never NaN, with the reason next to them.
extension AgreementReport {
    /// The whole report as one JSON object.
    public var json: JSONValue {
        let s = summary
        var members: [(String, JSONValue)] = [
            ("queue", .string(queue)),
            ("since", since.map { .string(Timestamp.format($0)) } ?? .null),
            ("items", int(s.items)),
            ("ratings", int(s.ratings)),
            ("reviewers", int(s.reviewers)),
            ("labels", .array(s.labels.map { .string($0) })),
            ("label_values", labelValues.map { values in .object(s.labels.map { ($0, number(values[$0])) }) } ?? .null),
            ("repeats_dropped", int(s.repeatsDropped)),
            ("items_by_ratings", .object(s.itemsByRatingCount.keys.sorted().map { (String($0), int(s.itemsByRatingCount[$0]!)) })),
            ("percent_agreement", number(s.percentAgreement.value)),
            ("krippendorff_alpha", .object(MeasurementLevel.allCases.map { ($0.rawValue, number(s.krippendorffAlpha[$0]?.value)) })),
            ("fleiss_kappa", number(s.fleissKappa.value)),
            ("fleiss_kappa_generalised", number(s.fleissKappaGeneralised.value)),
        ]
        var basis: [(String, JSONValue)] = [("percent_agreement", figure(s.percentAgreement))]
        for level in MeasurementLevel.allCases { basis.append(("krippendorff_alpha_\(level.rawValue)", figure(s.krippendorffAlpha[level]!))) }
        basis.append(("fleiss_kappa", figure(s.fleissKappa, extra: [("ratings_per_item", int(s.fleissRatersPerItem))])))
        basis.append(("fleiss_kappa_generalised", figure(s.fleissKappaGeneralised)))
        members.append(("computed_on", .object(basis)))
        members.append(("confidence_intervals", .object(s.intervals.keys.sorted().map { name in
            let interval = s.intervals[name]!
            return (name, .object([("low", number(interval.low)), ("high", number(interval.high)),
                                   ("confidence", number(interval.confidence)), ("replicates", int(interval.replicates)),
                                   ("seed", .number(String(interval.seed))), ("method", .string("percentile bootstrap over items"))]))
        })))
        members.append(("cohen_kappa", .array(s.cohenKappa.map { pair in
            .object([("a", .string(pair.a)), ("b", .string(pair.b)), ("items", int(pair.items)),
                     ("percent_agreement", number(pair.percentAgreement)), ("kappa", number(pair.kappa)),
                     ("kappa_linear", number(pair.kappaLinear)), ("kappa_quadratic", number(pair.kappaQuadratic)),
                     ("reason", pair.reason.map { .string($0) } ?? .null)])
        })))
        members.append(("per_label", .object(s.perLabel.map { entry in
            (entry.label, .object([("ratings", int(entry.ratings)),
                                   ("fleiss_kappa", number(entry.fleissKappa.value)),
                                   ("krippendorff_alpha", number(entry.krippendorffAlpha.value)),
                                   ("reason", (entry.krippendorffAlpha.reason ?? entry.fleissKappa.reason).map { .string($0) } ?? .null)]))
        })))
        members.append(("per_tag", .object(perTag.map { entry in
            (entry.label, .object([("ratings", int(entry.ratings)), ("fleiss_kappa", number(entry.fleissKappa.value)),
                                   ("krippendorff_alpha", number(entry.krippendorffAlpha.value)),
                                   ("reason", (entry.krippendorffAlpha.reason ?? entry.fleissKappa.reason).map { .string($0) } ?? .null)]))
        })))
        var majority = s.labels.map { ($0, int(s.gold.majority[$0] ?? 0)) }
        majority.append(("tie", int(s.gold.majorityTies)))
        members.append(("gold", .object([
            ("majority", .object(majority)),
            ("dawid_skene", .object(s.labels.map { ($0, int(s.gold.dawidSkene[$0] ?? 0)) })),
            ("dawid_skene_iterations", int(s.gold.dawidSkeneIterations)),
            ("dawid_skene_converged", .bool(s.gold.dawidSkeneConverged)),
            ("adjudicated", int(adjudicatedItems)),
        ])))
        if let suggestions {
            members.append(("suggestions", .object([("decisions", int(suggestions.decisions)), ("shown", int(suggestions.shown)),
                                                    ("accepted", int(suggestions.accepted))])))
        }
        members.append(("per_reviewer", .array(reviewers.map { row in
            .object([("reviewer", .string(row.reviewer)), ("items", int(row.items)),
                     ("agreement_with_consensus", number(row.agreementWithConsensus)), ("consensus_items", int(row.consensusItems)),
                     ("gold_accuracy", number(row.goldAccuracy)), ("gold_items", int(row.goldItems)),
                     ("median_seconds", number(row.medianSeconds)), ("skip_rate", number(row.skipRate)),
                     ("escalation_rate", number(row.escalationRate)), ("flags", .array(row.flags.map { .string($0) }))])
        })))
        members.append(("human_vs_model", .array(model.map { entry in
            .object([("model", .string(entry.model)), ("category", .string(entry.category)), ("threshold", number(entry.threshold)),
                     ("positive_labels", .array(entry.positiveLabels.map { .string($0) })), ("items", int(entry.items)),
                     ("precision", number(entry.precision)), ("recall", number(entry.recall)), ("f1", number(entry.f1)),
                     ("best_threshold", number(entry.bestThreshold)), ("best_f1", number(entry.bestF1)),
                     ("scores_by_label", .object(entry.byLabel.map { scores in
                         (scores.label, .object([("items", int(scores.items)), ("mean", number(scores.mean)), ("median", number(scores.median)),
                                                 ("histogram", .array(scores.histogram.map(int)))]))
                     }))])
        })))
        members.append(("most_disagreed", .array(mostDisagreed.map { item in
            .object([("item", .string(item.item)), ("ratings", int(item.ratings)), ("agreement", number(item.agreement)),
                     ("votes", .object(item.votes.map { ($0.label, int($0.count)) })), ("entropy", number(item.entropy)),
                     ("snippet", item.snippet.map { .string($0) } ?? .null)])
        })))
        members.append(("randolph_kappa", number(s.extras.randolphKappa)))
        members.append(("all_agree_share", number(s.extras.unanimousShare)))
        members.append(("label_confusion", .object(s.labels.indices.map { a in
            (s.labels[a], .object(s.labels.indices.map { (s.labels[$0], int(s.extras.confusion[a][$0])) }))
        })))
        members.append(("cohen_min_items", int(s.cohenMinimumItems)))
        members.append(("intra_annotator", intraAnnotator.map { intra in
            .object([("pairs", int(intra.pairs)), ("reviewers", int(intra.reviewers)), ("agreement", number(intra.agreement)),
                     ("kappa", number(intra.kappa))])
        } ?? .null))
        members.append(("reviewer_pairs_overlapping", int(s.extras.overlappingPairs)))
        return .object(members)
    }

    private func figure(_ figure: AgreementFigure, extra: [(String, JSONValue)] = []) -> JSONValue {
        .object([("items", int(figure.basis.items)), ("raters", int(figure.basis.raters)), ("ratings", int(figure.basis.ratings)),
                 ("items_dropped", .array(figure.basis.dropped.map { .object([("reason", .string($0.reason)), ("items", int($0.items))]) })),
                 ("reason", figure.reason.map { .string($0) } ?? .null)] + extra)
    }
}

/// A JSON number for a count.
func int(_ value: Int) -> JSONValue { .number(String(value)) }

/// A JSON number for a figure, null when undefined (JSON has no NaN).
func number(_ value: Double?) -> JSONValue {
    guard let value, value.isFinite else { return .null }
    return .number(String(value))
}
