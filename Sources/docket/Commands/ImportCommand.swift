import ArgumentParser
import DocketCore
import DocketIO
import DocketStore
import Foundation

/// `docket import`: streams JSONL or CSV records into a queue.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import items (JSONL or CSV) into a queue.",
        discussion: """
            Streams in constant memory and writes in batched transactions. Idempotent by item id: \
            importing the same file twice changes nothing; a changed record updates the item and its \
            scores and never touches decisions. A bad record is reported with file, line and field and \
            the rest goes in (exit status 65 when any record was rejected); --strict stores nothing \
            unless every record is good. Format: Docs/import-format.md.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case auto, jsonl, csv
    }

    @OptionGroup var store: StoreOptions

    @OptionGroup var queueOption: QueueOption
    var queue: String { queueOption.queue }

    @Option(name: .long, help: "Input format (auto: by file extension, .csv is CSV, anything else JSONL).")
    var format: Format = .auto

    @Option(name: .long, help: ArgumentHelp(
        "Read a public data set in its published format instead of JSONL/CSV: \(PublicDataset.allCases.map(\.rawValue).joined(separator: ", ")). See Docs/public-datasets.md.",
        valueName: "dataset"))
    var from: PublicDataset?

    @Option(name: .long, help: "With --from: which label set to import (convabuse: severity|binary; hs-brexit: hate_speech|aggressive|offensive; armis: misogyny; hatexplain: label|toxic).")
    var task: String?

    @Flag(name: .long, help: "All or nothing: one bad record rejects the whole import.")
    var strict = false

    @OptionGroup var output: OutputOptions
    var json: Bool { output.json }

    @Option(name: .long, help: ArgumentHelp(
        "Threads decoding a JSONL file while another writes (default: one per core, at most 4; CSV and --from use one).",
        valueName: "n"))
    var threads: Int?

    @Option(name: .long, help: ArgumentHelp(
        "A folder that records' images may lie in, besides each import file's own folder (repeatable). Paths that lead elsewhere, through '..' or a symbolic link, are refused.",
        valueName: "folder"))
    var mediaRoot: [String] = []

    // Hidden: the crash tests use small batches so that a kill lands between commits of a small file.
    @Option(name: .long, help: .hidden)
    var batchSize: Int = 10_000

    @Argument(help: ArgumentHelp("Files to import ('-' for standard input).", valueName: "file"))
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one file to import") }
        if let from, let task, !from.tasks.contains(task) {
            throw ValidationError("--task for \(from.rawValue) must be one of \(from.tasks.joined(separator: ", ")), not '\(task)'")
        }
        if from == nil, task != nil { throw ValidationError("--task only applies with --from") }
        if let threads, !(1...64).contains(threads) { throw ValidationError("--threads must be between 1 and 64, not \(threads)") }
    }

    func run() throws {
        try reportingErrors {
            let db = try store.open()
            _ = try db.queue(queue)
            try Access.check(db, .importItems, queue: queue)
            try Self.checkReadable(files)
            let sources: [ImportSource]
            if let from {
                sources = [try PublicDatasetImportSource(kind: from, task: task, files: files, from: LocalFiles())]
            } else {
                sources = try files.map { file in
                    let csv = format == .csv || (format == .auto && file.lowercased().hasSuffix(".csv"))
                    return csv ? try CSVImportSource(path: file) : try JSONLImportSource(path: file)
                }
            }
            var options = ImportOptions(strict: strict, batchSize: max(1, batchSize), actor: try Access.actor(db),
                                        decodingThreads: threads ?? ImportPrefetcherSizes.defaultWorkers)
            options.mediaRoots = mediaRoot
            var bar = ProgressBar(label: "Importing")
            let summary: ImportSummary
            do {
                summary = try db.importItems(into: queue, from: sources, options: options) { s, done, total in
                    bar.update(done: done, total: total, detail: "\(s.inserted) new, \(s.updated) updated, \(s.rejected) rejected")
                }
            } catch let failure as StrictImportFailure {
                bar.finish()
                throw DocketError.input(InputError(failure.description))
            }
            bar.finish()
            for rejection in summary.rejections { printError(rejection.description) }
            if summary.rejected > summary.rejections.count {
                printError("... and \(summary.rejected - summary.rejections.count) more rejected records")
            }
            if json {
                Output.json(.object([("queue", .string(queue)), ("inserted", .number(String(summary.inserted))),
                                     ("updated", .number(String(summary.updated))), ("unchanged", .number(String(summary.unchanged))),
                                     ("rejected", .number(String(summary.rejected))),
                                     ("decisions_added", .number(String(summary.decisionsAdded)))]))
            } else {
                print("Imported into '\(queue)': \(summary.inserted) inserted, \(summary.updated) updated, \(summary.unchanged) unchanged, \(summary.rejected) rejected" + (summary.decisionsAdded > 0 ? ", \(summary.decisionsAdded) decisions added" : ""))
            }
            if summary.rejected > 0 { throw ExitCode(ExitStatus.dataError) }
        }
    }
}

extension ImportCommand {
    /// A missing file is "not found" (66) and an unreadable one an I/O error (74), before anything is read;
    /// a file that opens but holds bad records is bad input (65). `-` is standard input.
    static func checkReadable(_ files: [String]) throws {
        for file in files where file != "-" {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isFolder) else {
                throw DocketError.notFound("no file '\(file)' to import")
            }
            if isFolder.boolValue { throw DocketError.io("'\(file)' is a folder, not a file to import") }
            if !FileManager.default.isReadableFile(atPath: file) {
                throw DocketError.io("cannot read '\(file)': permission denied")
            }
        }
    }
}

extension PublicDataset: ExpressibleByArgument {}
