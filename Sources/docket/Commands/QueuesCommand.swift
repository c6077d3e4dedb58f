import ArgumentParser
import DocketCore
import DocketStore

/// `docket queues`: lists queues with their progress; `docket queues add` adds or updates one.
struct QueuesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queues",
        abstract: "List the queues with their progress, or add one.",
        subcommands: [List.self, Add.self],
        defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Each queue: items, decisions in force, complete, in progress, pending, escalated.")

        @OptionGroup var store: StoreOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            try reportingErrors {
                let summaries = try store.openForReading().queueSummaries()
                if output.json {
                    Output.json(.array(summaries.map(Self.json)))
                    return
                }
                if summaries.isEmpty {
                    print("No queues yet: 'docket queues add FILE.yml' or 'docket init'.")
                    return
                }
                Output.table(["QUEUE", "ITEMS", "DECISIONS", "COMPLETE", "IN PROGRESS", "PENDING", "ESCALATED", "OVERLAP"],
                             summaries.map { [$0.id, "\($0.items)", "\($0.decisions)", "\($0.complete)", "\($0.inProgress)",
                                              "\($0.pending)", "\($0.escalated)", "\($0.overlap)"] })
                // Imported data sets may carry more annotators than the overlap: kept, and said so.
                for s in summaries where s.overOverlap > 0 {
                    print("\(s.id): \(s.overOverlap) item(s) hold more label decisions than the overlap of \(s.overlap) (imported; all are kept and counted)")
                }
            }
        }

        static func json(_ s: QueueSummary) -> JSONValue {
            .object([("id", .string(s.id)), ("title", .string(s.title)), ("overlap", .number(String(s.overlap))),
                     ("items", .number(String(s.items))), ("decisions", .number(String(s.decisions))),
                     ("complete", .number(String(s.complete))), ("in_progress", .number(String(s.inProgress))),
                     ("pending", .number(String(s.pending))), ("escalated", .number(String(s.escalated))),
                     ("gold", .number(String(s.gold))), ("over_overlap", .number(String(s.overOverlap)))])
        }
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Validate a queue file and add the queue, or update it when its id exists.",
            discussion: "A broken file is reported with its line and field and changes nothing.")

        @OptionGroup var store: StoreOptions

        @Argument(help: ArgumentHelp("Queue files (YAML).", valueName: "file.yml"))
        var files: [String]

        func run() throws {
            try reportingErrors {
                // Validate every file before touching the database.
                let parsed = try files.map { try QueueFolder.read($0) }
                let db = try store.open(create: true)
                for (definition, _) in parsed { try Access.check(db, .manageQueues, queue: definition.id) }
                for (definition, yaml) in parsed {
                    let created = try db.saveQueue(definition, yaml: yaml, actor: try Access.actor(db))
                    print("\(created ? "Added" : "Updated") queue '\(definition.id)' (\(definition.labels.count) labels, overlap \(definition.overlap))")
                }
            }
        }
    }
}
