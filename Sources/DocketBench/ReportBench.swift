import DocketCore
import DocketStore
import Foundation

/// Synthetic items for the report benchmark: five reviewers label every item with one of three labels (each
/// agreeing with the item's hidden true label four times in five), and one model score follows the true label.
final class SyntheticRatedItems: ImportSource {
    let file = "<synthetic rated items>"
    static let labels = ["fine", "rude", "hateful"]
    static let reviewers = 5
    /// The queue (`bench`) the items go into: the three labels, each item complete with its five reviewers.
    static let queueYAML = """
        id: bench
        title: Report benchmark
        guidelines: Label the post.
        overlap: 5
        labels:
          - {id: fine, key: "1"}
          - {id: rude, key: "2"}
          - {id: hateful, key: "3"}
        """
    private let count: Int
    private var produced = 0
    private var random = SeededGenerator(seed: 5)

    /// Whether records carry their reviewers' decisions (false: the same items and scores alone).
    private let withDecisions: Bool

    init(count: Int, withDecisions: Bool = true) {
        self.count = count
        self.withDecisions = withDecisions
    }

    var progress: (done: Int64, total: Int64?) { (Int64(produced), Int64(count)) }

    func next() throws -> ImportInput? {
        guard produced < count else { return nil }
        produced += 1
        let n = produced
        // Skewed true labels, as in moderation queues: most posts are fine.
        let draw = random.below(100)
        let truth = draw < 60 ? 0 : (draw < 85 ? 1 : 2)
        let decisions = (1 ... Self.reviewers).map { reviewer in
            let label = random.below(5) == 0 ? (truth + 1 + random.below(2)) % 3 : truth
            return ImportRecord.ImportedDecision(reviewer: "reviewer-\(reviewer)", label: Self.labels[label],
                                                 at: 1_780_000_000 + Double(n))
        }
        let score = min(1, max(0, Double(truth) * 0.3 + random.unit() * 0.4))
        let record = ImportRecord(id: "item-\(n)", text: "Synthetic post number \(n).",
                                  scores: [ModelScore(model: "bench-model@v1", category: "hateful", score: score, threshold: 0.5)],
                                  decisions: withDecisions ? decisions : [])
        return .record(record, line: n, fingerprint: UInt64(n))
    }
}

/// The report benchmark (issue 5): `docket report agreement --format json` end to end on a queue of
/// `items` items x 5 reviewers (1,000,000 decisions at full size, 20,000 with --quick), through
/// ``ReviewStore/agreementReport(queue:since:scale:positives:bootstrap:seed:top:)`` (the command's own path)
/// and the JSON writer, from a freshly opened store.
///
/// Figures: `report_<size>_s` (default bootstrap resamples), `report_<size>_no_bootstrap_s` (`--bootstrap 0`),
/// their CPU seconds, and `report_peak_rss_mb` (the import's peak is reset first). Medians of 3 runs (1 with --quick).
/// The database is kept under `$DOCKET_BENCH_DATA` when set and reused by the next run (building it
/// imports a million decisions); otherwise it lives in the run's scratch directory.
func runReportBench(_ context: BenchContext) throws -> [String: Double] {
    let items = context.quick ? 4_000 : 200_000
    let decisions = items * SyntheticRatedItems.reviewers
    let folder = context.dataPath("report")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = folder + "/report-bench-\(items).sqlite"
    let yaml = SyntheticRatedItems.queueYAML
    var figures: [String: Double] = [:]
    // On PostgreSQL: the same decisions imported into a new database of the run's server (not kept between runs).
    let postgres = context.backend == .postgres ? try context.backend.newDatabase("report", in: context) : nil
    if let postgres {
        let store = try postgres.open(create: true)
        try store.saveQueue(try QueueFile.parse(yaml, file: "report-bench.yml"), yaml: yaml, actor: "bench")
        let start = Measure.now()
        _ = try store.importItems(into: "bench", from: [SyntheticRatedItems(count: items)], options: ImportOptions(actor: "bench"))
        figures["report_setup_import_s"] = Measure.now() - start
    } else if !FileManager.default.fileExists(atPath: path) {
        do {
            // In its own scope, so the store is closed (its WAL checkpointed) before the files are renamed.
            let store = try SQLiteReviewStore(path: path + ".partial")
            try store.saveQueue(try QueueFile.parse(yaml, file: "report-bench.yml"), yaml: yaml, actor: "bench")
            let start = Measure.now()
            _ = try store.importItems(into: "bench", from: [SyntheticRatedItems(count: items)], options: ImportOptions(actor: "bench"))
            figures["report_setup_import_s"] = Measure.now() - start
        }
        // Renamed only when complete, so an interrupted build is not reused as if it were whole.
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: path + ".partial" + suffix) {
            try FileManager.default.moveItem(atPath: path + ".partial" + suffix, toPath: path + suffix)
        }
    }
    let runs = context.quick ? 1 : 3
    let size = sizeLabel(decisions)
    Measure.resetPeakMemory()
    for (name, bootstrap) in [("report_\(size)", nil), ("report_\(size)_no_bootstrap", 0)] as [(String, Int?)] {
        var wall: [Double] = []
        var cpu: [Double] = []
        for _ in 0 ..< runs {
            let startWall = Measure.now(), startCPU = Measure.cpuSeconds()
            // A fresh store per run, as each `docket report` process opens its own.
            let store = try (postgres ?? .sqlite(path: path)).open()
            let report = try store.agreementReport(queue: "bench", bootstrap: bootstrap)
            let json = JSONWriter.string(report.json)
            wall.append(Measure.now() - startWall)
            cpu.append(Measure.cpuSeconds() - startCPU)
            precondition(report.summary.ratings == decisions && json.hasPrefix("{"), "the report did not count every decision")
        }
        figures[name + "_s"] = Measure.median(wall)
        figures[name + "_cpu_s"] = Measure.median(cpu)
    }
    figures["report_peak_rss_mb"] = Measure.megabytes(Measure.statusKilobytes("VmHWM"))
    return figures
}
