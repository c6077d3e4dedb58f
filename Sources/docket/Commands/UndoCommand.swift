import ArgumentParser
import DocketCore
import DocketStore

/// `docket undo`: withdraws a reviewer's latest decision in a queue.
struct UndoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "undo",
        abstract: "Withdraw your latest decision in a queue; the item comes back to you.",
        discussion: """
            History is kept: an 'undo' record supersedes the decision, and the item is leased back to \
            the reviewer. Exits 3 when there is nothing to undo.
            """)

    @OptionGroup var store: StoreOptions

    @OptionGroup var queueOption: QueueOption
    var queue: String { queueOption.queue }

    @Option(name: .long, help: "The reviewer (default: the login name).")
    var reviewer: String?

    @OptionGroup var output: OutputOptions
    var json: Bool { output.json }

    func run() throws {
        try reportingErrors {
            let db = try store.open()
            _ = try db.queue(queue)
            let who = try Access.reviewer(db, requested: reviewer, queue: queue)
            guard let item = try db.undoLast(queue: queue, reviewer: who) else {
                printError("\(who) has no decision in force in queue '\(queue)'")
                throw ExitCode(ExitStatus.nothingLeft)
            }
            if json {
                Output.json(ItemJSON.value(item))
            } else {
                print("Undid \(who)'s latest decision: item \(ContentSanitiser.sanitiseLine(item.externalID)) is back in their queue")
            }
        }
    }
}
