import ArgumentParser
import DocketCore
import DocketStore
import Foundation

/// `docket report queue`: how a queue is running (backlog, pace, time to decisions, skips, escalations,
/// items past the queue's target time), for the lead who staffs it (Docs/queue-report.md).
struct QueueReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "queue",
        abstract: "Operations of a queue: backlog over time, decisions per hour, time to first and final decision, skips, late items.",
        discussion: """
            Times run from an item's import. An item is settled when it has its final decision (enough labels, \
            or a lead's adjudication). Items past the queue file's target_hours are counted when it sets one. \
            Needs the lead role when roles are managed.
            """)

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "The queue to report on.")
    var queue: String

    @Option(name: .long, help: "Output format: table (aligned to the terminal), json, markdown, html (one self-contained file with the backlog chart).")
    var format: AgreementReportCommand.Format = .table

    @Option(name: .long, help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var out: String?

    @Option(name: .long, help: ArgumentHelp("Report as of this time instead of now (ISO 8601), e.g. to rebuild last week's figures.", valueName: "time"))
    var asOf: String?

    func validate() throws {
        if let asOf, Timestamp.parse(asOf) == nil { throw ValidationError("--as-of '\(asOf)' is not an ISO 8601 time") }
    }

    func run() throws {
        try reportingErrors {
            let db = try store.open()
            let definition = try db.queue(queue)  // an unknown queue is named before any permission question
            try Access.check(db, .readReports, queue: queue)
            let report = QueueReport.build(queue: queue, activity: try db.queueActivity(queue: queue), targetHours: definition.targetHours,
                                           now: asOf.flatMap(Timestamp.parse) ?? Timestamp.now())
            try AgreementReportCommand.emit(report, format: format, out: out)
        }
    }
}
