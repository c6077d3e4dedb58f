import ArgumentParser
import DocketCore
import DocketStore
import Foundation

/// `docket copy`: moves a whole database between backends (a SQLite file and a PostgreSQL server, or two of a kind).
struct CopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a whole database: queues, items, decisions with their full history, leases, reviewers, audit log.",
        discussion: """
            Each of --from and --to is a SQLite file path or a postgresql:// (postgres://) URL. The source is read \
            in one consistent snapshot; the destination is written in one transaction, so it gets everything or \
            nothing. Decision and audit ids, the database id and every time stamp are kept, so reports and exports \
            of the copy are the same as of the source. The destination must be empty (a new file, or a database \
            with nothing in it); --replace overwrites a SQLite file that holds data. The source's history (audit \
            chain, decisions in force) is checked first and a broken one is refused (exit 5), since the copy signs \
            its audit log anew. Needs the admin role on the \
            source when it has registered reviewers. Passwords in URLs are never printed.
            """)

    @Option(name: .long, help: ArgumentHelp("The database to copy: a SQLite file path or a postgresql:// URL.", valueName: "path|url"))
    var from: String

    @Option(name: .long, help: ArgumentHelp("Where to copy it: a new or empty SQLite file, or an empty PostgreSQL database.", valueName: "path|url"))
    var to: String

    @Flag(name: .long, help: "Replace a SQLite destination that already holds data: the copy is written beside it and takes its place only when complete.")
    var replace = false

    @Flag(name: .long, help: "Copy a source whose history does not check out (a broken audit chain, decision heads that differ from the decisions) instead of refusing it (exit 5); the copy's audit log then records what was wrong.")
    var allowBrokenHistory = false

    @OptionGroup var output: OutputOptions

    func validate() throws {
        if StoreLocation(from) == StoreLocation(to) { throw ValidationError("--from and --to name the same database") }
        if replace, StoreLocation(to).isPostgres {
            throw ValidationError("--replace works on SQLite files only; to replace a PostgreSQL database, drop and create it first (dropdb, createdb)")
        }
    }

    func run() throws {
        try reportingErrors {
            let source = try StoreLocation(from).open()
            try Access.check(source, .manageReviewers)
            let destination = StoreLocation(to)
            var bar = ProgressBar(label: "Copying")
            var copy = DatabaseCopy(source: source, destination: destination, replace: replace)
            copy.allowBrokenHistory = allowBrokenHistory
            copy.actor = Identity.loginName
            if bar.enabled {
                copy.progress = { counts in
                    bar.update(done: 0, total: nil, detail: "\(counts["items"] ?? 0) items, \(counts["decisions"] ?? 0) decisions")
                }
            }
            let counts = try copy.run()
            bar.finish()
            if output.json {
                Output.json(.object([
                    ("from", .string(StoreLocation(from).description)), ("to", .string(destination.description)),
                    ("copied", .object(StoreRecord.kinds.map { ($0, .number(String(counts[$0] ?? 0))) })),
                ]))
                return
            }
            let parts = StoreRecord.kinds.filter { $0 != "info" }.map { "\(counts[$0] ?? 0) \($0)" }
            print("Copied \(StoreLocation(from)) to \(destination): " + parts.joined(separator: ", "))
        }
    }
}
