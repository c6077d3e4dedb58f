import ArgumentParser
import DocketCore
import DocketStore
import Foundation

/// `docket soak-reviewer` (hidden): a scripted reviewer that claims and decides in a loop until nothing is
/// left for it, timing each claim. The concurrency soak test starts many of these as separate processes on
/// one database file; one process per reviewer avoids paying a process start for every claim, so the
/// figures measure the store under contention rather than process creation.
struct SoakCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "soak-reviewer",
        abstract: "Claim and decide in a loop as one reviewer (for the concurrency soak test).",
        discussion: """
            Prints one JSON object: the reviewer, the ids it decided (each after its decision was \
            committed), and the wall-clock microseconds of every claim. Exits 0 when the queue has nothing \
            left for the reviewer; 1 on any error, which is also printed on standard error.
            """,
        shouldDisplay: false)

    @OptionGroup var store: StoreOptions

    @Option(name: .long, help: "The queue.")
    var queue: String

    @Option(name: .long, help: "The reviewer.")
    var reviewer: String

    @Option(name: .long, help: "Stop after this many decisions (0: until nothing is left).")
    var limit: Int = 0

    func run() throws {
        try reportingErrors {
            let db = try store.open()
            // The same permission checks as `docket next` / `decide`: a hidden command is no way around them.
            let reviewer = try Access.reviewer(db, requested: reviewer, queue: queue)
            let labels = try db.queue(queue).labels.map(\.id)
            var decided: [JSONValue] = []
            var claimMicroseconds: [JSONValue] = []
            while limit == 0 || decided.count < limit {
                let start = DispatchTime.now().uptimeNanoseconds
                let item = try db.claimNext(queue: queue, reviewer: reviewer)
                claimMicroseconds.append(.number(String((DispatchTime.now().uptimeNanoseconds - start) / 1000)))
                guard let item else { break }
                // A label that depends on the item and the reviewer: reviewers disagree sometimes, like people.
                // (A byte sum, not hashValue: that is seeded differently in every process.)
                let label = labels[(item.externalID + reviewer).utf8.reduce(0) { $0 + Int($1) } % labels.count]
                try db.decide(DecisionRequest(queue: queue, item: .external(item.externalID), reviewer: reviewer, label: label,
                                              origin: "soak"))
                decided.append(.string(item.externalID))
            }
            Output.json(.object([("reviewer", .string(reviewer)), ("decided", .array(decided)),
                                 ("claim_us", .array(claimMicroseconds))]))
        }
    }
}
