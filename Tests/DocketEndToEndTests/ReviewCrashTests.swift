import DocketCore
import Foundation
import Testing

/// The review screen, driven through tmux and killed with SIGKILL at random moments: every decision the
/// screen confirmed ("Saved: ...") is in the database, the file stays sound, and the killed reviewer's
/// lease expires so the item comes back to someone else. `DOCKET_SOAK=long` kills more often.
@Suite(.serialized)
struct ReviewCrashTests {
    static let long = ProcessInfo.processInfo.environment["DOCKET_SOAK"] == "long"

    /// The id in the screen's last confirmation, `Saved: label bad for ID.`
    static func savedID(_ screen: String) -> String? {
        guard let range = screen.range(of: "Saved: label bad for ") else { return nil }
        let rest = screen[range.upperBound...]
        guard let end = rest.firstIndex(of: ".") else { return nil }
        return String(rest[..<end])
    }

    /// SIGKILL for the `docket` process in the pane (the pane's process, or one of its children).
    static func killDocket(in terminal: ReviewTerminal) throws {
        guard let pane = try terminal.panePID() else { return }
        for pid in [pane] + RunningProcess.children(of: pane) {
            let comm = (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? ""
            if comm.hasPrefix("docket") { kill(pid, SIGKILL) }
        }
    }

    @Test("kill -9 of the review screen at random moments loses no confirmed decision")
    func killedReviewScreen() throws {
        try #require(DocketBinary.isBuilt, "\(DocketBinary.missingHint)")
        try #require(ReviewTerminal.isAvailable, "tmux is needed (the CI script installs it)")
        let folder = try TemporaryFolder("crash-tui")
        let kills = Self.long ? 40 : 6
        let db = try makeDatabase(in: folder, queue: "rv", leaseSeconds: 2, items: kills * 6)
        var confirmed: [String] = []
        for round in 0..<kills {
            let terminal = try ReviewTerminal("crash-\(round)", arguments: ["review", "--db", db, "--queue", "rv", "--reviewer", "ann"],
                                              width: 120, height: 40)
            var shown = try terminal.waitForScreen("round \(round): the review screen") { $0.contains("decide") && $0.contains("item-") }
            // A few confirmed decisions, then one key press the kill may or may not beat.
            for _ in 0..<Int.random(in: 1...4) {
                let previous = Self.savedID(shown)
                try terminal.press("1")
                shown = try terminal.waitForScreen("round \(round): a confirmation") {
                    Self.savedID($0) != nil && Self.savedID($0) != previous
                }
                if let id = Self.savedID(shown) { confirmed.append(id) }
            }
            try terminal.press("1")
            pause(Double.random(in: 0...0.15))
            try Self.killDocket(in: terminal)
            try terminal.waitFor("EXITED 137")  // the shell saw docket die of SIGKILL
            let facts = try DatabaseFacts(db)
            #expect(try facts.integrity() == "ok", "after round \(round)")
        }

        let facts = try DatabaseFacts(db)
        for id in confirmed {
            #expect(try facts.count("""
                SELECT count(*) FROM decision_heads h JOIN items i ON i.id = h.item_id WHERE i.external_id = ? AND h.reviewer = 'ann'
                """, [id]) == 1, "the screen confirmed \(id) but the database has no decision")
        }
        #expect(Set(confirmed).count == confirmed.count, "an item was confirmed twice")
        #expect(try facts.count("SELECT count(*) FROM (SELECT 1 FROM decisions GROUP BY item_id, reviewer HAVING count(*) > 1)") == 0)
        #expect(try facts.decisionsWithoutAudit() == 0)

        // Ann's last item is still leased to her; once the lease runs out it goes to bob.
        let held = try facts.rows("SELECT i.external_id FROM leases l JOIN items i ON i.id = l.item_id WHERE l.reviewer = 'ann'")
        pause(2.2)
        let next = try docket(["next", "--db", db, "--queue", "rv", "--reviewer", "bob", "--json"])
        #expect(next.status == 0, "\(next.transcript)")
        if let heldID = held.first?.first {
            #expect((try? JSONParser.parse(next.stdout))?["id"]?.stringValue == heldID, "ann's expired item should come back first")
        }
        print("review crash loop: \(kills) kills of the review screen, \(confirmed.count) decisions confirmed on screen, all stored")
    }
}
