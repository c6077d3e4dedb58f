import DocketCore
import GRDB

extension SQLiteReviewStore {
    /// Each item's value of the top-level metadata field `field` in `queue`, by external id (items without it
    /// are left out; see ``MetadataField`` for how a value reads as text).
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
