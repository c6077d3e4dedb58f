import DocketCore
import GRDB

extension ReviewStore {
    /// The agreement report of `queue` as `docket report agreement` builds it (the command and DocketBench share
    /// this one path): the decisions in force since `since`, figured on the queue's labels.
    ///
    /// - Parameters:
    ///   - scale: label values for an ordered scale; nil takes them from the label ids when all are numbers.
    ///   - bootstrap: resamples for the intervals; nil picks ``AgreementSummary/Options/defaultReplicates(ratings:)``.
    public func agreementReport(queue: String, since: Double? = nil, scale: [String: Double]? = nil,
                                positives: [String: [String]] = [:], bootstrap: Int? = nil,
                                seed: UInt64 = 20_240_501, top: Int = 20) throws -> AgreementReport {
        let definition = try self.queue(queue)
        let labels = definition.labels.map(\.id)
        let log = try reviewLog(queue: queue, since: since)
        let values = scale ?? AgreementReport.numericValues(labels)
        let replicates = bootstrap ?? AgreementSummary.Options.defaultReplicates(ratings: log.ratingItems.count)
        return AgreementReport.build(
            queue: queue, labels: labels, log: log, values: values, since: since,
            options: AgreementSummary.Options(bootstrapReplicates: replicates, seed: seed),
            positives: positives, disagreedLimit: top, tags: definition.tags.map(\.id))
    }

    /// Reads what the agreement report needs from `queue`: every decision in force (decided at or after `since`
    /// when given) in item order, then decision order; the lead's adjudications; and the model scores of the items
    /// that have decisions in force (unless `withScores` is false: an export's aggregation needs only the votes).
    /// See ``ReviewLogReader`` for how a million decisions are read quickly.
    public func reviewLog(queue: String, since: Double? = nil, withScores: Bool = true) throws -> ReviewLog {
        try pool.read { db in
            // The queue's items as a range of row ids (a queue's items are imported together), so every table is
            // walked along its own key.
            guard let range = try Row.fetchOne(db, sql: "SELECT min(id), max(id) FROM items WHERE queue_id = ?", arguments: [queue]),
                  let low = range[0] as Int64?, let high = range[1] as Int64? else { return ReviewLog() }
            var reader = try ReviewLogReader(db, queue: queue, low: low, high: high, since: since)
            try reader.read(withScores: withScores)
            return reader.log
        }
    }
}
