import GRDB
import GRDBSQLite

/// A statement prepared by GRDB but bound and stepped through the SQLite C API, for the import's
/// inner loop: GRDB's `StatementArguments` box every value (an allocation and dynamic casts per
/// column), which cost more than SQLite's own work at hundreds of thousands of rows a second.
/// Text is copied into buffers the statement keeps (see ``TextParameters``).
/// Bind positions are 1-based, as in SQLite. Also used by the agreement report's read of a million decisions
/// (inside a read transaction), for the same reason. Not for use outside a transaction.
struct RawStatement {
    private let statement: Statement
    private let handle: SQLiteStatement
    private let texts: TextParameters

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
        handle = statement.sqliteStatement
        texts = TextParameters(statement: statement)
    }

    func bind(_ index: Int32, _ value: Int64) {
        sqlite3_bind_int64(handle, index, value)
    }

    func bind(_ index: Int32, _ value: Int) {
        sqlite3_bind_int64(handle, index, Int64(value))
    }

    func bind(_ index: Int32, _ value: Double) {
        sqlite3_bind_double(handle, index, value)
    }

    func bind(_ index: Int32, _ value: Double?) {
        if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
    }

    func bind(_ index: Int32, _ value: String) {
        var text = value
        text.withUTF8 { texts.bind(index, $0) }
    }

    /// Binds UTF-8 bytes as text (JSON written by ``JSONWriter``, without making a String of it first).
    func bind(_ index: Int32, utf8 bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { texts.bind(index, $0) }
    }

    func bind(_ index: Int32, _ value: String?) {
        if let value { bind(index, value) } else { sqlite3_bind_null(handle, index) }
    }

    /// Runs a statement that returns no rows, then resets it for the next use.
    func execute() throws {
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else { throw failure(code) }
    }

    /// Runs a query for at most one row and hands its columns to `read`; nil when there is no row.
    func fetchOne<T>(_ read: (RawRow) -> T) throws -> T? {
        defer { sqlite3_reset(handle) }
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return read(RawRow(handle: handle)) }
        guard code == SQLITE_DONE else { throw failure(code) }
        return nil
    }

    /// Runs a query and hands each row's columns to `body`, then resets the statement.
    func forEachRow(_ body: (RawRow) throws -> Void) throws {
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw failure(code) }
            try body(RawRow(handle: handle))
        }
    }

    /// Steps a query to its next row (true) or its end (false), for reading two queries side by side.
    func step() throws -> Bool {
        let code = sqlite3_step(handle)
        if code == SQLITE_ROW { return true }
        guard code == SQLITE_DONE else { throw failure(code) }
        return false
    }

    /// The current row, after `step()` returned true.
    var row: RawRow { RawRow(handle: handle) }

    private func failure(_ code: Int32) -> DatabaseError {
        let connection = sqlite3_db_handle(handle)
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        return DatabaseError(resultCode: ResultCode(rawValue: sqlite3_extended_errcode(connection)),
                             message: message ?? "SQLite error \(code)", sql: statement.sql)
    }
}

/// One reusable buffer per text parameter of a statement, which SQLite reads in place (SQLITE_STATIC).
/// Binding with SQLITE_TRANSIENT made SQLite free and allocate a copy for every text of every row:
/// about a tenth of the import's CPU. A buffer is only replaced by a larger one, after the new text
/// is bound, so the statement never points at freed memory; the bindings are cleared before the
/// buffers are freed.
private final class TextParameters {
    private let statement: Statement
    private var buffers: [UnsafeMutablePointer<UInt8>?]
    private var capacities: [Int]

    init(statement: Statement) {
        self.statement = statement
        let count = Int(sqlite3_bind_parameter_count(statement.sqliteStatement)) + 1
        buffers = Array(repeating: nil, count: count)
        capacities = Array(repeating: 0, count: count)
    }

    func bind(_ index: Int32, _ bytes: UnsafeBufferPointer<UInt8>) {
        let slot = Int(index)
        var old: UnsafeMutablePointer<UInt8>?
        if capacities[slot] < bytes.count || buffers[slot] == nil {
            old = buffers[slot]
            let capacity = max(64, bytes.count + bytes.count / 2)
            buffers[slot] = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
            capacities[slot] = capacity
        }
        let buffer = buffers[slot]!
        if let source = bytes.baseAddress, bytes.count > 0 { buffer.update(from: source, count: bytes.count) }
        // A zero-length text is still bound from a real pointer (a null one would store NULL).
        _ = sqlite3_bind_text(statement.sqliteStatement, index, buffer, Int32(bytes.count), nil)
        old?.deallocate()
    }

    deinit {
        sqlite3_clear_bindings(statement.sqliteStatement)
        for buffer in buffers { buffer?.deallocate() }
    }
}

/// The current row of a ``RawStatement`` query (0-based columns).
struct RawRow {
    fileprivate let handle: SQLiteStatement

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

    /// A TEXT column's bytes up to its terminating NUL (SQLite ends every text it hands out with one), nil when NULL:
    /// one C call where ``bytes(_:)`` makes two, for columns only looked at, not kept, in a loop over a million rows.
    func terminatedBytes(_ column: Int32) -> UnsafePointer<UInt8>? { sqlite3_column_text(handle, column) }
}
