import DocketCore
import Foundation
import Testing

/// What the reviewer sees of emoji, blanks, thresholds and long items in a real terminal (issue 14, items 5,
/// 6, 8, 11): the real binary in tmux at 120 columns.
@Suite(.serialized) struct ReviewDisplayEndToEndTests {
    @Test func emojiThresholdsAndScrollingAsSeen() throws {
        let long = (1...40).map { "row \($0)" }.joined(separator: "\\n")
        let records = [
            #"{"id":"flags","text":"pride \#u{1F3F3}\#u{FE0F}\#u{200D}\#u{1F308} family \#u{1F468}\#u{200D}\#u{1F469}\#u{200D}\#u{1F467} uk \#u{1F1EC}\#u{1F1E7} end; blank[\#u{3164}] braille[\#u{2800}] zw[a\#u{200D}b]","meta":{"reports":99},"scores":[{"model":"m","category":"hate","score":0.51,"threshold":0.5144}]}"#,
            #"{"id":"long","text":"\#(long)","explanations":[{"model":"m","text":"","spans":[{"start":100,"end":103}]}],"meta":{"reports":1}}"#,
        ]
        let fixture = try ReviewFixture(count: 0, extra: records)
        let terminal = try ReviewTerminal("display", arguments: fixture.review(), width: 120, height: 40)
        try terminal.waitFor("Content · flags")
        // The panes are drawn below the title and the status line last: wait for it, so the whole screen is there.
        let screen = try terminal.waitForLine("the status line") { $0.contains("? help") && $0.contains("g guidelines") }
        // Joined sequences are drawn as their parts (see emojiSequencesKeepTheirColumnsInTmux).
        #expect(screen.contains("pride \u{1F3F3}\u{FE0F}\u{1F308}"))
        #expect(!screen.contains("U+200D⟩\u{1F308}") && screen.contains("a⟨U+200D⟩b"))
        #expect(screen.contains("blank[⟨U+3164⟩]") && screen.contains("braille[⟨U+2800⟩]"))
        #expect(screen.contains("family \u{1F468}\u{1F469}\u{1F467} uk \u{1F1EC}\u{1F1E7} end;"))  // nothing after an emoji is lost
        #expect(screen.contains("0.510 < 0.514"))  // below its threshold, in numbers
        let status = screen.components(separatedBy: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
        #expect(status.contains("? help") && status.contains("g guidelines"))
        try terminal.press("1")
        try terminal.waitFor("Content · long")
        #expect(try terminal.waitFor("line 1/40 · ↓ more").contains("line 1/40 · ↓ more"))
        try terminal.press("]")
        try terminal.waitFor("Span 1 of 1.")
        #expect(try terminal.waitFor("↑ more · line ").contains("↑ more · line "))
        try terminal.press("q")
        try terminal.waitFor("EXITED 0")
    }

    /// Item 6 in tmux: a sequence joined by U+200D loses no part and leaves no gap. Each emoji line ends in `|`
    /// at the same column as the ASCII line under it in the screen model; tmux must show it there too.
    @Test func emojiSequencesKeepTheirColumnsInTmux() throws {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}\u{200D}\u{1F466}"
        let rainbow = "\u{1F3F3}\u{FE0F}\u{200D}\u{1F308}"
        // Model columns: "family " 7 + the family's parts 8 + " " = 16; "pride " 6 + 1 + 2 + " " = 10.
        let text = "family \(family) |\\n\(String(repeating: "f", count: 16))|\\npride \(rainbow) |\\n\(String(repeating: "p", count: 10))|"
        let fixture = try ReviewFixture(count: 0, extra: [#"{"id":"zwj","text":"\#(text)"}"#])
        let terminal = try ReviewTerminal("zwj", arguments: fixture.review())
        try terminal.waitFor("Content · zwj")
        // The item's lines are drawn below its title: wait for the last one.
        let screen = try terminal.waitFor("pppppppppp|")
        let lines = screen.components(separatedBy: "\n")
        func barColumn(_ prefix: String) -> Int? {
            guard let line = lines.first(where: { $0.contains(prefix) }), let bar = line.firstIndex(of: "|") else { return nil }
            return DisplayWidth.of(String(line[..<bar]))
        }
        #expect(screen.contains("family \u{1F468}\u{1F469}\u{1F467}\u{1F466} |"), "every part of the family is shown")
        #expect(screen.contains("pride \u{1F3F3}\u{FE0F}\u{1F308} |"))
        #expect(!screen.unicodeScalars.contains("\u{200D}"))
        #expect(barColumn("family ") != nil && barColumn("family ") == barColumn("ffff"))
        #expect(barColumn("pride ") != nil && barColumn("pride ") == barColumn("pppp"))
        try terminal.press("q")
        try terminal.waitFor("EXITED 0")
    }
}
