import DocketCore
import DocketIO
import DocketStore

/// Import, claim and claim + decide through the store interface alone, on the backend of the run (`--backend`):
/// the benchmark every backend runs, so the same figures stand side by side (`store_...` on SQLite,
/// `pg_store_...` on PostgreSQL), and the pattern for further backend-neutral benchmarks.
func runStoreBench(_ context: BenchContext) throws -> [String: Double] {
    let items = context.quick ? 2_000 : 20_000
    let store = try context.backend.openStore("store-bench", in: context)
    let definition = try QueueFile.parse(SyntheticItems.queueYAML, file: "bench queue")
    try store.saveQueue(definition, yaml: SyntheticItems.queueYAML, actor: "bench")
    let input = context.path("store-bench.jsonl")
    var generator = SyntheticItems()
    _ = try generator.write(count: items, to: input)
    var summary = ImportSummary()
    let importSeconds = try Measure.seconds {
        summary = try store.importItems(into: SyntheticItems.queueID, from: [try JSONLImportSource(path: input)],
                                        options: ImportOptions(actor: "bench"))
    }
    guard summary.inserted == items else { throw BenchError("the store benchmark imported \(summary.inserted) of \(items) items") }
    // Four reviewers take turns, as in the claim benchmark (overlap 2: decided items stay open for a second one).
    let steady = try ClaimSampler(store: store).run(samples: context.quick ? 200 : 2_000) { "r\($0 % 4)" }
    // The top of the queue held by others, as a team's reviewers hold it while they read: 500 items each leased to
    // two other reviewers (the overlap), so every claim of four new reviewers walks past them (`store_claim_p99_us_leased_top`).
    let held = context.quick ? 100 : 500
    for holder in 0..<(2 * held) {
        guard try store.claimNext(queue: SyntheticItems.queueID, reviewer: "holder-\(holder)") != nil else {
            throw BenchError("the store benchmark's queue ran out of items")
        }
    }
    let leased = try ClaimSampler(store: store).run(samples: context.quick ? 50 : 500) { "s\($0 % 4)" }
    context.log("store (\(context.backend.rawValue)): claim p99 \(Int(steady.claim.p99)) us, claim + decide p99 \(Int(steady.cycle.p99)) us, "
                + "past \(held) held items \(Int(leased.claim.p99)) us")
    // docket copy's path: the whole database streamed into a new one of the same backend.
    let copy = try context.backend.openStore("store-bench-copy", in: context)
    let copySeconds = try Measure.seconds { try copy.load { emit in try store.dump(emit) } }
    return [
        "store_copy_items_per_s": Double(items) / copySeconds,
        "store_import_items_per_s": Double(items) / importSeconds,
        "store_claim_p50_us": steady.claim.p50,
        "store_claim_p99_us": steady.claim.p99,
        "store_claim_decide_p50_us": steady.cycle.p50,
        "store_claim_decide_p99_us": steady.cycle.p99,
        "store_claim_p50_us_leased_top": leased.claim.p50,
        "store_claim_p99_us_leased_top": leased.claim.p99,
        "store_leased_top_items": Double(held),
    ]
}
