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
        let replicates = bootstrap ?? AgreementSummary.Options.defaultReplicates(ratings: log.ratings.count)
        return AgreementReport.build(
            queue: queue, labels: labels, log: log, values: values, since: since,
            options: AgreementSummary.Options(bootstrapReplicates: replicates, seed: seed),
            positives: positives, disagreedLimit: top, tags: definition.tags.map(\.id))
    }

    /// Reads what the agreement report needs from `queue` in one streaming pass per table: every decision in
    /// force (decided at or after `since` when given), the lead's adjudications and the items' model scores.
    public func reviewLog(queue: String, since: Double? = nil) throws -> ReviewLog {
        var log = ReviewLog()
        try forEachDecisionInForce(queue: queue, since: since) { entry in
            log.add(item: entry.externalID, decision: entry.decision, gold: entry.goldLabel)
        }
        log.adjudicated = try adjudications(queue: queue)
        try pool.read { db in
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT i.external_id, s.model, s.category, s.score, s.threshold
                FROM scores s JOIN items i ON i.id = s.item_id WHERE i.queue_id = ?
                ORDER BY s.item_id
                """, arguments: [queue])
            while let row = try cursor.next() {
                log.add(item: row[0], score: ModelScore(model: row[1], category: row[2], score: row[3], threshold: row[4]))
            }
        }
        return log
    }
}
