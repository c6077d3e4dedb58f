import DocketCore
import GRDB

/// Reads a queue's review log for the agreement report in one read transaction: the decisions in force, and the
/// items' names, known answers, adjudications and model scores, each table walked in its own key order over the
/// queue's range of item ids and merged by item id (no sorting in SQL).
///
/// Built for a million decisions: rows are stepped through the SQLite C API, reviewers and labels are
/// coded from their bytes, so no `Decision` value or string per decision is made. The state lives in this struct
/// (not in variables captured by closures) so the hot loop has no dynamic exclusivity checks.
struct ReviewLogReader {
    private(set) var log = ReviewLog()
    private let items: RawStatement
    private let heads: RawStatement
    private var itemsLeft = false
    private var adjudicated: [String: String] = [:]
    private var seriesKey: [UInt8] = []
    private var reviewers = TextCodes(), labels = TextCodes(), series = TextCodes()
    private var pending = PendingHeads()
    private var currentCode: Int32 = -1
    private var currentGold: String?

    /// Prepares the reads of `queue`'s items with ids in `low ... high`, decisions from `since` when given.
    init(_ db: Database, queue: String, low: Int64, high: Int64, since: Double?) throws {
        items = try RawStatement(db, sql: """
            SELECT i.id, i.external_id, i.gold_label, i.adjudication_id IS NOT NULL, d.label,
                   CASE WHEN ?4 THEN i.scores_json END
            FROM items i LEFT JOIN decisions d ON d.id = i.adjudication_id
            WHERE i.id BETWEEN ?1 AND ?2 AND +i.queue_id = ?3 ORDER BY i.id
            """)
        items.bind(1, low)
        items.bind(2, high)
        items.bind(3, queue)
        // In decision_heads' key order (item, reviewer); each item's decisions are put in decision order here,
        // which costs far less than SQLite sorting a million rows. The heads carry their decisions' labels, tags,
        // seconds and times (schema v5): looking each decision up by id was most of the report's time.
        // No test of the queue: a head of another queue's item finds no item in the merge and is left out. Seconds
        // come as -1 when not recorded (ReviewLog ignores negative seconds), which saves a call per row.
        heads = try RawStatement(db, sql: """
            SELECT item_id, decision_id, reviewer, kind, label, tags, ifnull(seconds, -1.0) FROM decision_heads
            WHERE item_id BETWEEN ?1 AND ?2 \(since == nil ? "" : "AND decided_at >= ?3") ORDER BY item_id
            """)
        heads.bind(1, low)
        heads.bind(2, high)
        if let since { heads.bind(3, since) }
    }

    /// Reads everything into `log` (the model scores only when `withScores`).
    mutating func read(withScores: Bool = true) throws {
        items.bind(4, withScores ? 1 : 0)
        itemsLeft = try items.step()
        var currentItem: Int64 = -1
        while try heads.step() {
            let row = heads.row
            let itemID = row.int64(0)
            if itemID != currentItem {
                flush()
                currentItem = itemID
                currentCode = -1
                if try advanceItems(to: itemID) {
                    currentCode = log.appendItem(items.row.string(1) ?? "")
                    currentGold = items.row.string(2)
                    if let scores = items.row.bytes(5) { addScores(scores) }
                    itemsLeft = try items.step()
                }
            }
            // A head whose item is not one of the queue's items is left out, as a join with items would.
            if currentCode < 0 { continue }
            let reviewer = reviewers.code(row.bytes(2) ?? Self.empty) { log.reviewerCode($0) }
            let kind = DecisionKind.fromFirstByte(row.terminatedBytes(3)?[0] ?? 0)
            var label: Int32 = -1
            if let bytes = row.bytes(4) { label = labels.code(bytes) { log.labelCode($0) } }
            var tags: [String] = []
            if let text = row.terminatedBytes(5), !Self.isEmptyList(text), let bytes = row.bytes(5) {
                tags = SQLiteReviewStore.tags(String(decoding: bytes, as: UTF8.self))
            }
            let seconds = row.double(notNull: 6)
            pending.append(id: row.int64(1), reviewer: reviewer, kind: kind, label: label < 0 ? nil : label,
                           seconds: seconds < 0 ? nil : seconds, tags: tags)
        }
        flush()
        while itemsLeft { _ = try advanceItems(to: .max) }
        log.adjudicated = adjudicated
    }

    private static var empty: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: nil, count: 0) }

    /// Whether NUL-terminated `text` is `[]`, the tags of most decisions.
    private static func isEmptyList(_ text: UnsafePointer<UInt8>) -> Bool {
        text[0] == UInt8(ascii: "[") && text[1] == UInt8(ascii: "]") && text[2] == 0
    }

    /// Reads items up to `id`, keeping their adjudications; true when item `id` is the current row.
    private mutating func advanceItems(to id: Int64) throws -> Bool {
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

    /// Adds the current item's decisions to the log in decision order.
    private mutating func flush() {
        pending.flush(into: &log, item: currentCode, gold: currentGold)
    }

    /// Adds the current item's model scores (its stored ``ScoreCoding`` list) to the log.
    private mutating func addScores(_ stored: UnsafeBufferPointer<UInt8>) {
        let item = currentCode
        ScoreCoding.forEach(bytes: stored) { model, category, score, threshold in
            seriesKey.removeAll(keepingCapacity: true)
            seriesKey.append(contentsOf: model)
            seriesKey.append(0x1F)
            seriesKey.append(contentsOf: category)
            let code = seriesKey.withUnsafeBufferPointer { key in
                series.code(key) { _ in
                    log.seriesCode(model: String(decoding: model, as: UTF8.self), category: String(decoding: category, as: UTF8.self))
                }
            }
            log.add(item: item, series: code, score: score, threshold: threshold)
        }
    }
}
