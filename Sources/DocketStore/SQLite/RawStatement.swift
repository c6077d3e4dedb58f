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

    /// A query bound once through GRDB (a few arguments, not in an inner loop) and then stepped here.
    init(_ db: Database, sql: String, arguments: StatementArguments) throws {
        try self.init(db, sql: sql)
        try setArguments(arguments)
    }

    /// Resets the statement and binds `arguments` through GRDB, to step it again from its first row.
    func setArguments(_ arguments: StatementArguments) throws {
        try statement.setArguments(arguments)
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
