import DocketCore

// Built on the interface alone, like the agreement report: a backend supplies the review log and, for slices,
// ``ReviewStore/metadataValues(queue:field:)``.
extension ReviewStore {
    /// The model report of `queue` as `docket report model` builds it: the queue's review log (votes,
    /// adjudications, gold answers, scores) and, when `sliceField` is given, each item's value of that metadata field.
    ///
    /// Throws ``DocketError/notFound(_:)`` for an unknown queue.
    public func modelReport(queue: String, gold: ModelReport.GoldSource = .consensus, positives: [String: [String]] = [:],
                            sliceField: String? = nil, models: [String] = [], options: ModelEvaluation.Options = .init()) throws -> ModelReport {
        let definition = try self.queue(queue)
        let log = try reviewLog(queue: queue, since: nil, withScores: true)
        let slices = try sliceField.map { try metadataValues(queue: queue, field: $0) }
        return ModelReport.build(queue: queue, labels: definition.labels.map(\.id), log: log, gold: gold, positives: positives,
                                 sliceField: sliceField, slices: slices, models: models, options: options)
    }
}
