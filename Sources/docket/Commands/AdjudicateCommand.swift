import ArgumentParser
import DocketCore
import DocketStore
import DocketTUI
import Foundation

/// `docket adjudicate`: the lead's screen for settling items whose reviewers disagree, and escalated items.
struct AdjudicateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adjudicate",
        abstract: "Settle disputed and escalated items of a queue with a lead's final decision.",
        discussion: """
            Walks the items whose reviewers disagree (no label has a strict majority, or the top label's \
            share is below --threshold; by default any disagreement), plus escalated items, most disputed \
            first. Each shows the content, every reviewer's decision and note side by side, and the model's \
            scores. A label key records your final decision before the next item appears; s or → moves on \
            without deciding; ? lists every key. Needs the lead or admin role (exit status 77 otherwise). \
            With --list, prints the disputed items instead of opening the screen. See Docs/adjudication.md.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    @OptionGroup var queueOption: QueueOption
    var queue: String { queueOption.queue }

    @Option(name: .long, help: ArgumentHelp("An item is disputed when its top label has less than this share of the votes (0-1; default 1: any disagreement).", valueName: "share"))
    var threshold: Double = 1

    @Flag(name: .long, inversion: .prefixedNo, help: "Include items a reviewer escalated to a lead.")
    var includeEscalated = true

    @Flag(name: .long, help: "Print the disputed items (a table, or JSON with --json) instead of opening the screen.")
    var list = false

    @Option(name: .long, help: ArgumentHelp("Colour theme: dark, light, high-contrast, okabe-ito, or a .yml file.", valueName: "name"))
    var theme: String?

    func validate() throws {
        guard threshold.isFinite, (0...1).contains(threshold) else {
            throw ValidationError("--threshold must be a share between 0 and 1, not \(threshold)")
        }
        if output.json && !list { throw ValidationError("--json goes with --list") }
    }

    func run() throws {
        try reportingErrors {
            let db = try store.open()
            _ = try db.queue(queue)  // an unknown queue is reported before anything else
            try Access.check(db, .adjudicate, queue: queue)
            let rule = DisputeRule(threshold: threshold)
            if list {
                printList(try db.disputedItems(queue: queue, rule: rule, includeEscalated: includeEscalated))
                return
            }
            let chosenTheme: Theme
            do throws(InputError) { chosenTheme = try ThemeLocator().theme(named: theme) } catch { throw DocketError.input(error) }
            guard isatty(0) == 1, isatty(1) == 1 else {
                throw DocketError.unavailable("'docket adjudicate' needs a terminal; use 'docket adjudicate --list' in scripts")
            }
            let session = try AdjudicationSession(store: db, queue: queue, lead: Identity.loginName, rule: rule,
                                                  includeEscalated: includeEscalated)
            if session.state.items.isEmpty {
                print("Nothing to adjudicate in queue '\(queue)': no disputed" + (includeEscalated ? " or escalated" : "") + " items.")
                return
            }
            let signal = AdjudicationApp.run(session, theme: chosenTheme)
            let done = session.state.settled.count
            print("Adjudicated \(done) item(s) in queue '\(queue)'; \(session.state.remaining) still disputed.")
            // Interrupted: the terminal is restored; exit as a signal does (130 for Ctrl-C), like 'docket review'.
            if let signal { throw ExitCode(128 + signal) }
        }
    }

    private func printList(_ items: [DisputedItem]) {
        if output.json {
            Output.json(.array(items.map { item in
                .object([
                    ("id", .string(item.externalID)),
                    ("escalated", .bool(item.isEscalated)),
                    ("votes", .object(item.votes.counts.map { ($0.label, .number(String($0.count))) })),
                    ("decisions", .array(item.decisions.map { decision in
                        .object([("reviewer", .string(decision.reviewer)), ("kind", .string(decision.kind.rawValue)),
                                 ("label", decision.label.map { .string($0) } ?? .null),
                                 ("note", decision.note.map { .string($0) } ?? .null),
                                 ("reason", decision.reason.map { .string($0) } ?? .null)])
                    })),
                ])
            }))
            return
        }
        if items.isEmpty {
            print("Nothing to adjudicate in queue '\(queue)'.")
            return
        }
        Output.table(["ID", "VOTES", "ESCALATED", "REVIEWERS"], items.map { item in
            // Output.table sanitises every cell: ids and reviewer names come from imported files.
            [item.externalID,
             item.votes.counts.map { "\($0.label):\($0.count)" }.joined(separator: " "),
             item.isEscalated ? "yes" : "",
             item.decisions.map(\.reviewer).joined(separator: ",")]
        })
    }
}
