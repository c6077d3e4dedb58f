import DocketCore
import DocketStore
import DocketTUI
import Foundation

/// Synthetic items for the review benchmark: short posts with metadata, five model scores and an explanation.
final class SyntheticReviewItems: ImportSource {
    let file = "<synthetic review items>"
    private let count: Int
    private var produced = 0
    private let categories = ["hate", "harassment", "violence", "sexual", "spam"]

    init(count: Int) { self.count = count }

    func next() throws -> ImportInput? {
        guard produced < count else { return nil }
        produced += 1
        let n = produced
        // A cheap deterministic spread of scores, so the priority order is not the insertion order.
        let base = Double((n &* 2_654_435_761) % 1000) / 1000
        let scores = categories.enumerated().map { index, category in
            ModelScore(model: "bench-model", category: category, score: (base + Double(index) * 0.17).truncatingRemainder(dividingBy: 1), threshold: 0.5)
        }
        let text = "Synthetic post number \(n): some words that a reviewer would read, with a second sentence for wrapping. 日本語 😀"
        let record = ImportRecord(id: "item-\(n)", text: text, group: "author-\(n % 5000)",
                                  meta: .object([("author", .string("author-\(n % 5000)")), ("reports", .number(String(n % 17))),
                                                 ("lang", .string("en"))]),
                                  scores: scores,
                                  explanations: [Explanation(model: "bench-model", text: "words near the threshold",
                                                             spans: [Span(start: 10, end: 16, label: "hate", weight: 0.7)])])
        return .record(record, line: n, fingerprint: UInt64(n))
    }

    var progress: (done: Int64, total: Int64?) { (Int64(produced), Int64(count)) }
}

