import DocketCore
import DocketStore

/// Import of records that carry decisions (labels made elsewhere), on the backend of the run: what building the
/// export and report benchmarks' databases costs. `import_decisions_per_s` counts the decisions stored per second
/// of the whole import (items, scores and the decisions with their decisions in force), `import_decided_items_per_s`
/// the records; both beside `import_undecided_items_per_s`, the same records without their decisions in another
/// new database, so the decisions' own share shows. On PostgreSQL beside `decisions_insert_floor_per_s`: the server
/// writing the very decision rows the import stored, and their decisions in force, into tables with the same
/// indexes and foreign keys, from a SELECT in one transaction (no client, no parsing: what storing them costs
/// the server alone), and `import_decisions_vs_floor`, their ratio. `pg_` prefixed on PostgreSQL.
func runDecisionImportBench(_ context: BenchContext) throws -> [String: Double] {
    let items = context.quick ? 4_000 : 100_000
    let definition = try QueueFile.parse(SyntheticRatedItems.queueYAML, file: "bench queue")
    var figures: [String: Double] = [:]
    for (name, withDecisions) in [("undecided", false), ("decided", true)] {
        let location = try context.backend.newDatabase("decisions-\(name)", in: context)
        let store = try location.open(create: true)
        try store.saveQueue(definition, yaml: SyntheticRatedItems.queueYAML, actor: "bench")
        var summary = ImportSummary()
        let seconds = try Measure.seconds {
            summary = try store.importItems(into: "bench", from: [SyntheticRatedItems(count: items, withDecisions: withDecisions)],
                                            options: ImportOptions(actor: "bench"))
        }
        let decisions = withDecisions ? items * SyntheticRatedItems.reviewers : 0
        guard summary.inserted == items, summary.decisionsAdded == decisions else {
            throw BenchError("the decision import stored \(summary.inserted) items and \(summary.decisionsAdded) decisions")
        }
        figures["import_\(name)_items_per_s"] = Double(items) / seconds
        if withDecisions { figures["import_decisions_per_s"] = Double(decisions) / seconds }
        if withDecisions, case .postgres(let url) = location {
            let floor = try decisionInsertFloor(url, decisions: decisions)
            figures["decisions_insert_floor_per_s"] = floor
            figures["import_decisions_vs_floor"] = Double(decisions) / seconds / floor
        }
        context.log("import (\(context.backend.rawValue)), \(name): \(Int(Double(items) / seconds)) items/s, \(decisions) decisions")
    }
    return figures
}

/// Decisions per second the server writes, with their decisions in force, when it copies the `decisions` rows
/// of the database at `url` into new tables made like `decisions` and `decision_heads` (indexes, the foreign
/// keys to items), in one transaction timed on this side; the tables are dropped after.
private func decisionInsertFloor(_ url: String, decisions: Int) throws -> Double {
    let c = try PostgresConnection(url)
    try c.execute("""
        CREATE TABLE bench_decisions_floor (LIKE decisions INCLUDING ALL);
        ALTER TABLE bench_decisions_floor ADD FOREIGN KEY (item_id) REFERENCES items(id),
            ADD FOREIGN KEY (supersedes) REFERENCES bench_decisions_floor(id);
        CREATE TABLE bench_heads_floor (LIKE decision_heads INCLUDING ALL);
        """)
    let seconds = try Measure.seconds {
        try c.execute("""
            BEGIN;
            INSERT INTO bench_decisions_floor SELECT * FROM decisions ORDER BY id;
            INSERT INTO bench_heads_floor SELECT * FROM decision_heads ORDER BY decision_id;
            COMMIT;
            """)
    }
    guard try c.execute("SELECT count(*) FROM bench_heads_floor").int64(0, 0) == Int64(decisions) else {
        throw BenchError("the decisions floor did not copy every decision in force")
    }
    try c.execute("DROP TABLE bench_decisions_floor, bench_heads_floor")
    return Double(decisions) / seconds
}
