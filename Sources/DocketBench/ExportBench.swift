import DocketCore
import DocketIO
import DocketStore
import Foundation

/// Synthetic decided items for the export benchmark: text, a group shared by three items, metadata
/// with a personal-data field, three model scores and three reviewers' labels each.
final class SyntheticDecidedItems: ImportSource {
    let file = "synthetic"
    let count: Int
    private var index = 0
    private let labels = ["fine", "rude", "hateful"]

    init(count: Int) { self.count = count }

    var progress: (done: Int64, total: Int64?) { (Int64(index), Int64(count)) }

    func next() throws -> ImportInput? {
        guard index < count else { return nil }
        let i = index
        index += 1
        let text = "Synthetic post number \(i) about topic \(i % 97), written to look like a short social media message."
        var record = ImportRecord(id: "item-\(i)", text: text, group: "author-\(i / 3)",
                                  meta: .object([("author", .string("user\(i / 3)")), ("lang", .string("en")),
                                                 ("reports", .number(String(i % 5)))]))
        record.scores = (0..<3).map { c in
            ModelScore(model: "bench-model@v1", category: labels[c], score: Double((i * 7 + c * 13) % 100) / 100, threshold: 0.5)
        }
        record.decisions = (0..<3).map { r in
            // Mostly agreeing reviewers, with a disagreement every fifth item.
            let label = (r == 2 && i % 5 == 0) ? labels[(i + 1) % 3] : labels[i % 3]
            return ImportRecord.ImportedDecision(reviewer: "reviewer\((i + r) % 9)", label: label, at: 1_700_000_000 + Double(i))
        }
        var fingerprint = Fingerprint()
        fingerprint.add(record.id)
        return .record(record, line: i + 1, fingerprint: fingerprint.value)
    }
}

/// The export benchmark (issue: datasets): builds a database of `items` decided items (3 reviewers
/// each) through the import path, then exports it to JSONL with the standard split and reports
/// `export_jsonl_items_per_s` and the peak memory of the export alone (`export_peak_rss_mb`; the
/// import's peak is reset first). `folder` keeps the database for reuse; nil uses a temporary one.
/// `database` (a new database of another backend, PostgreSQL) is used instead of a SQLite file in `folder`.
func runExportBench(items: Int = 1_000_000, folder: String? = nil, database: StoreLocation? = nil) throws -> [String: Double] {
    let base = folder ?? (NSTemporaryDirectory() + "docket-export-bench-\(getpid())")
    try FileManager.default.createDirectory(atPath: base, withIntermediateDirectories: true)
    defer { if folder == nil { try? FileManager.default.removeItem(atPath: base) } }
    let dbPath = base + "/export-bench-\(items).sqlite"
    let yaml = """
        id: bench
        title: Export benchmark
        guidelines: Label the post.
        overlap: 3
        labels:
          - {id: fine, key: "1"}
          - {id: rude, key: "2"}
          - {id: hateful, key: "3"}
        personal_data: [author]
        personal_data_action: hash
        """
    let queue = try QueueFile.parse(yaml, file: "export-bench.yml")
    let store = try (database ?? .sqlite(path: dbPath)).open(create: true)
    try store.saveQueue(queue, yaml: yaml, actor: "bench")
    let existing = try store.exportIdentity(queue: "bench").first { $0.0 == "queue_items" }?.1.doubleValue ?? 0
    // How long building the database took, when this run built it (on PostgreSQL, every run).
    var setup: [String: Double] = [:]
    if Int(existing) != items {
        let start = Date()
        _ = try store.importItems(into: "bench", from: [SyntheticDecidedItems(count: items)],
                                  options: ImportOptions(actor: "bench"))
        setup["export_setup_import_s"] = Date().timeIntervalSince(start)
    }
    let out = base + "/export-\(items)"
    try? FileManager.default.removeItem(atPath: out)
    try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: out) }

    resetPeakMemory()
    let export = DatasetExport(
        queue: queue, format: .jsonl, plan: .standard, seed: 1, filter: ExportFilter(),
        redaction: MetadataRedaction(queue: queue, salt: "bench"), method: "majority",
        aggregate: { counts in
            guard let top = counts.max(), top > 0, counts.filter({ $0 == top }).count == 1 else { return nil }
            return counts.firstIndex(of: top)
        },
        command: ["DocketBench"], docketVersion: "bench", database: try store.exportIdentity(queue: "bench"),
        filterDescription: [])
    let start = Date()
    let cpuStart = cpuSeconds()
    let manifest = try store.withExportSnapshot { source in try export.write(from: source, into: out) }
    let seconds = Date().timeIntervalSince(start)
    let cpu = cpuSeconds() - cpuStart
    let bytes = manifest.files.reduce(Int64(0)) { $0 + $1.bytes }
    return setup.merging([
        "export_items": Double(manifest.summary.totalRows),
        "export_seconds": seconds,
        "export_jsonl_items_per_s": Double(manifest.summary.totalRows) / seconds,
        "export_mb_per_s": Double(bytes) / 1_048_576 / seconds,
        "export_peak_rss_mb": peakMemoryMB(),
        // CPU time of all the export's threads: steadier than wall time on a shared machine.
        "export_cpu_seconds": cpu,
    ]) { $1 }
}

/// User and system CPU time of this process so far, in seconds (all threads).
func cpuSeconds() -> Double {
    var usage = rusage()
    #if canImport(Glibc)
    getrusage(RUSAGE_SELF.rawValue, &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// Resets the kernel's peak-RSS mark of this process (Linux: `5` into /proc/self/clear_refs).
private func resetPeakMemory() {
    try? "5".write(toFile: "/proc/self/clear_refs", atomically: false, encoding: .utf8)
}

/// Peak resident memory since the last reset, in MB (VmHWM from /proc/self/status).
private func peakMemoryMB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
          let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return 0 }
    let kilobytes = line.split(separator: " ").compactMap { Double($0) }.first ?? 0
    return kilobytes / 1024
}
