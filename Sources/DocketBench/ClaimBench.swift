import DocketCore
import DocketStore

/// Claim latency: `ReviewStore.claimNext` alone (the claim transaction plus loading the item with its
/// scores and explanations), and claim followed by `decide` (one reviewer's full step), at a small and
/// a large queue. The bench queue has overlap 2, as real agreement queues do, so decided items stay open
/// for a second reviewer.
func runClaimBench(_ context: BenchContext) throws -> [String: Double] {
    var figures: [String: Double] = [:]
    let sizes = context.quick ? [10_000] : [10_000, 1_000_000]
    for size in sizes {
        let run = try context.database(items: size)
        let store = try BenchContext.openStore(run.database)
        let label = sizeLabel(size)
        let samples = context.quick ? 200 : 2_000

        // Steady state: four reviewers take turns claiming and deciding.
        let steady = try ClaimSampler(store: store).run(samples: samples) { "r\($0 % 4)" }
        figures["claim_p50_us_\(label)"] = steady.claim.p50
        figures["claim_p90_us_\(label)"] = steady.claim.p90
        figures["claim_p99_us_\(label)"] = steady.claim.p99
        figures["claim_cpu_p50_us_\(label)"] = steady.claimCPU.p50
        figures["claim_cpu_p99_us_\(label)"] = steady.claimCPU.p99
        figures["claim_decide_p50_us_\(label)"] = steady.cycle.p50
        figures["claim_decide_p99_us_\(label)"] = steady.cycle.p99

        // The top of the queue held by others: 1,000 items each leased to two other reviewers
        // (the overlap), so every claim walks past them.
        let held = context.quick ? 100 : 1_000
        for holder in 0..<(2 * held) {
            guard try store.claimNext(queue: SyntheticItems.queueID, reviewer: "holder-\(holder)") != nil else {
                throw BenchError("the queue ran out of items")
            }
        }
        let leased = try ClaimSampler(store: store).run(samples: samples / 4) { "s\($0 % 4)" }
        figures["claim_p99_us_\(label)_leased_top"] = leased.claim.p99
        figures["claim_cpu_p99_us_\(label)_leased_top"] = leased.claimCPU.p99

        // One reviewer far ahead of the others: it decided the next 1,000 items alone, which stay open
        // for their second reviewer, and its own claims used to walk past them (each reviewer's claims now
        // start at their floor, past their own decisions). The holders above let go first, so that this
        // measures the reviewer's own decisions and not the held items again.
        for holder in 0..<(2 * held) { try store.release(queue: SyntheticItems.queueID, reviewer: "holder-\(holder)") }
        let ahead = "ahead"
        for _ in 0..<held {
            try ClaimSampler(store: store).step(reviewer: ahead)
        }
        let aheadRun = try ClaimSampler(store: store).run(samples: samples / 4) { _ in ahead }
        figures["claim_p99_us_\(label)_reviewer_ahead"] = aheadRun.claim.p99
        figures["claim_cpu_p99_us_\(label)_reviewer_ahead"] = aheadRun.claimCPU.p99
        context.log("claims at \(label): p99 \(Int(steady.claim.p99)) us, leased top \(Int(leased.claim.p99)) us, reviewer ahead \(Int(aheadRun.claim.p99)) us")
    }
    if let large = sizes.last { figures["claim_p99_us"] = figures["claim_p99_us_\(sizeLabel(large))"] }
    return figures
}

/// Times claim-then-decide steps against one store.
struct ClaimSampler {
    let store: ReviewStore

    /// Percentiles of one series of latencies, in microseconds.
    struct Latency {
        var p50: Double
        var p90: Double
        var p99: Double

        init(_ seconds: [Double]) {
            let sorted = seconds.map { $0 * 1e6 }.sorted()
            p50 = Measure.percentile(sorted: sorted, 50)
            p90 = Measure.percentile(sorted: sorted, 90)
            p99 = Measure.percentile(sorted: sorted, 99)
        }
    }

    /// Runs a few unmeasured steps (caches, prepared statements), then `samples` measured ones.
    func run(samples: Int, reviewer: (Int) -> String) throws -> (claim: Latency, claimCPU: Latency, cycle: Latency) {
        for index in 0..<20 { try step(reviewer: reviewer(index)) }
        var claims: [Double] = []
        var claimsCPU: [Double] = []
        var cycles: [Double] = []
        for index in 0..<samples {
            let step = try step(reviewer: reviewer(index))
            claims.append(step.claim)
            claimsCPU.append(step.claimCPU)
            cycles.append(step.cycle)
        }
        return (Latency(claims), Latency(claimsCPU), Latency(cycles))
    }

    /// Claims one item for `reviewer` and labels it; returns the seconds of the claim (wall clock and
    /// CPU: on a shared machine the wall clock's tail is mostly other processes' time slices) and of both.
    @discardableResult
    func step(reviewer: String) throws -> (claim: Double, claimCPU: Double, cycle: Double) {
        let cpuStart = Measure.cpuSeconds()
        let start = Measure.now()
        guard let item = try store.claimNext(queue: SyntheticItems.queueID, reviewer: reviewer) else {
            throw BenchError("nothing left to claim for \(reviewer)")
        }
        let claimed = Measure.now()
        let claimCPU = Measure.cpuSeconds() - cpuStart
        try store.decide(DecisionRequest(queue: SyntheticItems.queueID, item: .external(item.externalID), reviewer: reviewer,
                                         label: "fine", origin: "bench"))
        return (claimed - start, claimCPU, Measure.now() - start)
    }
}
