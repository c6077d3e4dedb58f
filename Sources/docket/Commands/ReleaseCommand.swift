import ArgumentParser
import DocketStore

/// `docket release`: gives back a reviewer's leases in a queue.
struct ReleaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release",
        abstract: "Give back the items a reviewer holds in a queue, so others can take them.")

    @OptionGroup var store: StoreOptions

    @OptionGroup var queueOption: QueueOption
    var queue: String { queueOption.queue }

    @Option(name: .long, help: "The reviewer (default: the login name).")
    var reviewer: String?

    func run() throws {
        try reportingErrors {
            let db = try store.open()
            let who = try Access.reviewer(db, requested: reviewer, queue: queue)
            try db.release(queue: queue, reviewer: who)
        }
    }
}
