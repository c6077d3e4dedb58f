import DocketCore
import DocketIO
import DocketStore
import Foundation

/// One measured import of synthetic items into a new database, through the path `docket import` takes
/// (JSONLImportSource + ReviewStore.importItems into a real SQLite file).
struct ImportRun {
    /// The database file the items went into (kept for later benchmarks).
    var database: String
    var items: Int
    /// Bytes of JSONL read.
    var inputBytes: Int
    /// Seconds spent in importItems (parsing, validation and SQLite writes; not generating the file).
    var seconds: Double
    /// CPU seconds the process used during the import.
    var cpuSeconds: Double
    /// RSS high-water mark during the import, in megabytes (nil where it cannot be read).
    var peakRSSMegabytes: Double?
    /// RSS just before the import started.
    var startRSSMegabytes: Double?
    /// Size of the database file after the store was closed (WAL checkpointed), per item.
    var bytesPerItem: Double

    var itemsPerSecond: Double { Double(items) / seconds }
    var itemsPerCPUSecond: Double { Double(items) / cpuSeconds }

    /// Generates `count` records, imports them into a new database and measures it.
    static func measure(items count: Int, in context: BenchContext,
                        decodingThreads: Int = ImportPrefetcherSizes.defaultWorkers) throws -> ImportRun {
        let input = context.path("items-\(sizeLabel(count)).jsonl")
        var generator = SyntheticItems()
        let inputBytes = try generator.write(count: count, to: input)
        let database = context.path("import-\(sizeLabel(count)).sqlite")
        let seconds: Double
        var cpu = 0.0
        var peak: Double?
        var start: Double?
        do {
            let store = try BenchContext.openStore(database)
            let source = try JSONLImportSource(path: input)
            let canReset = Measure.resetPeakMemory()
            start = Measure.statusKilobytes("VmRSS").map { $0 / 1024 }
            var summary = ImportSummary()
            let cpuStart = Measure.cpuSeconds()
            seconds = try Measure.seconds {
                summary = try store.importItems(into: SyntheticItems.queueID, from: [source],
                                                options: ImportOptions(actor: "bench", decodingThreads: decodingThreads))
            }
            cpu = Measure.cpuSeconds() - cpuStart
            if canReset { peak = Measure.statusKilobytes("VmHWM").map { $0 / 1024 } }
            guard summary.inserted == count, summary.rejected == 0 else {
                throw BenchError("import of \(count) items: \(summary.inserted) inserted, \(summary.rejected) rejected: \(summary.rejections.first.map(String.init(describing:)) ?? "")")
            }
        }   // the store closes here: the WAL is checkpointed into the file
        try? FileManager.default.removeItem(atPath: input)
        let size = (try FileManager.default.attributesOfItem(atPath: database)[.size] as? NSNumber)?.doubleValue ?? 0
        let wal = (try? FileManager.default.attributesOfItem(atPath: database + "-wal")[.size] as? NSNumber)?.doubleValue ?? 0
        context.log("imported \(count) items (\(inputBytes / 1_000_000) MB of JSONL) in \(String(format: "%.2f", seconds)) s (\(String(format: "%.2f", cpu)) s of CPU)")
        return ImportRun(database: database, items: count, inputBytes: inputBytes, seconds: seconds, cpuSeconds: cpu,
                         peakRSSMegabytes: peak, startRSSMegabytes: start, bytesPerItem: (size + wal) / Double(count))
    }
}

