import ArgumentParser
import DocketCore
import DocketStore

/// `docket status`: the database at a glance.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the database, its queues and what is left to review.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .long, help: "Only this queue.")
    var queue: String?

    @Flag(name: .long, help: "Also check that every index matches its table (SQLite's integrity_check; about 4x slower than the default quick check).")
    var fullCheck = false

    func run() throws {
        try reportingErrors {
            let db = try store.openForReading()
            if let queue { _ = try db.queue(queue) }
            let summaries = try db.queueSummaries(only: queue)
            let integrity = try db.integrityCheck(full: fullCheck)
            if output.json {
                Output.json(.object([
                    ("database", .string(db.path)), ("database_id", .string(try db.databaseID())),
                    ("integrity", .string(integrity)), ("integrity_check", .string(fullCheck ? "full" : "quick")),
                    ("queues", .array(summaries.map(QueuesCommand.List.json))),
                ]))
                return
            }
            print("Database: \(db.path) (integrity: \(integrity), \(fullCheck ? "full" : "quick") check)")
            let items = summaries.reduce(0) { $0 + $1.items }
            let left = summaries.reduce(0) { $0 + $1.pending + $1.inProgress }
            print("\(summaries.count) queue(s), \(items) items, \(left) still need decisions")
            for s in summaries {
                let done = s.items == 0 ? 0 : Int((Double(s.complete) / Double(s.items) * 100).rounded())
                print("  \(s.id): \(s.complete)/\(s.items) complete (\(done)%), \(s.inProgress) in progress, \(s.pending) pending, \(s.escalated) escalated")
            }
        }
    }
}
