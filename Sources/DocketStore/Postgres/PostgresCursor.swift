/// A read position in one query's rows, fetched from a server-side cursor (`DECLARE` / `FETCH`) a batch at a
/// time: exports and reports step several of these side by side in item order (a merge join), holding one
/// batch of each, so memory stays the same however large the queue is.
///
/// Lives inside the caller's transaction (the cursor is closed with it); one connection, one thread.
final class PostgresCursor {
    private let connection: PostgresConnection
    private let name: String
    private let batch: Int
    private var rows: PostgresResult?
    private var index = 0
    private var lastBatch = false
    /// Whether the cursor stands on a row (false before the first `step()` and after the last row).
    private(set) var hasRow = false

    /// How many cursors this process declared, for unique names on a connection.
    nonisolated(unsafe) private static var declared = 0

    /// Declares a cursor over `sql` with `parameters` ($1, $2...); `batch` rows are fetched per round trip.
    init(_ connection: PostgresConnection, _ sql: String, _ parameters: [(any PostgresEncodable)?] = [],
         batch: Int = 2_000) throws {
        precondition(connection.inTransaction, "a cursor needs a transaction: it lives until the transaction's end")
        Self.declared &+= 1
        self.connection = connection
        self.name = "docket_rows_\(Self.declared)_\(UInt32.random(in: 0...UInt32.max))"
        self.batch = batch
        try connection.execute("DECLARE \(name) NO SCROLL CURSOR FOR \(sql)", parameters)
    }

    /// Moves to the next row, fetching the next batch when this one is used up; false at the end.
    @discardableResult
    func step() throws -> Bool {
        index += 1
        if let rows, index < rows.rowCount {
            hasRow = true
            return true
        }
        if lastBatch {
            rows = nil
            hasRow = false
            return false
        }
        let fetched = try connection.execute("FETCH \(batch) FROM \(name)")
        lastBatch = fetched.rowCount < batch
        rows = fetched
        index = 0
        hasRow = fetched.rowCount > 0
        return hasRow
    }

    /// Frees the server's cursor before the transaction ends (a long export declares several).
    func close() throws {
        try connection.execute("CLOSE \(name)")
    }

    /// The batch holding the current row and the row's index in it, for readers of whole rows
    /// (``PostgresReviewStore/decision(_:row:queue:)``).
    var current: (rows: PostgresResult, index: Int)? { rows.map { ($0, index) } }

    // The current row's columns (0-based), in PostgreSQL's text format.
    func isNull(_ column: Int) -> Bool { rows?.isNull(index, column) ?? true }
    func string(_ column: Int) -> String? { rows?.string(index, column) }
    func text(_ column: Int) -> String { string(column) ?? "" }
    func int64(_ column: Int) -> Int64 { rows?.int64(index, column) ?? 0 }
    func optionalInt64(_ column: Int) -> Int64? { rows?.int64(index, column) }
    func double(_ column: Int) -> Double { rows?.double(index, column) ?? 0 }
    func optionalDouble(_ column: Int) -> Double? { rows?.double(index, column) }
    func bool(_ column: Int) -> Bool { rows?.bool(index, column) ?? false }
}
