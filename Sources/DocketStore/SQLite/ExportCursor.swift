import GRDB

/// The export's read position in one query: a ``RawStatement`` (the one place that steps SQLite through its
/// C API) plus whether it stands on a row, which the export's merge of two queries in item order needs.
/// Export reads millions of rows; going through GRDB's `Row` per row would cost more than writing them.
struct ExportCursor {
    private let statement: RawStatement
    /// Whether the cursor stands on a row (false before the first `step()` and after the last row).
    private(set) var hasRow = false

    init(_ db: Database, sql: String, arguments: StatementArguments) throws {
        statement = try RawStatement(db, sql: sql, arguments: arguments)
    }

    /// Starts the query again with new arguments (before its first row).
    mutating func restart(_ arguments: StatementArguments) throws {
        try statement.setArguments(arguments)
        hasRow = false
    }

    /// Moves to the next row; false at the end.
    @discardableResult
    mutating func step() throws -> Bool {
        hasRow = try statement.step()
        return hasRow
    }

    // The current row's columns (0-based), read in place by ``RawRow``.
    func isNull(_ column: Int32) -> Bool { statement.row.isNull(column) }
    func int64(_ column: Int32) -> Int64 { statement.row.int64(column) }
    func double(_ column: Int32) -> Double { statement.row.double(notNull: column) }
    func optionalDouble(_ column: Int32) -> Double? { statement.row.double(column) }
    /// The column's UTF-8 bytes in place (valid until the next step); empty when NULL.
    func bytes(_ column: Int32) -> UnsafeBufferPointer<UInt8> { statement.row.bytesOrEmpty(column) }
    func text(_ column: Int32) -> String { String(decoding: bytes(column), as: UTF8.self) }
    func optionalText(_ column: Int32) -> String? { statement.row.string(column) }
    /// The first byte of a text column (0 when NULL or empty): decision kinds differ in their first letter.
    func firstByte(_ column: Int32) -> UInt8 { statement.row.firstByte(column) }
}