/// Import throughput, re-import throughput (every record unchanged), database bytes per item and
/// peak memory for a small and a large input.
func runImportBench(_ context: BenchContext) throws -> [String: Double] {
    let small = context.quick ? 2_000 : 100_000
    let large = context.quick ? 10_000 : 1_000_000
    var figures: [String: Double] = [:]

    // Throughput: the median of several fresh imports of the small size (cheap enough to repeat).
    var rates: [Double] = []
    var cpuRates: [Double] = []
    var smallPeaks: [Double] = []
    for _ in 0..<(context.quick ? 1 : 3) {
        let run = try ImportRun.measure(items: small, in: context)
        rates.append(run.itemsPerSecond)
        cpuRates.append(run.itemsPerCPUSecond)
        if let peak = run.peakRSSMegabytes { smallPeaks.append(peak) }
        try? FileManager.default.removeItem(atPath: run.database)
    }
    figures["import_items_per_s"] = Measure.median(rates)
    figures["import_items_per_cpu_s"] = Measure.median(cpuRates)
    figures["import_peak_rss_mb_\(sizeLabel(small))"] = smallPeaks.max()
    figures["import_decoding_threads"] = Double(ImportPrefetcherSizes.defaultWorkers)

    // The same with one decoding thread (`docket import --threads 1`): what the extra decoding threads gave.
    var oneThreadRates: [Double] = []
    for _ in 0..<(context.quick ? 1 : 3) {
        let run = try ImportRun.measure(items: small, in: context, decodingThreads: 1)
        oneThreadRates.append(run.itemsPerSecond)
        try? FileManager.default.removeItem(atPath: run.database)
    }
    figures["import_items_per_s_one_decoder"] = Measure.median(oneThreadRates)

    // The reading side alone (what the import's decoding threads do: read, parse, validate, hash, rank and
    // encode), on one thread with no database: with the import's CPU per record it splits the work between
    // the decoders and the writer, and bounds the rate a faster writer could reach.
    let parseInput = context.path("parse-only.jsonl")
    var parseGenerator = SyntheticItems()
    try parseGenerator.write(count: small, to: parseInput)
    let policy = try QueueFile.parse(SyntheticItems.queueYAML, file: "bench queue").priority
    /// 1 for a record prepared as the import prepares it, 0 for anything else.
    let prepare: @Sendable (ImportInput) -> Int = { input in
        guard case .record(let record, _, _) = input else { return 0 }
        return StoredItemFields(record, policy: policy, importedAt: 1_700_000_000).scoresJSON.isEmpty ? 0 : 1
    }
    var parsed = 0
    let parseCPUStart = Measure.cpuSeconds()
    let parseSeconds = try Measure.seconds {
        let source = try JSONLImportSource(path: parseInput)
        while let input = try source.next() { parsed += prepare(input) }
    }
    let parseCPU = Measure.cpuSeconds() - parseCPUStart
    guard parsed == small else { throw BenchError("parse-only read \(parsed) of \(small) records") }
    figures["import_read_only_items_per_s"] = Double(small) / parseSeconds
    figures["import_read_cpu_us_per_item"] = parseCPU / Double(small) * 1e6

    // The same reading side through the import's read-ahead with one decoding thread per core (no database):
    // how decoding scales with the cores this machine gives at the time.
    let cores = ProcessInfo.processInfo.activeProcessorCount
    var decoded = 0
    let decodeSeconds = try Measure.seconds {
        let prefetcher = ImportPrefetcher(try JSONLImportSource(path: parseInput), workers: cores, prepare: prepare)
        while let one = try prefetcher.next() { decoded += one }
    }
    try? FileManager.default.removeItem(atPath: parseInput)
    guard decoded == small else { throw BenchError("parallel parse-only read \(decoded) of \(small) records") }
    figures["import_read_only_items_per_s_all_cores"] = Double(small) / decodeSeconds
    figures["cores"] = Double(cores)
    figures["import_cpu_us_per_item"] = 1e6 / Measure.median(cpuRates)

    // Re-import of the same file into a database that already holds it: the idempotent path.
    let reimportDB = context.path("reimport.sqlite")
    let reimportInput = context.path("reimport.jsonl")
    var generator = SyntheticItems()
    try generator.write(count: small, to: reimportInput)
    let store = try BenchContext.openStore(reimportDB)
    _ = try store.importItems(into: SyntheticItems.queueID, from: [try JSONLImportSource(path: reimportInput)],
                              options: ImportOptions(actor: "bench"))
    var summary = ImportSummary()
    let again = try Measure.seconds {
        summary = try store.importItems(into: SyntheticItems.queueID, from: [try JSONLImportSource(path: reimportInput)],
                                        options: ImportOptions(actor: "bench"))
    }
    guard summary.unchanged == small else { throw BenchError("re-import changed \(small - summary.unchanged) items") }
    figures["reimport_items_per_s"] = Double(small) / again

    // One large import (kept for the claim benchmark): memory must not grow with the input.
    let run = try context.database(items: large)
    figures["import_items_per_s_\(sizeLabel(large))"] = run.itemsPerSecond
    figures["import_peak_rss_mb_\(sizeLabel(large))"] = run.peakRSSMegabytes
    figures["import_start_rss_mb"] = run.startRSSMegabytes
    figures["db_bytes_per_item"] = run.bytesPerItem
    figures["input_bytes_per_item"] = Double(run.inputBytes) / Double(run.items)
    return figures
}
