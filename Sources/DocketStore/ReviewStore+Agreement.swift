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
    /// that have decisions in force.
    ///
    /// Built for a million decisions: rows are stepped through the SQLite C API and reviewers, labels and kinds are
    /// coded from their bytes, so no `Decision` value or string per decision is made. The queue's items are read as
    /// a range of row ids (a queue's items are imported together), so each table is walked in its own key order
    /// and the three reads are merged by item id, with no sorting in SQL.
    public func reviewLog(queue: String, since: Double? = nil) throws -> ReviewLog {
        try pool.read { db in
            var log = ReviewLog()
            guard let range = try Row.fetchOne(db, sql: "SELECT min(id), max(id) FROM items WHERE queue_id = ?", arguments: [queue]),
                  let low = range[0] as Int64?, let high = range[1] as Int64? else { return log }
            // Items: name, known answer and the adjudicated label, in id order (a scan of the id range, no index).
            let items = try RawStatement(db, sql: """
                SELECT i.id, i.external_id, i.gold_label, i.adjudication_id IS NOT NULL, d.label
                FROM items i LEFT JOIN decisions d ON d.id = i.adjudication_id
                WHERE i.id BETWEEN ? AND ? AND +i.queue_id = ? ORDER BY i.id
                """)
            items.bind(1, low)
            items.bind(2, high)
            items.bind(3, queue)
            // Decisions in force in the order of decision_heads' key (item, reviewer); each item's are put in
            // decision order here, which costs less than SQLite sorting a million rows.
            let heads = try RawStatement(db, sql: """
                SELECT h.item_id, d.id, d.reviewer, d.kind, d.label, d.tags, d.seconds
                FROM decision_heads h JOIN decisions d ON d.id = h.decision_id
                WHERE h.item_id BETWEEN ? AND ? AND +h.queue_id = ? AND (? IS NULL OR d.decided_at >= ?)
                ORDER BY h.item_id
                """)
            heads.bind(1, low)
            heads.bind(2, high)
            heads.bind(3, queue)
            heads.bind(4, since)
            heads.bind(5, since)
            var adjudicated: [String: String] = [:]
            var itemIDs: [Int64] = []
            var reviewers = TextCodes(), labels = TextCodes(), kinds = TextCodes()
            var pending: [(id: Int64, reviewer: Int32, kind: DecisionKind, label: Int32?, tags: [String], seconds: Double?)] = []
            var currentItem: Int64 = -1
            var currentCode: Int32 = -1
            var currentGold: String?
            var itemsLeft = try items.step()
            /// Reads items up to `id`, keeping adjudications; true when item `id` is the current row.
            func advanceItems(to id: Int64) throws -> Bool {
                while itemsLeft {
                    let row = items.row
                    let itemID = row.int64(0)
                    if itemID > id { return false }
                    if row.int64(3) != 0, let label = row.string(4) { adjudicated[row.string(1) ?? ""] = label }
                    if itemID == id { return true }
                    itemsLeft = try items.step()
                }
                return false
            }
            func flush() {
                if pending.count > 1 { pending.sort { $0.id < $1.id } }
                for d in pending {
                    log.add(item: currentCode, reviewer: d.reviewer, kind: d.kind, label: d.label, tags: d.tags,
                            seconds: d.seconds, gold: currentGold)
                }
                pending.removeAll(keepingCapacity: true)
            }
            try heads.forEachRow { row in
                let itemID = row.int64(0)
                if itemID != currentItem {
                    flush()
                    currentItem = itemID
                    currentCode = -1
                    if try advanceItems(to: itemID) {
                        currentCode = log.appendItem(items.row.string(1) ?? "")
                        currentGold = items.row.string(2)
                        itemIDs.append(itemID)
                        itemsLeft = try items.step()
                    }
                }
                // A head whose item is not one of the queue's items is left out, as the join with items did.
                if currentCode < 0 { return }
                let reviewer = reviewers.code(row.bytes(2) ?? UnsafeBufferPointer(start: nil, count: 0)) { log.reviewerCode($0) }
                let kind = kinds.code(row.bytes(3) ?? UnsafeBufferPointer(start: nil, count: 0)) {
                    Int32(DecisionKind.allCases.firstIndex(of: DecisionKind(rawValue: $0) ?? .label)!)
                }
                let label = row.bytes(4).map { labels.code($0) { log.labelCode($0) } }
                var tags: [String] = []
                if let text = row.bytes(5), !(text.count == 2 && text[0] == UInt8(ascii: "[") && text[1] == UInt8(ascii: "]")) {
                    tags = Self.tags(String(decoding: text, as: UTF8.self))
                }
                pending.append((row.int64(1), reviewer, DecisionKind.allCases[Int(kind)], label, tags, row.double(6)))
            }
            flush()
            while itemsLeft { _ = try advanceItems(to: .max) }
            log.adjudicated = adjudicated
            // Scores of the items read, merged by item id (scores are keyed by item first).
            let scores = try RawStatement(db, sql: """
                SELECT item_id, model, category, score, threshold FROM scores WHERE item_id BETWEEN ? AND ? ORDER BY item_id
                """)
            scores.bind(1, low)
            scores.bind(2, high)
            var series = TextCodes()
            var key: [UInt8] = []
            var next = 0
            try scores.forEachRow { row in
                let itemID = row.int64(0)
                while next < itemIDs.count && itemIDs[next] < itemID { next += 1 }
                guard next < itemIDs.count, itemIDs[next] == itemID else { return }
                let model = row.bytes(1) ?? UnsafeBufferPointer(start: nil, count: 0)
                let category = row.bytes(2) ?? UnsafeBufferPointer(start: nil, count: 0)
                key.removeAll(keepingCapacity: true)
                key.append(contentsOf: model)
                key.append(0x1F)
                key.append(contentsOf: category)
                let code = key.withUnsafeBufferPointer { bytes in
                    series.code(bytes) { _ in
                        log.seriesCode(model: String(decoding: model, as: UTF8.self), category: String(decoding: category, as: UTF8.self))
                    }
                }
                log.add(item: Int32(next), series: code, score: row.double(3) ?? 0, threshold: row.double(4))
            }
            return log
        }
    }
}
