import GRDB
import GRDBSQLite

/// The current row of a ``RawStatement`` query (0-based columns).
struct RawRow {
    let handle: SQLiteStatement

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

    /// A REAL column, nil when NULL.
    func double(_ column: Int32) -> Double? { isNull(column) ? nil : sqlite3_column_double(handle, column) }

    /// A REAL column the query never returns NULL in (`ifnull(column, default)`): one C call instead of two.
    func double(notNull column: Int32) -> Double { sqlite3_column_double(handle, column) }

    /// A TEXT column's UTF-8 bytes, valid until the next step; nil when NULL.
    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8>? {
        guard let text = sqlite3_column_text(handle, column) else { return nil }
        return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column)))
    }

    /// A TEXT column as a String, nil when NULL.
    func string(_ column: Int32) -> String? {
        bytes(column).map { String(decoding: $0, as: UTF8.self) }
    }

    /// A TEXT column's UTF-8 bytes, valid until the next step; empty when NULL.
    func bytesOrEmpty(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        bytes(column) ?? UnsafeBufferPointer(start: nil, count: 0)
    }

    /// The first byte of a TEXT column (0 when NULL or empty): decision kinds differ in their first letter.
    func firstByte(_ column: Int32) -> UInt8 {
        terminatedBytes(column)?.pointee ?? 0
    }

    /// A TEXT column's bytes up to its terminating NUL (SQLite ends every text it hands out with one), nil when NULL:
    /// one C call where ``bytes(_:)`` makes two, for columns only looked at, not kept, in a loop over a million rows.
    func terminatedBytes(_ column: Int32) -> UnsafePointer<UInt8>? { sqlite3_column_text(handle, column) }
}
