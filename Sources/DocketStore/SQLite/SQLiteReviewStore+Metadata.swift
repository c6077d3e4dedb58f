import DocketCore
import GRDB

extension SQLiteReviewStore {
    /// Each item's value of the top-level metadata field `field`, by external id (items without it are left out;
    /// numbers and booleans as their JSON text, objects and arrays as compact JSON).
    public func metadataValues(queue: String, field: String) throws -> [String: String] {
        try read { db in
            var values: [String: String] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT external_id, meta FROM items WHERE queue_id = ?", arguments: [queue])
            while let row = try rows.next() {
                let id: String = row[0], meta: String = row[1]
                guard let value = (try? JSONParser.parse(meta))?[field] else { continue }
                switch value {
                case .null: continue
                case .string(let text): values[id] = text
                default: values[id] = JSONWriter.string(value)
                }
            }
            return values
        }
    }
}
