import DocketCore
import GRDB

extension ReviewStore {
    /// The model report of `queue` as `docket report model` builds it: the queue's review log (votes,
    /// adjudications, gold answers, scores) and, when `sliceField` is given, each item's value of that metadata field.
    ///
    /// Throws the store's not-found error for an unknown queue.
    public func modelReport(queue: String, gold: ModelReport.GoldSource = .consensus, positives: [String: [String]] = [:],
                            sliceField: String? = nil, models: [String] = [], options: ModelEvaluation.Options = .init()) throws -> ModelReport {
        let definition = try self.queue(queue)
        let log = try reviewLog(queue: queue)
        let slices = try sliceField.map { try metadataValues(queue: queue, field: $0) }
        return ModelReport.build(queue: queue, labels: definition.labels.map(\.id), log: log, gold: gold, positives: positives,
                                 sliceField: sliceField, slices: slices, models: models, options: options)
    }

    /// Each item's value of the top-level metadata field `field`, by external id (items without it are left out;
    /// numbers and booleans as their JSON text, objects and arrays as compact JSON).
    public func metadataValues(queue: String, field: String) throws -> [String: String] {
        try pool.read { db in
            var values: [String: String] = [:]
            let reader = MetadataField(name: field)
            let rows = try Row.fetchCursor(db, sql: "SELECT external_id, meta FROM items WHERE queue_id = ?", arguments: [queue])
            while let row = try rows.next() {
                let id: String = row[0], meta: String = row[1]
                if let value = reader.value(inJSON: meta) { values[id] = value }
            }
            return values
        }
    }
}
