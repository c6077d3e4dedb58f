import DocketCore

/// Reads a queue's review log for the agreement report on PostgreSQL: the decisions in force and the items'
/// names, known answers, adjudications and model scores, through two cursors in item order merged by item id,
/// exactly as ``ReviewLogReader`` does on SQLite, so that the report is the same byte for byte: items in id
/// order, each item's heads read in reviewer order (which fixes the order reviewer and label codes are handed
/// out in) and then put in decision order.
struct PostgresReviewLogReader {
    private(set) var log = ReviewLog()
    private let items: PostgresCursor
    private let heads: PostgresCursor
    private var itemsLeft = false
    private var adjudicated: [String: String] = [:]
    private var pending = PendingHeads()
    private var currentCode: Int32 = -1
    private var currentGold: String?

    /// Declares the reads of `queue`'s items and decisions in force (from `since` when given) on `c`, which
    /// must be in a transaction; model scores are read only `withScores`.
    init(_ c: PostgresConnection, queue: String, since: Double?, withScores: Bool) throws {
        items = try PostgresCursor(c, """
            SELECT i.id, i.external_id, i.gold_label, i.adjudication_id IS NOT NULL, d.label,
                   CASE WHEN $2 THEN i.scores_json END
            FROM items i LEFT JOIN decisions d ON d.id = i.adjudication_id
            WHERE i.queue_id = $1 ORDER BY i.id
            """, [queue, withScores], batch: 5_000)
        heads = try PostgresCursor(c, """
            SELECT item_id, decision_id, reviewer, kind, label, tags, seconds FROM decision_heads
            WHERE queue_id = $1 AND ($2::double precision IS NULL OR decided_at >= $2) ORDER BY item_id, reviewer
            """, [queue, since], batch: 5_000)
    }

    /// Reads everything into `log`.
    mutating func read() throws -> ReviewLog {
        itemsLeft = try items.step()
        var currentItem: Int64 = -1
        while try heads.step() {
            let itemID = heads.int64(0)
            if itemID != currentItem {
                flush()
                currentItem = itemID
                currentCode = -1
                if try advanceItems(to: itemID) {
                    currentCode = log.appendItem(items.text(1))
                    currentGold = items.string(2)
                    if let scores = items.string(5) { addScores(scores) }
                    itemsLeft = try items.step()
                }
            }
            // A head whose item is not one of the queue's items is left out, as a join with items would.
            if currentCode < 0 { continue }
            let reviewer = log.reviewerCode(heads.text(2))
            let kind = DecisionKind.fromFirstByte(heads.text(3).utf8.first ?? 0)
            let label = heads.string(4).map { log.labelCode($0) }
            let tagsText = heads.text(5)
            let tags = tagsText == "[]" || tagsText.isEmpty ? [] : SQLiteReviewStore.tags(tagsText)
            pending.append(id: heads.int64(1), reviewer: reviewer, kind: kind, label: label,
                           seconds: heads.optionalDouble(6).flatMap { $0 < 0 ? nil : $0 }, tags: tags)
        }
        flush()
        while itemsLeft { _ = try advanceItems(to: .max) }
        log.adjudicated = adjudicated
        return log
    }

    /// Reads items up to `id`, keeping their adjudications; true when item `id` is the current row.
    private mutating func advanceItems(to id: Int64) throws -> Bool {
        while itemsLeft {
            let itemID = items.int64(0)
            if itemID > id { return false }
            if items.bool(3), let label = items.string(4) { adjudicated[items.text(1)] = label }
            if itemID == id { return true }
            itemsLeft = try items.step()
        }
        return false
    }

    /// Adds the current item's decisions to the log in decision order.
    private mutating func flush() {
        pending.flush(into: &log, item: currentCode, gold: currentGold)
    }

    /// Adds the current item's model scores (its stored ``ScoreCoding`` list) to the log.
    private mutating func addScores(_ stored: String) {
        var text = stored
        let item = currentCode
        text.withUTF8 { bytes in
            ScoreCoding.forEach(bytes: bytes) { model, category, score, threshold in
                let code = log.seriesCode(model: String(decoding: model, as: UTF8.self), category: String(decoding: category, as: UTF8.self))
                log.add(item: item, series: code, score: score, threshold: threshold)
            }
        }
    }
}