/// The review benchmark: from a label key press to the next item drawn (decision committed, next item claimed,
/// screen model built at 100x30), with `items` items in the queue; and the peak memory of the review session.
///
/// Between key presses the terminal loop's idle tick runs once, as it does while a reviewer reads the item
/// (it renews the lease, reads the header's counts and checkpoints the WAL); its own cost is
/// `review_idle_tick_p50_ms` / `_p99_ms`, and the counts' read alone (``ReviewStore/reviewProgress(queue:reviewer:now:)``)
/// `review_progress_p50_ms` / `_max_ms`, timed after the keys.
///
/// Returns `review_key_to_next_p50_ms`, `review_key_to_next_p99_ms`, `review_peak_rss_mb` (high-water resident
/// memory during the review phase only: the import's peak is reset first), `review_end_rss_anon_mb` and
/// `review_end_rss_file_mb` (what the resident memory is made of at the end), `review_items` and `review_decisions`.
/// Targets (issue 4): p99 under 5 ms, peak memory under 40 MB.
///
/// `database` (a new database of another backend: PostgreSQL) is used instead of a SQLite file; there each key's
/// sample is followed by one `SELECT 1` on a connection of its own, the floor of a round trip in the same
/// conditions: `review_roundtrip_p50_ms` / `_p99_ms` and the ratio `review_key_to_next_p99_vs_roundtrip`.
/// With `directory` (SQLite), the database is kept there and reused by the next run when it exists (the import of
/// a million items takes minutes on a busy machine); each run decides `decisions` more of its items.
public func runReviewBench(items: Int = 1_000_000, decisions: Int = 2_000, directory: String? = nil,
                           database: StoreLocation? = nil) throws -> [String: Double] {
    let dir = directory ?? FileManager.default.temporaryDirectory.appendingPathComponent("docket-review-bench-\(UUID())").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { if directory == nil { try? FileManager.default.removeItem(atPath: dir) } }
    let location = database ?? .sqlite(path: dir + "/bench.sqlite")
    let reuse = database == nil && directory != nil && FileManager.default.fileExists(atPath: dir + "/bench.sqlite")
    let yaml = """
        id: bench
        title: Review benchmark
        guidelines: Label each synthetic post.
        labels:
          - {id: hate, key: "1"}
          - {id: normal, key: "2"}
        priority:
          - {rule: score, category: hate}
        """
    var setup: [String: Double] = [:]
    if !reuse {
        let store = try location.open(create: true)
        try store.saveQueue(try QueueFile.parse(yaml, file: "bench.yml"), yaml: yaml, actor: "bench")
        let start = Date()
        _ = try store.importItems(into: "bench", from: [SyntheticReviewItems(count: items)], options: ImportOptions(actor: "bench"))
        setup["review_setup_import_s"] = Date().timeIntervalSince(start)
    }
    // The floor's own connection, opened before the session so that its memory is not the session's.
    let floor: PostgresConnection? = try {
        if case .postgres(let url) = location { return try PostgresConnection(url) }
        return nil
    }()
    resetPeakMemory()
    // A fresh connection, as a reviewer's `docket review` process would have.
    let store = try location.open()
    let session = try ReviewSession(store: store, queue: "bench", reviewer: "bench-reviewer", now: Date().timeIntervalSince1970)
    session.width = 100
    session.height = 30
    try session.start(now: Date().timeIntervalSince1970)
    _ = session.render()
    var durations: [Double] = []
    durations.reserveCapacity(decisions)
    var idle: [Double] = []
    var roundtrips: [Double] = []
    for _ in 0..<decisions {
        guard session.state.item != nil else { break }
        let start = DispatchTime.now().uptimeNanoseconds
        session.handle(.character("1"), now: Date().timeIntervalSince1970)
        let grid = session.render()
        let end = DispatchTime.now().uptimeNanoseconds
        precondition(grid.width == 100 && session.state.message?.role != .error, "the benchmark's decision failed: \(session.state.message?.text ?? "")")
        durations.append(Double(end - start) / 1_000_000)
        if let floor {
            let floorStart = DispatchTime.now().uptimeNanoseconds
            try floor.executePrepared("floor_select", "SELECT 1")
            roundtrips.append(Double(DispatchTime.now().uptimeNanoseconds - floorStart) / 1_000_000)
        }
        // The reviewer reads the next item: the terminal loop's idle tick runs (lease, counts, WAL checkpoint).
        let idleStart = DispatchTime.now().uptimeNanoseconds
        session.tick(now: Date().timeIntervalSince1970 + 1)
        idle.append(Double(DispatchTime.now().uptimeNanoseconds - idleStart) / 1_000_000)
    }
    if ProcessInfo.processInfo.environment["DOCKET_BENCH_TRACE"] != nil {
        // Where the slow key presses fall (periodic ones point at WAL checkpoints).
        print("slow (>10 ms) at:", durations.enumerated().filter { $0.element > 10 }.map { "\($0.offset):\(Int($0.element))ms" }.joined(separator: " "))
    }
    // What the resident memory is made of at the end: the session's own (heap, SQLite's caches) and the mapped
    // code of the binary and its libraries (Swift runtime, Foundation and ICU, libpq, glib), shared with every
    // process that maps them.
    let resident = residentKilobytes()
    // The header's counts alone, as the idle tick reads them: the part of the tick that grows with the queue.
    var progress: [Double] = []
    for _ in 0..<30 {
        let progressStart = DispatchTime.now().uptimeNanoseconds
        _ = try store.reviewProgress(queue: "bench", reviewer: "bench-reviewer", now: Date().timeIntervalSince1970)
        progress.append(Double(DispatchTime.now().uptimeNanoseconds - progressStart) / 1_000_000)
    }
    session.quit()
    var figures = setup.merging([
        "review_items": Double(items),
        "review_decisions": Double(durations.count),
        "review_key_to_next_p50_ms": Measure.percentile(durations, 50),
        "review_key_to_next_p99_ms": Measure.percentile(durations, 99),
        "review_idle_tick_p50_ms": Measure.percentile(idle, 50),
        "review_idle_tick_p99_ms": Measure.percentile(idle, 99),
        "review_progress_p50_ms": Measure.percentile(progress, 50),
        "review_progress_max_ms": Measure.percentile(progress, 100),
        "review_peak_rss_mb": peakMemoryMB(),
        "review_end_rss_anon_mb": (resident["RssAnon"] ?? 0) / 1024,
        "review_end_rss_file_mb": (resident["RssFile"] ?? 0) / 1024,
    ]) { $1 }
    if !roundtrips.isEmpty {
        figures["review_roundtrip_p50_ms"] = Measure.percentile(roundtrips, 50)
        figures["review_roundtrip_p99_ms"] = Measure.percentile(roundtrips, 99)
        figures["review_key_to_next_p99_vs_roundtrip"] = Measure.percentile(durations, 99) / Measure.percentile(roundtrips, 99)
    }
    return figures
}

/// The kernel's resident-memory lines of /proc/self/status (VmRSS, RssAnon, RssFile, ...), in kilobytes.
private func residentKilobytes() -> [String: Double] {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return [:] }
    var values: [String: Double] = [:]
    for line in status.split(separator: "\n") {
        let parts = line.split(whereSeparator: { $0 == ":" || $0 == " " || $0 == "\t" })
        if parts.count >= 2, let value = Double(parts[1]) { values[String(parts[0])] = value }
    }
    return values
}

/// Resets the kernel's high-water mark of resident memory (Linux: `5` to /proc/self/clear_refs).
private func resetPeakMemory() {
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
}

/// Peak resident memory since the last reset, in MB (VmHWM from /proc/self/status).
private func peakMemoryMB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
    let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    return kilobytes / 1024
}
