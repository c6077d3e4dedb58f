import DocketCore
import DocketStore
import Foundation
import Testing

/// `docket review` as a reviewer uses it: the real binary in tmux, keys in, screen and database checked.
@Suite(.serialized) struct ReviewEndToEndTests {
    @Test func labelAQueueToTheEnd() throws {
        let fixture = try ReviewFixture()
        let terminal = try ReviewTerminal("label", arguments: fixture.review())
        var labelled: [String: String] = [:]
        for (key, label) in [("1", "hate"), ("2", "offensive"), ("3", "normal")] {
            let screen = try terminal.waitFor("Content · i")
            let id = try #require(ReviewTerminal.shownItem(screen))
            #expect(!labelled.keys.contains(id))
            labelled[id] = label
            try terminal.press(key)
            // The status line is drawn last: once it confirms, the next item's title above it is drawn too.
            try terminal.waitFor("Saved: label \(label) for \(id).")
        }
        try terminal.waitFor("Nothing left for you in this queue.")
        try terminal.press("q")
        try terminal.waitFor("EXITED 0")
        let history = try fixture.history()
        #expect(history.count == 3)
        for decision in history {
            #expect(labelled[decision.externalID] == decision.label)
            #expect(decision.reviewer == "ann" && decision.kind == .label && decision.origin == "review")
        }
    }

    @Test func undoSkipWithReasonAndNote() throws {
        let fixture = try ReviewFixture()
        let terminal = try ReviewTerminal("undo", arguments: fixture.review())
        let first = try #require(ReviewTerminal.shownItem(try terminal.waitFor("Content · i")))
        try terminal.press("n")
        try terminal.waitFor("Note:")
        try terminal.type("looks like a quote")
        try terminal.press("Enter")
        try terminal.waitFor("Note kept")
        try terminal.press("1")
        try terminal.waitFor("Saved: label hate for \(first)")
        try terminal.press("u")
        let undone = try terminal.waitFor("Undone: label hate withdrawn; \(first) is back")
        #expect(ReviewTerminal.shownItem(undone) == first)
        try terminal.press("s")
        try terminal.waitFor("Skip reason:")
        try terminal.type("not in English")
        try terminal.press("Enter")
        try terminal.waitFor("Saved: skip for \(first)")
        try terminal.press("q")
        try terminal.waitFor("EXITED 0")
        let history = try fixture.history()
        #expect(history.map(\.kind) == [.label, .undo, .skip])
        #expect(history[0].note == "looks like a quote")
        #expect(history[1].supersedes == history[0].id)
        #expect(history[2].reason == "not in English")
        #expect(history.allSatisfy { $0.externalID == first })
    }

    @Test func helpOverlayAndGuidelines() throws {
        let fixture = try ReviewFixture()
        let terminal = try ReviewTerminal("help", arguments: fixture.review())
        try terminal.waitFor("Content · i")
        try terminal.press("?")
        try terminal.waitFor("Help: every key")
        // A capture can land while the overlay is still being drawn: wait for each line (a missing one fails).
        for line in ["1           hate: Attacks a protected group", "u           undo your last decision", "q           quit"] {
            #expect(try terminal.waitFor(line).contains(line))
        }
        try terminal.press("Escape")
        try terminal.waitFor("Content · i")
        try terminal.press("g")
        try terminal.waitFor("Guidelines (Esc or g closes")
        let guidelines = try terminal.waitFor("Choose hate for attacks on protected groups.")
        #expect(guidelines.contains("How to label the terminal test queue") && !guidelines.contains("# How"))
        #expect(guidelines.contains("Choose hate for attacks on protected groups."))
        try terminal.press("g")
        try terminal.waitFor("Content · i")
        #expect(try fixture.history().isEmpty)
    }

    @Test func resizeRelayoutsAndKeepsState() throws {
        let fixture = try ReviewFixture()
        let terminal = try ReviewTerminal("resize", arguments: fixture.review())
        let first = try #require(ReviewTerminal.shownItem(try terminal.waitFor("Content · i")))
        try terminal.press("n")
        try terminal.type("half typed")
        try terminal.waitFor("Note: half typed")
        try terminal.resize(width: 70, height: 20)
        try terminal.waitFor("Terminal too small: 70x20.")
        try terminal.press("1")  // ignored while too small: nothing is decided blind
        try terminal.resize(width: 130, height: 40)
        let wide = try terminal.waitFor("Note: half typed")
        #expect(ReviewTerminal.shownItem(wide) == first)
        // The 1 pressed while too small went nowhere: not a decision (the history below stays empty), nor into the note.
        #expect(!wide.contains("Note: half typed1"), "the key pressed while too small reached the note")
        #expect(wide.components(separatedBy: "\n").count >= 40)
        try terminal.press("Escape")
        try terminal.press("q")
        try terminal.waitFor("EXITED 0")
        #expect(try fixture.history().isEmpty)
    }

