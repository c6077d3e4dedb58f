import DocketCore
import GRDB

/// The decisions in force on a queue's items, read from `decision_heads` in item order beside the items
/// (a merge join): an export pass steps this cursor along with its item cursor, so nothing is kept per
/// item and memory stays the same however large the queue is.
///
/// Since schema v5 each head carries its decision's kind, label and time, so `decisions` is not read at
/// all. The heads' primary key starts with `item_id`, so `ORDER BY item_id` is a plain scan.
struct ExportHeads {
    private var cursor: ExportCursor
    private let labels: ExportLabelTable

    /// Opens the heads of `queue`; `labels` is the queue's label table.
    init(_ db: Database, queue: String, labels: ExportLabelTable) throws {
        self.labels = labels
        cursor = try ExportCursor(db, sql: """
            SELECT item_id, kind, label, decided_at FROM decision_heads WHERE +queue_id = ? ORDER BY item_id
            """, arguments: [queue])
        try cursor.step()
    }

    /// Adds the decisions in force of item `rowID` to `votes`, in the heads' order; items must be asked
    /// for in increasing rowid order (heads of items skipped in between are passed over).
    mutating func add(item rowID: Int64, to votes: inout ItemVotes) throws {
        while cursor.hasRow && cursor.int64(0) < rowID { try cursor.step() }
        while cursor.hasRow && cursor.int64(0) == rowID {
            votes.add(decisionAt: 1, of: cursor, labels: labels)
            try cursor.step()
        }
    }
}

extension ItemVotes {
    /// Adds the decision in columns `kind`, `kind + 1` (label), `kind + 2` (decided_at) of `cursor`'s row.
    mutating func add(decisionAt kind: Int32, of cursor: ExportCursor, labels: ExportLabelTable) {
        let hasLabel = !cursor.isNull(kind + 1)
        add(kind: DecisionKind.fromFirstByte(cursor.firstByte(kind)), label: hasLabel ? labels.index(cursor.bytes(kind + 1)) : nil,
            hasLabel: hasLabel, decidedAt: cursor.double(kind + 2))
    }
}
