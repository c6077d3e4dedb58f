/// The report as aligned terminal text or as Markdown: the same sections, tables fitted to a width.
extension AgreementReport {
    /// Plain text for a terminal `width` columns wide.
    public func table(width: Int = 100) -> String { ReportSection.plain(sections(), width: width) }

    /// GitHub-flavoured Markdown.
    public func markdown() -> String { ReportSection.markdown(sections()) }

    func sections() -> [ReportSection] {
        let s = summary
        var overview = ReportSection(title: "Agreement report: queue \(ContentSanitiser.sanitiseLine(queue))")
        overview.lines = [
            "\(s.items) items, \(s.ratings) ratings, \(s.reviewers) reviewers" + (since.map { " (decisions since \(Timestamp.format($0)))" } ?? ""),
            "items by number of ratings: " + s.itemsByRatingCount.keys.sorted().map { "\($0): \(s.itemsByRatingCount[$0]!)" }.joined(separator: ", "),
        ]
        if s.items == 0 {
            overview.lines = ["nothing to report: no label decisions in force in this queue" + (since == nil ? "" : " since then")]
            return [overview]
        }
        if let intra = intraAnnotator {
            overview.lines.append("reviewers against their own repeated ratings: \(intra.pairs) pairs from \(intra.reviewers) reviewers, "
                                  + "\(percent(intra.agreement)) the same, Cohen's kappa \(format(intra.kappa))")
        }
        if s.repeatsDropped > 0 { overview.lines.append("\(s.repeatsDropped) repeated ratings left out (a reviewer's first rating counts)") }
        var figures: [[String]] = [row("Percent agreement (mean pairwise)", s.percentAgreement, "percent_agreement")]
        for level in MeasurementLevel.allCases {
            figures.append(row("Krippendorff's alpha, \(level.rawValue)", s.krippendorffAlpha[level]!, "krippendorff_alpha_\(level.rawValue)"))
        }
        figures.append(row("Fleiss' kappa (items with \(s.fleissRatersPerItem) ratings)", s.fleissKappa, nil))
        figures.append(row("Fleiss' kappa, generalised", s.fleissKappaGeneralised, "fleiss_kappa_generalised"))
        figures.append(["Randolph's free-marginal kappa", format(s.extras.randolphKappa), "-", String(s.percentAgreement.basis.items),
                        "chance = every label equally likely (\(s.labels.count) labels)"])
        figures.append(["Items where all reviewers agree", percent(s.extras.unanimousShare), "-", String(s.percentAgreement.basis.items), "items with 2+ ratings"])
        overview.table = TextTable(header: ["Figure", "Value", "95% CI", "Items", "Note"], rows: figures)

        var perLabel = ReportSection(title: "Per label (one vs rest)")
        let labelRows = s.perLabel.map { [$0.label, String($0.ratings), format($0.fleissKappa.value), format($0.krippendorffAlpha.value)] }
        let tagRows = perTag.map { ["tag: " + $0.label, String($0.ratings), format($0.fleissKappa.value), format($0.krippendorffAlpha.value)] }
        perLabel.table = TextTable(header: ["Label", "Ratings", "Fleiss kappa", "Alpha"], rows: labelRows + tagRows)

        var pairs = ReportSection(title: "Reviewer pairs (Cohen's kappa)")
        pairs.table = TextTable(header: ["Pair", "Items", "Agree", "Kappa", "Linear", "Quadratic"], rows: s.cohenKappa.prefix(40).map {
            ["\($0.a) / \($0.b)", String($0.items), percent($0.percentAgreement), format($0.kappa), format($0.kappaLinear), format($0.kappaQuadratic)]
        })
        pairs.lines = ["\(s.cohenKappa.count) of \(s.extras.overlappingPairs) reviewer pairs with items in common have at least "
                       + "\(s.cohenMinimumItems) (--min-pair-items)" + (s.cohenKappa.count > 40 ? "; the 40 with the most items in common are shown, all \(s.cohenKappa.count) in --format json" : "")]

        var confusion = ReportSection(title: "Labels between reviewers (pairs of ratings of one item)")
        confusion.lines = ["row label by one reviewer, column label by another; each pair of ratings counted both ways"]
        confusion.table = TextTable(header: ["Label"] + s.labels, rows: s.labels.indices.map { a in
            [s.labels[a]] + s.labels.indices.map { String(s.extras.confusion[a][$0]) }
        })

        var gold = ReportSection(title: "Gold labels")
        gold.table = TextTable(header: ["Label", "Majority", "Dawid-Skene"], rows: s.labels.map {
            [$0, String(s.gold.majority[$0] ?? 0), String(s.gold.dawidSkene[$0] ?? 0)]
        } + [["tie (to adjudication)", String(s.gold.majorityTies), "-"]])
        gold.lines = ["Dawid-Skene: \(s.gold.dawidSkeneIterations) EM steps" + (s.gold.dawidSkeneConverged ? ", converged" : ", iteration limit reached")
                      + (adjudicatedItems > 0 ? "; \(adjudicatedItems) items adjudicated by a lead (override both)" : "")]

        var people = ReportSection(title: "Per reviewer")
        people.lines = ["flagged first, then lowest agreement with the consensus; flags: low_gold_accuracy (under 80% on 5+ gold items), "
                        + "low_consensus (15+ points under the median reviewer), fast (median time under half the median reviewer's)"]
        people.table = TextTable(header: ["Reviewer", "Items", "Consensus", "Gold acc.", "Median s", "Skip", "Escalate", "Flags"], rows: reviewers.map {
            [$0.reviewer, String($0.items), percent($0.agreementWithConsensus), percent($0.goldAccuracy),
             $0.medianSeconds.map { String(Int($0.rounded())) } ?? "-", percent($0.skipRate), percent($0.escalationRate), $0.flags.joined(separator: " ")]
        })

        var models = ReportSection(title: "Human vs model")
        if model.isEmpty { models.lines = ["no model scores on items with a gold label"] }
        models.table = model.isEmpty ? nil : TextTable(header: ["Model / category", "Items", "Threshold", "Precision", "Recall", "F1", "Best t", "Best F1"], rows: model.map {
            ["\($0.model) / \($0.category)", String($0.items), format($0.threshold), format($0.precision), format($0.recall),
             format($0.f1), format($0.bestThreshold), format($0.bestF1)]
        })

        var disagreed = ReportSection(title: "Most disagreed items")
        if mostDisagreed.isEmpty { disagreed.lines = ["reviewers agree on every item"] }
        disagreed.table = mostDisagreed.isEmpty ? nil : TextTable(header: ["Item", "Ratings", "Agree", "Votes", "Text"], rows: mostDisagreed.map {
            [$0.item, String($0.ratings), percent($0.agreement), $0.votes.map { "\($0.label) x\($0.count)" }.joined(separator: ", "), $0.snippet ?? ""]
        })
        if let suggestions { people.lines.append(suggestions.sentence) }
        return [overview, perLabel, pairs, gold, people, models, disagreed, confusion]
    }

