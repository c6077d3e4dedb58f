import Foundation
import GRDBSQLite

/// SQLite's own cost of the work Docket's figures include, measured in the same run on the same rows: the
/// floors under `import`, `export` and `claim`. Docket cannot go below them without changing the schema or
/// SQLite's settings (WAL, `synchronous=NORMAL`), so a figure's distance to its floor is what Docket adds.
///
/// - `floor_insert_rows_per_s`: the import benchmark's stored items copied by SQLite itself into a fresh
///   file with the same table and indexes, in 10,000-row transactions as the import commits: no parsing,
///   no binding. Beside `import_items_per_s`.
/// - `floor_read_rows_per_s`: every column of every stored item stepped with the C API, as the export's
///   first pass reads them, with no formatting and nothing written. Beside `export_jsonl_items_per_s`.
/// - `floor_write_txn_p50_us`, `_p99_us`: one immediate transaction that updates one row and commits, the
///   least a claim does. Beside `claim_p99_us_*`.
func runFloorBench(source: String, target: String) throws -> [String: Double] {
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target + suffix) }
    let db = try SQLiteFile(target)
    try db.execute("PRAGMA journal_mode = WAL")
    try db.execute("PRAGMA synchronous = NORMAL")
    let schema = try SQLiteFile(source).strings("SELECT sql FROM sqlite_master WHERE tbl_name = 'items' AND sql IS NOT NULL ORDER BY type DESC")
    for statement in schema { try db.execute(statement.replacingOccurrences(of: "REFERENCES queues(id)", with: "")) }
    try db.execute("ATTACH DATABASE '\(source.replacingOccurrences(of: "'", with: "''"))' AS source")
    let rows = Int(try db.strings("SELECT count(*) FROM source.items").first.flatMap { Int($0) } ?? 0)
    guard rows > 0 else { throw BenchError("the floor needs the import benchmark's items in \(source)") }

    let insertSeconds = try Measure.seconds {
        var low = 0
        let maxID = Int(try db.strings("SELECT max(id) FROM source.items").first.flatMap { Int($0) } ?? 0)
        while low <= maxID {
            try db.execute("BEGIN IMMEDIATE")
            try db.execute("INSERT INTO items SELECT * FROM source.items WHERE id > \(low) AND id <= \(low + 10_000)")
            try db.execute("COMMIT")
            low += 10_000
        }
    }

    let readSeconds = try Measure.seconds { _ = try db.stepEveryColumn("SELECT * FROM source.items") }

    var latencies: [Double] = []
    for index in 0..<2_000 {
        let id = index * 37 % rows + 1
        let start = Measure.now()
        try db.execute("BEGIN IMMEDIATE")
        try db.execute("UPDATE items SET label_count = label_count + 1 WHERE id = \(id)")
        try db.execute("COMMIT")
        latencies.append((Measure.now() - start) * 1_000_000)
    }
    latencies.sort()
    for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: target + suffix) }
    return [
        "floor_insert_rows_per_s": Double(rows) / insertSeconds,
        "floor_read_rows_per_s": Double(rows) / readSeconds,
        "floor_write_txn_p50_us": Measure.percentile(sorted: latencies, 50),
        "floor_write_txn_p99_us": Measure.percentile(sorted: latencies, 99),
    ]
}

/// A bare SQLite connection through the C API: the floor must not include GRDB's or Docket's own work.
final class SQLiteFile {
    private var handle: OpaquePointer?

    init(_ path: String) throws {
        guard sqlite3_open(path, &handle) == SQLITE_OK else { throw BenchError("cannot open \(path)") }
        sqlite3_busy_timeout(handle, 10_000)
    }

    deinit { sqlite3_close(handle) }

    func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(handle, sql, nil, nil, &message) == SQLITE_OK else {
            defer { sqlite3_free(message) }
            throw BenchError("SQLite: \(message.map { String(cString: $0) } ?? "error") in \(sql.prefix(80))")
        }
    }

    /// The first column of every row of `sql`, as text.
    func strings(_ sql: String) throws -> [String] {
        var values: [String] = []
        try each(sql) { statement in
            values.append(sqlite3_column_text(statement, 0).map { String(cString: $0) } ?? "")
        }
        return values
    }

    /// Steps every row of `sql` and reads each column's bytes, as a reader that uses them would; returns
    /// the bytes read.
    func stepEveryColumn(_ sql: String) throws -> Int {
        var total = 0
        try each(sql) { statement in
            for column in 0..<sqlite3_column_count(statement) {
                if sqlite3_column_type(statement, column) == SQLITE_TEXT {
                    _ = sqlite3_column_text(statement, column)
                    total += Int(sqlite3_column_bytes(statement, column))
                } else {
                    total += Int(truncatingIfNeeded: sqlite3_column_int64(statement, column) & 1)
                }
            }
        }
        return total
    }

    private func each(_ sql: String, _ body: (OpaquePointer?) -> Void) throws {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK else {
            throw BenchError("SQLite: \(String(cString: sqlite3_errmsg(handle))) in \(sql.prefix(80))")
        }
        defer { sqlite3_finalize(statement) }
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw BenchError("SQLite: \(String(cString: sqlite3_errmsg(handle)))") }
            body(statement)
        }
    }
}
