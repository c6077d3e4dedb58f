import ArgumentParser
import DocketCore
import DocketStore

/// `docket next`: claims the next item for a reviewer (the scriptable review path).
struct NextCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "next",
        abstract: "Claim the next item of a queue for a reviewer and print it.",
        discussion: """
            The item is leased to the reviewer for the queue's lease time; decide it with 'docket decide'. \
            A reviewer who still holds a lease gets that item again. When nothing is left for the \
            reviewer, prints nothing and exits with status 3.
            """)

    @OptionGroup var store: StoreOptions
    @OptionGroup var output: OutputOptions

    @OptionGroup var queueOption: QueueOption
    var queue: String { queueOption.queue }

    @Option(name: .long, help: "The reviewer (default: the login name).")
    var reviewer: String?

    func run() throws {
        try reportingErrors {
            let db = try store.open()
            _ = try db.queue(queue)
            let who = try Access.reviewer(db, requested: reviewer, queue: queue)
            guard let item = try db.claimNext(queue: queue, reviewer: who) else {
                throw ExitCode(ExitStatus.nothingLeft)
            }
            if output.json {
                Output.json(ItemJSON.value(item))
                return
            }
            // Untrusted text: controls, escapes and bidi characters are shown as placeholders, never obeyed.
            print("id: \(ContentSanitiser.sanitiseLine(item.externalID))")
            print(ContentSanitiser.sanitise(item.text))
            for score in item.scores {
                let threshold = score.threshold.map { " (threshold \($0))" } ?? ""
                print("score: \(ContentSanitiser.sanitiseLine(score.model)) \(ContentSanitiser.sanitiseLine(score.category)) \(score.score)\(threshold)")
            }
        }
    }
}
