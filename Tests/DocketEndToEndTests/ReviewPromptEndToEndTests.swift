import DocketCore
import Foundation
import Testing

/// The reason and note prompts as a reviewer types into them: the exact sequences that once stored decisions
/// nobody made (issue 14, item 1). The real binary in tmux; the database is read after each step.
@Suite(.serialized) struct ReviewPromptEndToEndTests {
    /// `e`, Enter on an empty reason, then the reason typed and Enter: one escalation with the whole reason.
    @Test func emptyEscalationReasonIsRefusedInPlaceAndTheTypingStaysInThePrompt() throws {
        let fixture = try ReviewFixture()
        let terminal = try ReviewTerminal("prompt-escalate", arguments: fixture.review())
        let first = try #require(ReviewTerminal.shownItem(try terminal.waitFor("Content · i")))
        try terminal.press("e")
        try terminal.waitFor("Escalation reason:")
        try terminal.press("Enter")
        let refused = try terminal.waitFor("a reason is needed")
        #expect(refused.contains("Escalation reason:"))  // still open
        #expect(try fixture.history().isEmpty)
        try terminal.type("possible credible threat, needs lead")
        let typed = try terminal.waitFor("Escalation reason: possible credible threat, needs lead")
        #expect(!typed.contains("Skip reason:"))  // the `s` of "possible" was text, not the skip key
        #expect(try fixture.history().isEmpty)
        try terminal.press("Enter")
        try terminal.waitFor("Saved: escalate for \(first)")
        let history = try fixture.history()
        #expect(history.count == 1)
        #expect(history.first?.kind == .escalate)
        #expect(history.first?.reason == "possible credible threat, needs lead")
        #expect(history.first?.externalID == first)
        try terminal.press("q")
        try terminal.waitFor("EXITED 0")
    }

    /// `s`, Enter on an empty reason, then `unclear`: the `u` does not undo the decision before, the `n` opens no note.
    @Test func emptySkipReasonThenUnclearNeitherUndoesNorOpensANote() throws {
        let fixture = try ReviewFixture()
        let terminal = try ReviewTerminal("prompt-skip", arguments: fixture.review())
        let first = try #require(ReviewTerminal.shownItem(try terminal.waitFor("Content · i")))
        try terminal.press("1")
        let second = try #require(ReviewTerminal.shownItem(try terminal.waitFor("Saved: label hate for \(first)")))
        try terminal.press("s")
        try terminal.waitFor("Skip reason:")
        try terminal.press("Enter")
        try terminal.waitFor("a reason is needed")
        try terminal.type("unclear")
        let typed = try terminal.waitFor("Skip reason: unclear")
        #expect(!typed.contains("Undone") && !typed.contains("Note:"))
        #expect(ReviewTerminal.shownItem(typed) == second)
        try terminal.press("Enter")
        try terminal.waitFor("Saved: skip for \(second)")
        let history = try fixture.history()
        #expect(history.map(\.kind) == [.label, .skip])
        #expect(history.last?.reason == "unclear")
        #expect(history.map(\.externalID) == [first, second])
        try terminal.press("q")
        try terminal.waitFor("EXITED 0")
    }

    /// Esc closes a prompt with text in it and stores nothing; the command keys work again afterwards.
    @Test func escapeCancelsAPromptAndStoresNothing() throws {
        let fixture = try ReviewFixture()
        let terminal = try ReviewTerminal("prompt-escape", arguments: fixture.review())
        let first = try #require(ReviewTerminal.shownItem(try terminal.waitFor("Content · i")))
        try terminal.press("s")
        try terminal.type("quits? no: q is text here")
        try terminal.waitFor("Skip reason: quits? no: q is text here")
        try terminal.press("Escape")
        let cancelled = try terminal.waitFor("Cancelled.")
        #expect(!cancelled.contains("Skip reason:"))
        #expect(ReviewTerminal.shownItem(cancelled) == first)
        #expect(try fixture.history().isEmpty)
        try terminal.press("n")
        try terminal.type("draft")
        try terminal.waitFor("Note: draft")
        try terminal.press("Escape")
        try terminal.waitFor("Cancelled.")
        try terminal.press("1")
        try terminal.waitFor("Saved: label hate for \(first)")
        let history = try fixture.history()
        #expect(history.count == 1)
        #expect(history.first?.note == nil)
        try terminal.press("q")
        try terminal.waitFor("EXITED 0")
    }
}
