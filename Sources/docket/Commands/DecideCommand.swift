import ArgumentParser
import DocketCore
import DocketStore

/// `docket decide`: records a reviewer's decision on an item.
struct DecideCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Record a decision on an item (by its id) as a reviewer.",
        discussion: """
            Exactly one of --label, --skip REASON, --escalate REASON. The reviewer must have claimed the item \
            ('docket next'); an admin recording labels made outside Docket passes --unclaimed. Refused with exit \
            status 4 when the reviewer never claimed the item, already decided it (use --correct to replace it), \
            when the item already has its overlap of decisions, or when the reviewer's lease expired and the item \
            went to someone else; each refusal says which. An unknown label is refused with the queue's labels \
            (status 4).
            """)

    @OptionGroup var store: StoreOptions

    @Argument(help: "The item's id (as imported).")
    var id: String

    @Option(name: .long, help: "The queue.")
    var queue: String

    @Option(name: .long, help: "The reviewer (default: the login name).")
    var reviewer: String?

    @Option(name: .long, help: "The label (an id from the queue's taxonomy).")
    var label: String?

    @Option(name: .long, parsing: .upToNextOption, help: "Tags (ids from the queue's taxonomy).")
    var tags: [String] = []

    @Option(name: .long, help: "Severity level id.")
    var severity: String?

    @Option(name: .long, help: "A note for leads and for the record.")
    var note: String?

    @Option(name: .long, help: ArgumentHelp("Skip the item, with a reason.", valueName: "reason"))
    var skip: String?

    @Option(name: .long, help: ArgumentHelp("Escalate the item to a lead, with a reason.", valueName: "reason"))
    var escalate: String?

    @Option(name: .long, help: "Seconds spent on the item.")
    var seconds: Double?

    @Option(name: .long, help: "Where the decision comes from (cli, llm, script...).")
    var origin: String = "cli"

    @Flag(name: .long, help: "Replace this reviewer's own earlier decision on the item.")
    var correct = false

    @Flag(name: .long, help: "Record a decision on an item the reviewer did not claim with 'docket next' (admins only: labels made outside Docket). Without it, decide needs the reviewer's own claim.")
    var unclaimed = false

    @Flag(name: .long, help: "Print the stored decision as JSON.")
    var json = false

    func validate() throws {
        let chosen = [label != nil, skip != nil, escalate != nil].filter { $0 }.count
        if chosen != 1 { throw ValidationError("give exactly one of --label, --skip REASON, --escalate REASON") }
        if label == nil && (!tags.isEmpty || severity != nil) { throw ValidationError("--tags and --severity go with --label") }
        if let seconds, !(0...ImportLimits.decisionSeconds).contains(seconds) {
            throw ValidationError("--seconds must be between 0 and \(Int(ImportLimits.decisionSeconds)) (not \(seconds))")
        }
    }

    func run() throws {
        try reportingErrors {
            let db = try store.open()
            let kind: DecisionKind = label != nil ? .label : (skip != nil ? .skip : .escalate)
            _ = try db.queue(queue)
            let who = try Access.reviewer(db, requested: reviewer, queue: queue)
            // Deciding an item nobody handed out would let a reviewer pick items against the queue's priority.
            if unclaimed { try Access.check(db, .importItems, queue: queue) }
            var request = DecisionRequest(
                queue: queue, item: .external(id), reviewer: who, kind: kind, label: label, tags: tags,
                severity: severity, note: note, reason: skip ?? escalate, seconds: seconds, origin: origin, correct: correct)
            request.requiresClaim = !unclaimed
            let decision = try db.decide(request)
            if json {
                Output.json(.object([("decision", .number(String(decision.id))), ("id", .string(id)), ("queue", .string(queue)),
                                     ("reviewer", .string(who)), ("kind", .string(decision.kind.rawValue)),
                                     ("label", decision.label.map { .string($0) } ?? .null)]))
            } else {
                print("Recorded \(kind == .label ? "label '\(label!)'" : kind.rawValue) for item \(JSONWriter.quoted(id)) by \(who) (decision #\(decision.id))")
            }
        }
    }
}
