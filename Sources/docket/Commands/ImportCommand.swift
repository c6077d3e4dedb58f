import ArgumentParser
import DocketCore
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

    @Option(name: .long, help: "The queue to import into.")
    var queue: String

    @Option(name: .long, help: "Input format (auto: by file extension, .csv is CSV, anything else JSONL).")
    var format: Format = .auto

    @Flag(name: .long, help: "All or nothing: one bad record rejects the whole import.")
    var strict = false

    @Flag(name: .long, help: "Print the summary as JSON.")
    var json = false

    @Argument(help: ArgumentHelp("Files to import ('-' for standard input).", valueName: "file"))
    var files: [String]

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one file to import") }
    }

    func run() throws {
        try reportingErrors {
            let db = try store.open()
            _ = try db.queue(queue)
            try Access.check(db, .importItems, queue: queue)
            let sources: [ImportSource] = try files.map { file in
                let csv = format == .csv || (format == .auto && file.lowercased().hasSuffix(".csv"))
                return csv ? try CSVImportSource(path: file) : try JSONLImportSource(path: file)
            }
            var bar = ProgressBar(label: "Importing")
            let summary: ImportSummary
            do {
                summary = try db.importItems(into: queue, from: sources, options: ImportOptions(strict: strict, actor: Identity.loginName)) { s, done, total in
                    bar.update(done: done, total: total, detail: "\(s.inserted) new, \(s.updated) updated, \(s.rejected) rejected")
                }
            } catch let failure as StrictImportFailure {
                bar.finish()
                throw CLIError.data(failure.description)
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
