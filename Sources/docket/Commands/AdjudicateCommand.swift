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
            With --list, prints the disputed items instead of opening the screen (--json adds each item's \
            text, turns and every reviewer's vote). With ITEM and --label, records the final decision on that \
            one item without a screen: the export then marks it label_source adjudicated. See Docs/adjudication.md.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    @OptionGroup var queueOption: QueueOption
    var queue: String { queueOption.queue }

    @Argument(help: ArgumentHelp("The item (its imported id) to settle without a screen; needs --label.", valueName: "item"))
    var item: String?

    @Option(name: .long, help: ArgumentHelp("With ITEM: the final label (one of the queue's label ids).", valueName: "label"))
    var label: String?

    @Option(name: .long, help: ArgumentHelp("With ITEM: the lead's note, kept with the decision and in the audit log.", valueName: "text"))
    var note: String?

    @Option(name: .long, help: ArgumentHelp("With ITEM: a tag of the queue (repeatable).", valueName: "tag"))
    var tag: [String] = []

    @Option(name: .long, help: ArgumentHelp("With ITEM: a severity of the queue.", valueName: "severity"))
    var severity: String?

    @Flag(name: .long, help: "With ITEM: record a new final decision even when the item was already adjudicated.")
    var replace = false

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
        if item != nil, list { throw ValidationError("give either ITEM (with --label) or --list, not both") }
        if item != nil, label == nil { throw ValidationError("ITEM needs --label: the final decision to record") }
        if item == nil, label != nil || note != nil || !tag.isEmpty || severity != nil || replace {
            throw ValidationError("--label, --note, --tag, --severity and --replace go with ITEM")
        }
        if output.json && !list && item == nil { throw ValidationError("--json goes with --list or ITEM") }
    }

    func run() throws {
        try reportingErrors {
            let db = try store.open()
            _ = try db.queue(queue)  // an unknown queue is reported before anything else
            try Access.check(db, .adjudicate, queue: queue)
            if let item, let label {
                try settle(db, item: item, label: label)
                return
            }
            let rule = DisputeRule(threshold: threshold)
            if list {
                let disputed = try db.disputedItems(queue: queue, rule: rule, includeEscalated: includeEscalated)
                printList(disputed, content: output.json ? try disputed.map { try db.item(queue: queue, externalID: $0.externalID) } : [])
                return
            }
            let look = try ScreenLook(theme: theme)
            guard isatty(0) == 1, isatty(1) == 1 else {
                throw DocketError.unavailable("'docket adjudicate' needs a terminal; use 'docket adjudicate --list' in scripts")
            }
            let session = try AdjudicationSession(store: db, queue: queue, lead: try Access.actor(db), rule: rule,
                                                  includeEscalated: includeEscalated, keymap: look.keymap)
            if session.state.items.isEmpty {
                print("Nothing to adjudicate in queue '\(queue)': no disputed" + (includeEscalated ? " or escalated" : "") + " items.")
                return
            }
            let signal = AdjudicationApp.run(session, theme: look.theme)
            let done = session.state.settled.count
            print("Adjudicated \(done) item(s) in queue '\(queue)'; \(session.state.remaining) still disputed.")
            // Interrupted: the terminal is restored; exit as a signal does (130 for Ctrl-C), like 'docket review'.
            if let signal { throw ExitCode(128 + signal) }
        }
    }

    /// Records the lead's final decision on one item (exit 4 when already adjudicated and not --replace).
    private func settle(_ db: ReviewStore, item: String, label: String) throws {
        let lead = try Access.actor(db)
        if !replace, let earlier = try db.adjudication(queue: queue, externalID: item) {
            throw DocketError.conflict("item '\(item)' was already adjudicated as '\(earlier.label ?? "?")' by \(earlier.reviewer); "
                                       + "pass --replace to record a new final decision")
        }
        let decision = try db.adjudicate(queue: queue, externalID: item, lead: lead, label: label, tags: tag.sorted(),
                                         severity: severity, note: note)
        if output.json {
            Output.json(.object([("id", .string(item)), ("label", .string(label)), ("lead", .string(lead)),
                                 ("decision", .number(String(decision.id))), ("replaces", decision.supersedes.map { .number(String($0)) } ?? .null)]))
        } else {
            print(ContentSanitiser.sanitiseLine("Adjudicated \(item) in queue '\(queue)' as \(label)."))
        }
    }

    /// The disputed items as a table, or as JSON with each item's `content` (text and turns) when --json.
    private func printList(_ items: [DisputedItem], content: [Item]) {
        if output.json {
            Output.json(.array(zip(items, content).map { item, stored in
                .object([
                    ("id", .string(item.externalID)),
                    ("text", .string(stored.text)),
                    ("turns", .array(stored.turns.map { .object([("speaker", .string($0.speaker)), ("text", .string($0.text))]) })),
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
