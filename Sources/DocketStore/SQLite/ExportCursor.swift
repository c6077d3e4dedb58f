import GRDB
import GRDBSQLite

/// A prepared statement stepped directly through SQLite's C API. Export reads millions of rows; going
/// through GRDB's `Row` per row would cost more than writing them, so this reads columns in place.
struct ExportCursor {
    private let statement: Statement
    private var handle: OpaquePointer { statement.sqliteStatement }
    /// Whether the cursor stands on a row (false before the first `step()` and after the last row).
    private(set) var hasRow = false

    init(_ db: Database, sql: String, arguments: StatementArguments) throws {
        statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
    }

    /// Starts the query again with new arguments (before its first row).
    mutating func restart(_ arguments: StatementArguments) throws {
        try statement.setArguments(arguments)
        hasRow = false
    }

    /// Moves to the next row; false at the end.
    @discardableResult
    mutating func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: hasRow = true
        case SQLITE_DONE: hasRow = false
        default: throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(handle))))
        }
        return hasRow
    }

    func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : double(column) }

    /// The column's UTF-8 bytes in place (valid until the next step).
    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> {
        guard let text = sqlite3_column_text(handle, column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column)))
    }

    func text(_ column: Int32) -> String { String(decoding: bytes(column), as: UTF8.self) }
    func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }

    /// The first byte of a text column (0 when NULL or empty): decision kinds differ in their first letter.
    func firstByte(_ column: Int32) -> UInt8 {
        let value = bytes(column)
        return value.isEmpty ? 0 : value[0]
    }
}
