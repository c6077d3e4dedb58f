import DocketCore
import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// The review screen on a PostgreSQL database (issue 14): the real binary in tmux against a cluster of the test's
/// own, restarted (`pg_ctl restart -m fast`) while the reviewer works. A decision whose commit the restart cut
/// off is looked up once Docket has reconnected, and the status line says plainly whether it was stored.
@Suite(.serialized, .enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.disabledReason)))
struct ReviewPostgresEndToEndTests {
    @Test func aDecisionCutOffByAServerRestartIsLookedUpAndSaidPlainly() throws {
        // A cluster of this test's own: restarting the shared one would cut every other test's connections.
        let server = try PostgresTestServer.startPrivate()
        let database = try server.makeDatabase()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("docket-review-pg-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lines = (1...3).map { #"{"id":"i\#($0)","text":"item number \#($0)","meta":{"reports":\#(100 - $0)}}"# }
        try lines.joined(separator: "\n").write(toFile: dir + "/items.jsonl", atomically: true, encoding: .utf8)
        let url = database.url
        // Set up through the store: `docket init` on PostgreSQL waits for the roles lane (13-roles).
        do {
            let store = try StoreLocation.resolve(option: url).open(create: true)
            try store.saveQueue(try QueueFile.parse(ReviewFixture.queue, file: "tq.yml"), yaml: ReviewFixture.queue, actor: "docket")
            _ = try store.importItems(into: "tq", from: [try JSONLImportSource(path: dir + "/items.jsonl")], options: ImportOptions(actor: "docket"))
        }

        let terminal = try ReviewTerminal("review-pg", arguments: ["review", "--db", url, "--queue", "tq", "--reviewer", "docket"])
        let first = try #require(ReviewTerminal.shownItem(try terminal.waitFor("Content · i")))
        #expect(first == "i1")
        #expect(try terminal.waitFor("3 left for you").contains("0/3 done"))
        // The server restarts under the open screen: the decision's commit meets a dead connection.
        try server.restart()
        try terminal.press("1")
        try terminal.waitFor("Not recorded: the connection was lost while saving. Decide i1 again.")
        #expect(try decisions(database) == 0, "nothing was stored")
        #expect(ReviewTerminal.shownItem(try terminal.screen()) == "i1", "the item stays, still the reviewer's")
        try terminal.press("1")
        let saved = try terminal.waitFor("Saved: label hate for i1.")
        #expect(ReviewTerminal.shownItem(saved) == "i2")
        #expect(try decisions(database) == 1)
        try terminal.press("q")
        try terminal.waitFor("EXITED 0")
    }

    /// How many decisions the database holds.
    private func decisions(_ database: PostgresTestDatabase) throws -> Int64 {
        try database.connect().execute("SELECT count(*) FROM decisions").int64(0, 0) ?? -1
    }
}
