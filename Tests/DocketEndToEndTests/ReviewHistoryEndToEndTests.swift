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
        let list = try terminal.waitFor("Your last decisions")
        #expect(list.contains("▶ ") && list.contains(second) && list.contains(first))
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
}
