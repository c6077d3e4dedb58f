import DocketCore
import DocketIO
import Foundation

/// The split benchmark: `items` candidates through ``DatasetSplit`` as an export adds them (groups of three
/// items, one text shared by ten groups in every thousand items, three labels), with the export's default
/// runs spilled into temporary files (``SpillFolder``), then every item's split read back in order. This is the
/// export's external sort, its merges and its temporary files alone, without SQLite or the rows' formatting:
/// the figure that shows a change to the merge or to the files' reads and writes.
func runSplitBench(items: Int) throws -> [String: Double] {
    let labels = 3
    let start = Date()
    let cpuStart = cpuSeconds()
    var candidates = try DatasetSplit.Candidates(spill: SpillFolder())
    for i in 0..<items {
        let shared = i % 1_000 < 30 ? "shared-\(i / 1_000)" : "text-\(i)"
        try candidates.append(id: "item-\(i)", group: "author-\(i / 3)", contentHash: shared, stratum: i % labels)
    }
    var split = try DatasetSplit(candidates, plan: .standard, seed: 1, strata: labels + 1)
    var perSplit = [Int](repeating: 0, count: SplitPlan.standard.shares.count)
    for _ in 0..<items { perSplit[try split.nextSplit()] += 1 }
    let seconds = Date().timeIntervalSince(start)
    guard perSplit.reduce(0, +) == items else { throw BenchError("the split assigned \(perSplit.reduce(0, +)) of \(items) items") }
    return [
        "split_items": Double(items),
        "split_seconds": seconds,
        "split_items_per_s": Double(items) / seconds,
        // CPU time: steadier than wall time on a shared machine.
        "split_cpu_seconds": cpuSeconds() - cpuStart,
    ]
}
