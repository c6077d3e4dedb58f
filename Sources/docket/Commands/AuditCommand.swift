import ArgumentParser
import DocketCore
import DocketStore

/// `docket audit`: reads the append-only audit log.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show the audit log: who did what, when (leads and admins).",
        discussion: "Every decision, undo, correction, adjudication, import, export, queue change and role change is logged; the log is append-only, and each row carries a hash of its content and of the row before it, which --verify checks.")

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .long, help: "From this time (ISO 8601, e.g. 2026-11-01 or 2026-11-01T09:00:00Z).") var since: String?
    @Option(name: .long, help: "Before this time (ISO 8601).") var until: String?
    @Option(name: .long, help: "Only this user.") var actor: String?
    @Option(name: .long, help: "Only this action (e.g. decision.undo), or a prefix ending in '.' (decision.).") var action: String?
    @Option(name: .long, help: "Only this queue.") var queue: String?
    @Option(name: .long, help: "At most this many of the newest entries.") var limit: Int?
    @Flag(name: .long, help: "Check the log's hash chain instead of listing it: exit 0 when intact, 5 naming the first changed, removed or inserted row.") var verify = false

    func validate() throws {
        if let since, Timestamp.parse(since) == nil { throw ValidationError("--since '\(since)' is not an ISO 8601 time") }
        if let until, Timestamp.parse(until) == nil { throw ValidationError("--until '\(until)' is not an ISO 8601 time") }
    }

    func run() throws {
        try reportingErrors {
            let db = try store.open()
            try Access.check(db, .readReports, queue: queue)
            if verify {
                let check = try db.checkHistory()
                if let row = check.brokenAuditRow {
                    if output.json { Output.json(.object([("intact", .bool(false)), ("rows", .number(String(check.auditRows))), ("broken_row", .number(String(row)))])) }
                    throw DocketError.corrupt("the audit log was tampered with: its hash chain breaks at row \(row): \(check.auditProblem ?? "")")
                }
                if output.json {
                    Output.json(.object([("intact", .bool(true)), ("rows", .number(String(check.auditRows))), ("broken_row", .null)]))
                } else {
                    print("Audit log intact: \(check.auditRows) rows, each chained to the one before it.")
                }
                return
            }
            let entries = try db.auditEntries(AuditFilter(since: since.flatMap(Timestamp.parse), until: until.flatMap(Timestamp.parse),
                                                          actor: actor, action: action, queue: queue, limit: limit))
            if output.json {
                Output.json(.array(entries.map { entry in
                    .object([("id", .number(String(entry.id))), ("at", .string(Timestamp.format(entry.at))),
                             ("actor", .string(entry.actor)), ("action", .string(entry.action)),
                             ("queue", entry.queue.map { .string($0) } ?? .null), ("item", entry.item.map { .string($0) } ?? .null),
                             ("detail", entry.detail)])
                }))
                return
            }
            // Names and ids may come from imported (untrusted) data: Output.table sanitises every cell.
            Output.table(["ID", "AT", "ACTOR", "ACTION", "QUEUE", "ITEM", "DETAIL"], entries.map { entry in
                ["\(entry.id)", Timestamp.format(entry.at), entry.actor, entry.action, entry.queue ?? "",
                 entry.item ?? "", JSONWriter.string(entry.detail)]
            })
        }
    }
}
