import DocketCore
import DocketStore

/// Import of records that carry decisions (labels made elsewhere), on the backend of the run: what building the
/// export and report benchmarks' databases costs. `import_decisions_per_s` counts the decisions stored per second
/// of the whole import (items, scores and the decisions with their decisions in force), `import_decided_items_per_s`
/// the records; both beside `import_undecided_items_per_s`, the same records without their decisions in another
/// new database, so the decisions' own share shows. `pg_` prefixed on PostgreSQL.
func runDecisionImportBench(_ context: BenchContext) throws -> [String: Double] {
    let items = context.quick ? 4_000 : 100_000
    let definition = try QueueFile.parse(SyntheticRatedItems.queueYAML, file: "bench queue")
    var figures: [String: Double] = [:]
    for (name, withDecisions) in [("undecided", false), ("decided", true)] {
        let store = try context.backend.openStore("decisions-\(name)", in: context)
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
        context.log("import (\(context.backend.rawValue)), \(name): \(Int(Double(items) / seconds)) items/s, \(decisions) decisions")
    }
    return figures
}
