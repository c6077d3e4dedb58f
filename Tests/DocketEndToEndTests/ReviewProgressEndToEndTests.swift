import DocketCore
import Foundation
import Testing

/// The header's numbers with two reviewers at once (two real `docket review` processes in two tmux servers),
/// and the "nothing left" screen picking up items imported while it is shown (issue 14, items 2 and 3).
@Suite(.serialized) struct ReviewProgressEndToEndTests {
    /// Each screen's "left for you" and "done" follow what both reviewers do, without a key pressed on it.
    @Test func twoReviewersSeeTrueCounts() throws {
        let fixture = try ReviewFixture(count: 4)
        let ann = try ReviewTerminal("progress-ann", arguments: fixture.review("ann"))
        try ann.waitFor("4 left for you │ 0/4 done")
        let bob = try ReviewTerminal("progress-bob", arguments: fixture.review("bob"))
        // Bob holds one item: it is not Ann's to take, and her screen says so by itself.
        try bob.waitFor("3 left for you │ 0/4 done")
        try ann.waitFor("3 left for you │ 0/4 done")
        try ann.press("1")
        try ann.waitFor("2 left for you │ 1/4 done")
        try bob.waitFor("2 left for you │ 1/4 done")
        try bob.press("2")
        try bob.waitFor("session 1 ")
        try ann.waitFor("1 left for you │ 2/4 done")
        try ann.press("3")
        let annDone = try ann.waitFor("Nothing left for you in this queue.")
        #expect(annDone.contains("0 left for you"))
        try bob.waitFor("1 left for you │ 3/4 done")
        try bob.press("3")
        try bob.waitFor("Nothing left for you in this queue.")
        try ann.waitFor("0 left for you │ 4/4 done")
        try bob.waitFor("0 left for you │ 4/4 done")
        try ann.press("q")
        try bob.press("q")
        try ann.waitFor("EXITED 0")
        try bob.waitFor("EXITED 0")
        #expect(try fixture.history().count == 4)
    }

    /// Items imported while the screen says nothing is left appear by themselves.
    @Test func nothingLeftPicksUpNewItemsByItself() throws {
        let fixture = try ReviewFixture(count: 1)
        let terminal = try ReviewTerminal("progress-poll", arguments: fixture.review())
        try terminal.waitFor("Content · i1")
        try terminal.press("1")
        try terminal.waitFor("Nothing left for you in this queue.")
        let more = fixture.dir + "/more.jsonl"
        try [#"{"id":"new1","text":"a new item"}"#, #"{"id":"new2","text":"another"}"#].joined(separator: "\n")
            .write(toFile: more, atomically: true, encoding: .utf8)
        try ReviewTerminal.run([ReviewTerminal.binary, "import", more, "--queue", "tq", "--db", fixture.db])
        // The new item takes the place of the "nothing left" screen (the poll is every few seconds).
        try terminal.waitForScreen("a new item instead of 'Nothing left'") { $0.contains("Content · new") && !$0.contains("Nothing left") }
        try terminal.waitFor("2 left for you │ 1/3 done")
        try terminal.press("q")
        try terminal.waitFor("EXITED 0")
    }
}
