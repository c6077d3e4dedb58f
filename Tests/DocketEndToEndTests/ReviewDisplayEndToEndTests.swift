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
        let screen = try terminal.waitFor("Content · flags")
        #expect(screen.contains("pride \u{1F3F3}\u{FE0F}\u{200D}\u{1F308}"))
        #expect(screen.contains("\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"))
        #expect(!screen.contains("U+200D⟩\u{1F308}") && screen.contains("a⟨U+200D⟩b"))
        #expect(screen.contains("blank[⟨U+3164⟩]") && screen.contains("braille[⟨U+2800⟩]"))
        #expect(screen.contains("family \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} uk \u{1F1EC}\u{1F1E7} end;"))  // nothing after an emoji is lost
        #expect(screen.contains("0.510 < 0.514"))  // below its threshold, in numbers
        let status = screen.components(separatedBy: "\n").last { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? ""
        #expect(status.contains("? help") && status.contains("g guidelines"))
        try terminal.press("1")
        let scrolled = try terminal.waitFor("Content · long")
        #expect(scrolled.contains("line 1/40 · ↓ more"))
        try terminal.press("]")
        let jumped = try terminal.waitFor("Span 1 of 1.")
        #expect(jumped.contains("↑ more · line "))
        try terminal.press("q")
        try terminal.waitFor("EXITED 0")
    }
}
