import DocketCore
import Foundation
import Testing

/// A reviewer's own keys (`keys.yml` beside the themes) in the real binary, and a mistake in the file
/// reported before the screen opens (issue 14, item 17).
@Suite(.serialized) struct ReviewKeymapEndToEndTests {
    @Test func ownKeysWorkAndTheHelpShowsThem() throws {
        let fixture = try ReviewFixture()
        let config = fixture.dir + "/config"
        try FileManager.default.createDirectory(atPath: config + "/docket", withIntermediateDirectories: true)
        try "shared:\n  quit: Q\nreview:\n  skip: S\n".write(toFile: config + "/docket/keys.yml", atomically: true, encoding: .utf8)
        let terminal = try ReviewTerminal("keymap", arguments: fixture.review(), environment: ["XDG_CONFIG_HOME": config])
        let first = try #require(ReviewTerminal.shownItem(try terminal.waitFor("Content · i")))
        try terminal.press("?")
        try terminal.waitFor("Help: every key")
        // The overlay can be captured half drawn: wait for each of the reviewer's own keys (a missing one fails).
        try terminal.waitForLine("the help line for S") { $0.hasPrefix("  S ") && $0.contains("skip this item") }
        try terminal.waitForLine("the help line for Q") { $0.hasPrefix("  Q ") && $0.contains("quit") }
        try terminal.press("Escape")
        try terminal.press("q")  // no longer quits
        try terminal.waitFor("Key q does nothing here")
        try terminal.press("S")
        try terminal.type("duplicate")
        try terminal.press("Enter")
        try terminal.waitFor("Saved: skip for \(first)")
        try terminal.press("Q")
        try terminal.waitFor("EXITED 0")
        #expect(try fixture.history().map(\.kind) == [.skip])
    }

    @Test func aMistakeInTheKeymapFileNamesFileAndLine() throws {
        let fixture = try ReviewFixture()
        let keys = fixture.dir + "/keys.yml"
        try "review:\n  skip: S\n  undo: S\n".write(toFile: keys, atomically: true, encoding: .utf8)
        let terminal = try ReviewTerminal("keymap-bad", arguments: fixture.review(), environment: ["DOCKET_KEYS": keys])
        let screen = try terminal.waitFor("EXITED 65")
        #expect(screen.contains("keys.yml") && screen.contains("3") && screen.contains("also given to 'skip'"))
        #expect(try fixture.history().isEmpty)
    }
}