    private func row(_ name: String, _ figure: AgreementFigure, _ interval: String?) -> [String] {
        let ci = interval.flatMap { summary.intervals[$0] }.map { "\(format($0.low))..\(format($0.high))" } ?? "-"
        let note = figure.reason ?? (figure.basis.itemsDropped > 0 ? "\(figure.basis.itemsDropped) items left out: " + figure.basis.dropped.map(\.reason).joined(separator: "; ") : "")
        return [name, format(figure.value), ci, String(figure.basis.items), note]
    }
}

/// Text broken at spaces into lines of at most `width` display columns (a longer word is cut).
func wrap(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: false).map(String.init) {
        let candidate = current.isEmpty ? word : current + " " + word
        if DisplayWidth.of(candidate) <= width { current = candidate; continue }
        if !current.isEmpty { lines.append(current) }
        current = DisplayWidth.of(word) > width ? DisplayWidth.truncate(word, to: width) : word
    }
    if !current.isEmpty || lines.isEmpty { lines.append(current) }
    return lines
}

/// A figure with three decimals, "-" when undefined.
func format(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "-" }
    let scaled = (value * 1000).rounded() / 1000
    var text = String(scaled)
    if let dot = text.firstIndex(of: ".") {
        let decimals = text.distance(from: dot, to: text.endIndex) - 1
        if decimals < 3 { text += String(repeating: "0", count: 3 - decimals) }
    }
    return text == "-0.000" ? "0.000" : text
}

/// A share as a whole percentage, "-" when undefined.
func percent(_ value: Double?) -> String {
    guard let value, value.isFinite else { return "-" }
    return String(Int((value * 100).rounded())) + "%"
}
