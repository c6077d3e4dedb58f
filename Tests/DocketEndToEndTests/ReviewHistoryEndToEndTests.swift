import DocketCore
import Foundation
import Testing

/// History and amend in the real binary (issue 14, item 14): a decision two back is replaced without undoing
/// the one after it, and the history in the database says so.
@Suite(.serialized) struct ReviewHistoryEndToEndTests {
    @Test func amendAnEarlierDecisionFromTheHistory() throws {
        let fixture = try ReviewFixture()
        let terminal = try ReviewTerminal("history", arguments: fixture.review())
        let first = try #require(ReviewTerminal.shownItem(try terminal.waitFor("Content · i")))
        try terminal.press("1")
        let second = try #require(ReviewTerminal.shownItem(try terminal.waitFor("Saved: label hate for \(first)")))
        try terminal.press("2")
        let third = try #require(ReviewTerminal.shownItem(try terminal.waitFor("Saved: label offensive for \(second)")))
        try terminal.press("h")
        try terminal.waitFor("Your last decisions")
        // The list is drawn below its title: wait for each line (a missing one fails); the newest is chosen.
        try terminal.waitForLine("the chosen line for \(second)") { $0.hasPrefix("▶ ") && $0.contains(" \(second)  label offensive") }
        try terminal.waitForLine("the line for \(first)") { $0.contains(" \(first)  label hate") }
        try terminal.press("j")
        try terminal.press("Enter")
        try terminal.waitFor("Amending · \(first) · was label hate")
        try terminal.press("3")
        let after = try terminal.waitFor("Amended: \(first) is now label normal (was label hate).")
        #expect(ReviewTerminal.shownItem(after) == third)
        try terminal.press("q")
        try terminal.waitFor("EXITED 0")
        let history = try fixture.history()
        #expect(history.map(\.kind) == [.label, .label, .label])
        #expect(history[2].externalID == first && history[2].label == "normal" && history[2].supersedes == history[0].id)
        #expect(history[1].externalID == second && history[1].label == "offensive")
    }

    /// Item 15: `/` and an id opens an undecided item to decide; one held by another reviewer is refused on
    /// the status line.
    @Test func findOpensAnUndecidedItemById() throws {
        let fixture = try ReviewFixture(count: 5)
        // bob (another process) holds i1, the first in order: with overlap 1 it is full.
        _ = try ReviewTerminal.run([ReviewTerminal.binary, "next", "--db", fixture.db, "--queue", "tq", "--reviewer", "bob"])
        let terminal = try ReviewTerminal("find-by-id", arguments: fixture.review())
        func find(_ id: String) throws {
            try terminal.press("/")
            try terminal.type(id)
            try terminal.press("Enter")
        }
        let first = try #require(ReviewTerminal.shownItem(try terminal.waitFor("Content · i")))
        #expect(first == "i2")
        try find("i4")
        let opened = try terminal.waitFor("Opened i4 by id: i2 waits, still yours.")
        #expect(ReviewTerminal.shownItem(opened) == "i4")
        try terminal.press("1")
        let back = try terminal.waitFor("Saved: label hate for i4.")
        #expect(ReviewTerminal.shownItem(back) == "i2", "the item set aside comes back")
        try find("i1")
        let refused = try terminal.waitFor("Item i1 is held by 1 other reviewer: its overlap is full")
        #expect(ReviewTerminal.shownItem(refused) == "i2")
        // Your own decision opens to amend, as from the history.
        try find("i4")
        try terminal.waitFor("Amending · i4 · was label hate")
        try terminal.press("Escape")
        try terminal.press("q")
        try terminal.waitFor("EXITED 0")
        let history = try fixture.history()
        #expect(history.map(\.externalID) == ["i4"] && history.first?.reviewer == "ann" && history.first?.label == "hate")
    }
}
