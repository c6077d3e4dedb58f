import DocketCore
import DocketStore
import Foundation

/// A database set up with the real CLI (`docket init`, `docket queues add`, `docket import`) for review tests.
final class ReviewFixture: Sendable {
    let dir: String
    var db: String { dir + "/review.sqlite" }

    /// The folder goes with the fixture (kept with `DOCKET_KEEP_TMP`, as TemporaryFolder keeps its own).
    deinit {
        if ProcessInfo.processInfo.environment["DOCKET_KEEP_TMP"] == nil { try? FileManager.default.removeItem(atPath: dir) }
    }

    static let queue = """
        id: tq
        title: Terminal test queue
        guidelines: |
          # How to label the terminal test queue
          Choose hate for attacks on protected groups.
        labels:
          - {id: hate, key: "1", description: Attacks a protected group}
          - {id: offensive, key: "2", description: Rude but not hateful}
          - {id: normal, key: "3", description: Neither}
        """

    /// Items `i1`... with text "item number N"; `extra` lines (JSONL records) are appended as they are.
    init(count: Int = 3, extra: [String] = []) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("docket-review-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Self.queue.write(toFile: dir + "/tq.yml", atomically: true, encoding: .utf8)
        // Earlier items get more reports so the queue order is i1, i2, i3.
        let lines = (1...max(1, count)).prefix(count).map { n in
            #"{"id":"i\#(n)","text":"item number \#(n)","meta":{"reports":\#(100 - n)},"scores":[{"model":"m","category":"hate","score":0.\#(9 - n),"threshold":0.5}]}"#
        } + extra
        try lines.joined(separator: "\n").write(toFile: dir + "/items.jsonl", atomically: true, encoding: .utf8)
        let docket = ReviewTerminal.binary
        try ReviewTerminal.run([docket, "init", "--db", db, "--queues", dir + "/none"])
        try ReviewTerminal.run([docket, "queues", "add", dir + "/tq.yml", "--db", db])
        try ReviewTerminal.run([docket, "import", dir + "/items.jsonl", "--queue", "tq", "--db", db])
    }

    /// Arguments for `docket review` on this database.
    func review(_ reviewer: String = "ann", extra: [String] = []) -> [String] {
        ["review", "--db", db, "--queue", "tq", "--reviewer", reviewer] + extra
    }

    /// Every row of the decision history, oldest first, read with the store.
    func history() throws -> [Decision] {
        let store = try SQLiteReviewStore(path: db)
        var rows: [Decision] = []
        try store.forEachHistoryRow(queue: "tq") { rows.append($0) }
        return rows
    }
}
