import DocketCore
import DocketIO

// Built on the interface alone, so the report's figures come from one piece of code whichever backend holds the
// decisions: a backend supplies ``ReviewStore/reviewLog(queue:since:withScores:)`` and the queue, nothing else.
extension ReviewStore {
    /// The agreement report of `queue` as `docket report agreement` builds it (the command and DocketBench share
    /// this one path): the decisions in force since `since`, figured on the queue's labels.
    ///
    /// - Parameters:
    ///   - scale: label values for an ordered scale; nil takes them from the label ids when all are numbers.
    ///   - bootstrap: resamples for the intervals; nil picks ``AgreementSummary/Options/defaultReplicates(ratings:)``.
    public func agreementReport(queue: String, since: Double? = nil, scale: [String: Double]? = nil,
                                positives: [String: [String]] = [:], bootstrap: Int? = nil,
                                seed: UInt64 = 20_240_501, top: Int = 20, minPairItems: Int = 10) throws -> AgreementReport {
        let definition = try self.queue(queue)
        let labels = definition.labels.map(\.id)
        let log = try reviewLog(queue: queue, since: since, withScores: true)
        let values = scale ?? AgreementReport.numericValues(labels)
        let replicates = bootstrap ?? AgreementSummary.Options.defaultReplicates(ratings: log.ratingItems.count)
        var options = AgreementSummary.Options(bootstrapReplicates: replicates, seed: seed, cohenMinimumItems: minPairItems)
        // Dawid-Skene on one thread, the other figures and their bootstrap on another: a large report takes half the time.
        options.parallel = TwoThreads()
        var report = AgreementReport.build(
            queue: queue, labels: labels, log: log, values: values, since: since,
            options: options,
            positives: positives, disagreedLimit: top, tags: definition.tags.map(\.id))
        // Repeated ratings, kept by the import in the items' metadata, against each reviewer's label in force.
        let repeats = try metadataValues(queue: queue, field: IntraAnnotatorAgreement.metadataField)
        if !repeats.isEmpty {
            var inForce: [String: String] = [:]
            for rating in log.ratings where repeats[rating.item] != nil { inForce[rating.item + "\u{1F}" + rating.rater] = rating.label }
            var pairs: [(reviewer: String, first: String, repeated: String)] = []
            for (item, text) in repeats {
                for again in IntraAnnotatorAgreement.repeats(fromJSON: text) {
                    if let first = inForce[item + "\u{1F}" + again.reviewer] { pairs.append((again.reviewer, first, again.label)) }
                }
            }
            report.intraAnnotator = IntraAnnotatorAgreement(pairs: pairs, labels: labels)
        }
        // The texts of the few listed items only: the log holds no texts, a large queue's would not fit.
        for index in report.mostDisagreed.indices {
            let text = try item(queue: queue, externalID: report.mostDisagreed[index].item).text
            report.mostDisagreed[index].snippet = AgreementReport.snippet(text)
        }
        if definition.suggestionModel != nil { report.suggestions = try suggestionCount(queue: definition, since: since) }
        return report
    }

    /// Label decisions in force, those made with the model's suggestion shown and those that kept it. The label
    /// suggested is worked out again from the item's scores, by the rule the screen used.
    func suggestionCount(queue: QueueDefinition, since: Double?) throws -> SuggestionCount {
        var count = SuggestionCount(decisions: 0, shown: 0, accepted: 0)
        var shown: [(externalID: String, label: String?)] = []
        try forEachDecisionInForce(queue: queue.id, since: since) { entry in
            guard entry.decision.kind == .label else { return }
            count.decisions += 1
            if entry.decision.origin == ModelSuggestion.origin { shown.append((entry.decision.externalID, entry.decision.label)) }
        }
        count.shown = shown.count
        for decision in shown {
            let item = try self.item(queue: queue.id, externalID: decision.externalID)
            if ModelSuggestion.label(for: item, in: queue) == decision.label { count.accepted += 1 }
        }
        return count
    }
}
