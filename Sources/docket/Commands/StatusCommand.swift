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

    @Flag(name: .long, help: "Also check that every index matches its table (SQLite's integrity_check; about 4x slower than the default quick check), the audit log's hash chain, and every decision head against its decisions. Exit 5 names the damage.")
    var fullCheck = false

    func run() throws {
        try reportingErrors {
            let db = try store.open()
            // The check comes first: on a damaged file it names the damage (and marks the file, so that every
            // other command stops too) instead of failing on the first damaged page a summary reads.
            let integrity = try db.integrityCheck(full: fullCheck)
            guard integrity == "ok" else {
                if output.json {
                    Output.json(.object([("database", .string(db.path)), ("integrity", .string(integrity)),
                                         ("integrity_check", .string(fullCheck ? "full" : "quick"))]))
                }
                throw DocketError.corrupt("the database '\(db.path)' is damaged: \(integrity). Every command refuses it until a sound copy is restored (a backup, or 'sqlite3 \(db.path) .recover'), and 'docket status --full-check' finds it sound")
            }
            if fullCheck {
                // History below the pages: the audit chain, and every head the exports read against its decisions.
                let history = try db.checkHistory()
                guard history.isIntact else {
                    throw DocketError.corrupt("the database '\(db.path)' has history that was changed outside Docket: " + history.findings.joined(separator: "; "))
                }
            }
            if let queue { _ = try db.queue(queue) }
            let summaries = try db.queueSummaries(only: queue)
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
