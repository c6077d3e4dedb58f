import DocketCore
import DocketIO
import DocketStore
import Foundation

/// Import on PostgreSQL beside its floor: `import_items_per_s` is `ReviewStore.importItems` of the synthetic
/// records (the path `docket import` takes: reading, validating and storing) into a new database;
/// `copy_floor_items_per_s` is libpq's COPY of the very rows that import stored into the same `items` table of
/// another new database (what `psql`'s `\copy` sends): the server's own cost of taking the rows, with no
/// parsing on Docket's side. `import_vs_copy_floor` is their ratio (goal: at least 0.5). `pg_` prefixed.
func runPostgresImportBench(_ context: BenchContext) throws -> [String: Double] {
    let items = context.quick ? 5_000 : 100_000
    let input = context.path("pg-import.jsonl")
    var generator = SyntheticItems()
    let bytes = try generator.write(count: items, to: input)
    defer { try? FileManager.default.removeItem(atPath: input) }
    let definition = try QueueFile.parse(SyntheticItems.queueYAML, file: "bench queue")

    let imported = try context.backend.newDatabase("import", in: context)
    let store = try imported.open(create: true)
    try store.saveQueue(definition, yaml: SyntheticItems.queueYAML, actor: "bench")
    var summary = ImportSummary()
    let importSeconds = try Measure.seconds {
        summary = try store.importItems(into: SyntheticItems.queueID, from: [try JSONLImportSource(path: input)],
                                        options: ImportOptions(actor: "bench"))
    }
    guard summary.inserted == items else { throw BenchError("imported \(summary.inserted) of \(items) items") }

    // The stored rows, read back whole before the clock starts.
    guard case .postgres(let importedURL) = imported else { throw BenchError("the PostgreSQL import benchmark needs --backend postgres") }
    let columns = try PostgresConnection(importedURL).execute("""
        SELECT column_name FROM information_schema.columns WHERE table_name = 'items' AND table_schema = current_schema()
        ORDER BY ordinal_position
        """).column()
    var rows: [[String?]] = []
    rows.reserveCapacity(items)
    let reader = try PostgresConnection(importedURL)
    try reader.transaction(readOnly: true) { t in
        try t.forEachRow("SELECT \(columns.joined(separator: ", ")) FROM items ORDER BY id") { result, row in
            rows.append((0..<columns.count).map { result.string(row, $0) })
        }
    }

    let floor = try context.backend.newDatabase("copy_floor", in: context)
    try floor.open(create: true).saveQueue(definition, yaml: SyntheticItems.queueYAML, actor: "bench")
    guard case .postgres(let floorURL) = floor else { throw BenchError("no PostgreSQL database for the COPY floor") }
    let writer = try PostgresConnection(floorURL)
    var copied = 0
    let copySeconds = try Measure.seconds {
        copied = try writer.copy("COPY items (\(columns.joined(separator: ", "))) FROM STDIN") { copy in
            for row in rows { try copy.row(row) }
        }
    }
    guard copied == items else { throw BenchError("COPY took \(copied) of \(items) rows") }
    context.log("PostgreSQL import \(Int(Double(items) / importSeconds)) items/s, COPY floor \(Int(Double(items) / copySeconds)) rows/s")
    return [
        "import_items_per_s": Double(items) / importSeconds,
        "copy_floor_items_per_s": Double(items) / copySeconds,
        "import_vs_copy_floor": copySeconds / importSeconds,
        "import_input_bytes_per_item": Double(bytes) / Double(items),
    ]
}
