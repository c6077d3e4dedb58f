import DocketCore

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
        var report = AgreementReport.build(
            queue: queue, labels: labels, log: log, values: values, since: since,
            options: AgreementSummary.Options(bootstrapReplicates: replicates, seed: seed, cohenMinimumItems: minPairItems),
            positives: positives, disagreedLimit: top, tags: definition.tags.map(\.id))
        // The texts of the few listed items only: the log holds no texts, a large queue's would not fit.
        for index in report.mostDisagreed.indices {
            let text = try item(queue: queue, externalID: report.mostDisagreed[index].item).text
            report.mostDisagreed[index].snippet = AgreementReport.snippet(text)
        }
        return report
    }
}
