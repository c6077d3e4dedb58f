import CLibPQ

/// The rows of one statement's result, read in PostgreSQL's text format. Owns the libpq result and
/// frees it when released.
public final class PostgresResult {
    private let result: OpaquePointer
    /// How many rows the result holds.
    public let rowCount: Int
    /// How many columns each row has.
    public let columnCount: Int

    init(_ result: OpaquePointer) {
        self.result = result
        rowCount = Int(PQntuples(result))
        columnCount = Int(PQnfields(result))
    }

    deinit { PQclear(result) }

    /// How many rows an INSERT, UPDATE, DELETE or COPY touched (0 for other statements).
    public var affectedRows: Int {
        guard let text = PQcmdTuples(result) else { return 0 }
        return Int(String(cString: text)) ?? 0
    }

    /// Whether the value at `row`, `column` is SQL NULL.
    public func isNull(_ row: Int, _ column: Int) -> Bool {
        PQgetisnull(result, Int32(row), Int32(column)) != 0
    }

    /// The value's text, nil for NULL.
    public func string(_ row: Int, _ column: Int) -> String? {
        if isNull(row, column) { return nil }
        return String(cString: PQgetvalue(result, Int32(row), Int32(column)))
    }

    /// The value as an integer, nil for NULL or text that is not one.
    public func int64(_ row: Int, _ column: Int) -> Int64? {
        string(row, column).flatMap { Int64($0) }
    }

    /// The value as a double (PostgreSQL prints floats exactly since version 12), nil for NULL.
    public func double(_ row: Int, _ column: Int) -> Double? {
        string(row, column).flatMap { Double($0) }
    }

    /// The value as a boolean (`t` / `f`), nil for NULL.
    public func bool(_ row: Int, _ column: Int) -> Bool? {
        string(row, column).map { $0 == "t" || $0 == "true" }
    }

    /// Every value of column 0, skipping NULLs.
    public func column(_ column: Int = 0) -> [String] {
        (0..<rowCount).compactMap { string($0, column) }
    }
}