    @Test func quitReleasesAndResumeContinues() throws {
        let fixture = try ReviewFixture()
        let terminal = try ReviewTerminal("resume", arguments: fixture.review())
        let first = try #require(ReviewTerminal.shownItem(try terminal.waitFor("Content · i")))
        try terminal.press("2")
        let second = try #require(ReviewTerminal.shownItem(try terminal.waitFor("Saved: label offensive for \(first)")))
        #expect(second != first)
        try terminal.press("q")
        try terminal.waitFor("EXITED 0")
        // The lease was released: another reviewer can take the item at once.
        let next = try ReviewTerminal.run([ReviewTerminal.binary, "next", "--db", fixture.db, "--queue", "tq", "--reviewer", "bob", "--json"])
        #expect(next.contains(#""id":"\#(first)""#) || next.contains(#""id":"\#(second)""#))
        try ReviewTerminal.run([ReviewTerminal.binary, "release", "--db", fixture.db, "--queue", "tq", "--reviewer", "bob"])
        let again = try ReviewTerminal("resume2", arguments: fixture.review())
        let screen = try again.waitFor("2 left for you │ 1/3 done")
        #expect(ReviewTerminal.shownItem(try again.waitFor("Content · i")) == second)
        #expect(screen.contains("2 left for you │ 1/3 done"))
    }

    @Test func ctrlCRestoresTheTerminalAndReleasesTheLease() throws {
        let fixture = try ReviewFixture()
        let terminal = try ReviewTerminal("sigint", arguments: fixture.review())
        try terminal.waitFor("Content · i")
        try terminal.press("C-c")
        let after = try terminal.waitFor("EXITED 130")
        #expect(!after.contains("Content · i"))  // the alternate screen is gone: the shell is back
        let next = try ReviewTerminal.run([ReviewTerminal.binary, "next", "--db", fixture.db, "--queue", "tq", "--reviewer", "bob", "--json"])
        #expect(next.contains(#""id":"i"#))
    }

    @Test func hostileContentIsShownNotObeyed() throws {
        let hostile = #"{"id":"evil","text":"before \u001b]0;PWNED\u0007 \u001b]2;PWNED2\u001b\\ \u001b[2J\u001b[H\u001b[31mred\u001b[0m \u202eevil\u202c \u2066iso\u2069 zero\u200bwidth \u0085 del\u007f after","meta":{"author":"\u001b[2Jmallory\u202e"}}"#
        let fixture = try ReviewFixture(count: 0, extra: [hostile])
        let terminal = try ReviewTerminal("hostile", arguments: fixture.review())
        let titleBefore = try terminal.title()
        try terminal.waitFor("Content · evil")
        // The content is drawn after its title: wait for each part (a missing one fails).
        for shown in ["before ␛]0;PWNED␇ ␛]2;PWNED2␛\\ ␛[2J␛[H␛[31mred␛[0m ⟨U+202E⟩evil⟨U+202C⟩", "⟨U+2066⟩iso⟨U+2069⟩",
                      "zero⟨U+200B⟩width ⟨U+0085⟩ del␡ after", "␛[2Jmallory⟨U+202E⟩"] {
            #expect(try terminal.waitFor(shown).contains(shown))
        }
        let screen = try terminal.waitFor("? help")  // the status line, the last row drawn
        #expect(screen.hasPrefix(" Terminal test queue │ 1 left for you"))  // the clear screen was not obeyed
        #expect(try terminal.title() == titleBefore)
        #expect(!(try terminal.title()).contains("PWNED"))
        // With colours captured, no red foreground (31) from the content appears.
        let coloured = try terminal.settledScreen(escapes: true)
        #expect(!coloured.contains("\u{1B}[31m"))
        try terminal.press("q")
        try terminal.waitFor("EXITED 0")
    }

    @Test func queuePickerStartsTheChosenQueue() throws {
        let fixture = try ReviewFixture()
        let terminal = try ReviewTerminal("picker", arguments: ["review", "--db", fixture.db, "--reviewer", "ann"])
        try terminal.waitFor("choose a queue to review")
        #expect(try terminal.waitFor("▶ tq").contains("▶ tq"))
        #expect(try terminal.waitFor("Terminal test queue").contains("Terminal test queue"))
        try terminal.press("Enter")
        try terminal.waitFor("Content · i")
        try terminal.press("q")
        try terminal.waitFor("EXITED 0")
    }

    /// `docket demo` on a terminal: builds the HateXplain demo database and opens the review screen on it.
    @Test func demoOpensTheReviewScreen() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("docket-demo-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let db = dir + "/demo.sqlite"
        let terminal = try ReviewTerminal("demo", arguments: ["demo", "--db", db, "--queues", root.appendingPathComponent("Queues").path],
                                          environment: ["DOCKET_USER": "demo-tester"])
        // Building the demo database comes first: on a loaded machine that takes a while.
        let screen = try terminal.waitFor("Content · ", deadline: 240)
        #expect(screen.contains("Hate and harassment"))
        #expect(try terminal.waitFor("hatespeech").contains("hatespeech"))
        let shown = try #require(ReviewTerminal.shownItem(screen))
        // The demo's "to review" and the screen's "left for you" are the same number (gold items in neither).
        let left = try #require(screen.range(of: #"\d+ left for you"#, options: .regularExpression).map { screen[$0].split(separator: " ")[0] })
        // One key decides: a tag chosen first, then the label key records the decision.
        try terminal.press("d")
        try terminal.waitFor("☑ other-target")
        try terminal.press("3")
        try terminal.waitFor("Saved: label normal for \(shown)")
        try terminal.press("q")
        let after = try terminal.waitFor("EXITED 0")
        #expect(after.contains(" \(left) to review (plus "))
        let store = try SQLiteReviewStore(path: db)
        var mine: [Decision] = []
        try store.forEachHistoryRow(queue: "hate-harassment") { if $0.reviewer == "demo-tester" { mine.append($0) } }
        #expect(mine.count == 1)
        #expect(mine.first?.label == "normal" && mine.first?.origin == "review")
        #expect(mine.first?.tags == ["other-target"])
        #expect(try #require(mine.first).externalID == shown)
    }
}
