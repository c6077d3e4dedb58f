import DocketCore
import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// The review screen on a PostgreSQL database (issue 13): the real binary in tmux against a cluster of the test's
/// own, restarted (`pg_ctl restart -m fast`) or stopped for a while as the reviewer works. The status line says
/// when the connection is lost and when it is back; a decision whose commit the restart cut off is looked up once
/// Docket has reconnected, and the status line says plainly whether it was stored.
@Suite(.serialized, .enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.disabledReason)))
struct ReviewPostgresEndToEndTests {
    @Test func aDecisionCutOffByAServerRestartIsLookedUpAndSaidPlainly() throws {
        // A cluster of this test's own: restarting the shared one would cut every other test's connections.
        let server = try PostgresTestServer.startPrivate()
        let database = try server.makeDatabase()
        let url = try Self.queueOfThreeItems(database)
        let terminal = try ReviewTerminal("review-pg", arguments: ["review", "--db", url, "--queue", "tq", "--reviewer", "docket"])
        let first = try #require(ReviewTerminal.shownItem(try terminal.waitFor("Content · i")))
        #expect(first == "i1")
        #expect(try terminal.waitFor("3 left for you │ 0/3 done").contains("3 left for you │ 0/3 done"))
        // The server restarts under the open screen: the decision's commit meets a dead connection.
        try server.restart()
        try terminal.press("1")
        let notRecordedText = "Not recorded: the connection was lost while saving. Decide i1 again."
        let savedText = "Saved: label hate for i1."
        let outcome = try terminal.waitForScreen("either outcome of the decision") { $0.contains(notRecordedText) || $0.contains(savedText) }
        if outcome.contains(notRecordedText) {
            #expect(try decisions(database) == 0, "nothing was stored")
            #expect(ReviewTerminal.shownItem(outcome) == "i1", "the item stays, still the reviewer's")
            try terminal.press("1")
            let saved = try terminal.waitFor(savedText)
            #expect(ReviewTerminal.shownItem(saved) == "i2")
        } else {
            // The screen's idle read of its counts (every 5 s) met the restart before the key did and reconnected:
            // the decision went through on the new connection, once, and the screen said so.
            #expect(ReviewTerminal.shownItem(outcome) == "i2")
        }
        #expect(try decisions(database) == 1, "stored exactly once whichever way it went")
        try terminal.press("q")
        try terminal.waitFor("EXITED 0")
    }

    @Test func theStatusLineSaysWhileTheServerIsDownAndWhenItIsBack() throws {
        let server = try PostgresTestServer.startPrivate()
        let database = try server.makeDatabase()
        let url = try Self.queueOfThreeItems(database)
        let terminal = try ReviewTerminal("review-pg-down", arguments: ["review", "--db", url, "--queue", "tq", "--reviewer", "docket"])
        try terminal.waitFor("3 left for you")
        #expect(ReviewTerminal.shownItem(try terminal.waitFor("Content · i")) == "i1")

        // The server goes down under the open screen and stays down: the idle tick's read of the counts finds it gone.
        try server.halt()
        let lost = "Connection to the database lost: reconnecting; nothing can be stored until it is back."
        let down = try terminal.waitFor(lost)
        #expect(Self.statusLine(down).contains(lost), "said on the status line:\n\(down)")
        #expect(ReviewTerminal.shownItem(down) == "i1", "the item stays on screen")
        // Still down a few idle ticks later (a reconnect is tried every second): the line does not claim it is back.
        usleep(2_500_000)
        #expect(Self.statusLine(try terminal.settledScreen()).contains(lost))

        try server.startAgain()
        let back = try terminal.waitFor("Connection to the database is back.")
        #expect(Self.statusLine(back).contains("Connection to the database is back."), "said on the status line:\n\(back)")
        #expect(!back.contains(lost))
        #expect(try decisions(database) == 0)
        // The next decision goes through the new connection and is stored.
        try terminal.press("1")
        let saved = try terminal.waitFor("Saved: label hate for i1.")
        #expect(Self.statusLine(saved).contains("Saved: label hate for i1."))
        #expect(ReviewTerminal.shownItem(saved) == "i2")
        let stored = try database.connect().execute("""
            SELECT i.external_id, d.reviewer, d.label FROM decisions d JOIN items i ON i.id = d.item_id
            """)
        #expect(stored.rowCount == 1)
        #expect([stored.string(0, 0), stored.string(0, 1), stored.string(0, 2)] == ["i1", "docket", "hate"])
        try terminal.press("q")
        try terminal.waitFor("EXITED 0")
    }

    /// Queue `tq` (ReviewFixture's) with items i1, i2, i3 in that order of priority, in `database`; returns its URL.
    private static func queueOfThreeItems(_ database: PostgresTestDatabase) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("docket-review-pg-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let lines = (1...3).map { #"{"id":"i\#($0)","text":"item number \#($0)","meta":{"reports":\#(100 - $0)}}"# }
        try lines.joined(separator: "\n").write(toFile: dir + "/items.jsonl", atomically: true, encoding: .utf8)
        let store = try StoreLocation.resolve(option: database.url).open(create: true)
        try store.saveQueue(try QueueFile.parse(ReviewFixture.queue, file: "tq.yml"), yaml: ReviewFixture.queue, actor: "docket")
        _ = try store.importItems(into: "tq", from: [try JSONLImportSource(path: dir + "/items.jsonl")], options: ImportOptions(actor: "docket"))
        return database.url
    }

    /// The screen's last row: the status line (ScreenFrame).
    private static func statusLine(_ screen: String) -> String {
        let rows = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        return rows.count >= 30 ? rows[29] : rows.last { !$0.isEmpty } ?? ""
    }

    /// How many decisions the database holds.
    private func decisions(_ database: PostgresTestDatabase) throws -> Int64 {
        try database.connect().execute("SELECT count(*) FROM decisions").int64(0, 0) ?? -1
    }
}
