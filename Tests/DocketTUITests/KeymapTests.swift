import DocketCore
import DocketStore
@testable import DocketTUI
import Foundation
import Testing
import TestScratch

/// The keymap file (issue 14, item 17): shared and per-screen keys, errors with file, line and field, and
/// the help overlay showing the keys in force.
@Suite struct KeymapTests {
    static let file = """
        shared:
          quit: Q
          scrollDown: [j, Down, x]
        review:
          skip: [S]
          undo: Bksp
        """

    @Test func sharedAndScreenKeysApplyToEachScreen() throws {
        let keymap = try KeymapFile.parse(Self.file, file: "keys.yml")
        let review = try keymap.review()
        #expect(review.action(for: .character("Q")) == .quit)
        #expect(review.action(for: .character("q")) == nil)
        #expect(review.action(for: .character("S")) == .skip)
        #expect(review.action(for: .character("s")) == nil)
        #expect(review.action(for: .backspace) == .undo)
        #expect(review.action(for: .character("x")) == .scrollDown)
        // The adjudication screen shares the quit key but keeps its own `s` (next item).
        let adjudication = try keymap.adjudication()
        #expect(adjudication.action(for: .character("Q")) == .quit)
        #expect(adjudication.action(for: .character("s")) == .next)
    }

    @Test func theSessionAndItsHelpUseTheKeysInForce() throws {
        let store = try ReviewSessionTests.store()
        let session = try ReviewSession(store: store, queue: "q", reviewer: "ann", now: 100,
                                        keymap: try KeymapFile.parse(Self.file, file: "keys.yml"))
        try session.start(now: 100)
        session.handle(.character("s"), now: 101)
        #expect(session.state.prompt == nil)
        session.handle(.character("S"), now: 102)
        #expect(session.state.prompt?.purpose == .skip)
        session.handle(.escape, now: 103)
        session.handle(.character("?"), now: 104)
        let help = session.render().text.components(separatedBy: "\n")
        #expect(help.contains { $0.hasPrefix("  S ") && $0.contains("skip this item") })
        #expect(help.contains { $0.hasPrefix("  Q ") && $0.contains("quit") })
        #expect(!help.contains { $0.hasPrefix("  s ") })
        #expect(help.contains { $0.contains("Help: every key (Esc or ? closes)") })
        session.handle(.escape, now: 105)
        #expect(session.render().line(session.height - 1).contains("S skip"))
        session.handle(.character("Q"), now: 106)
        #expect(!session.isRunning)
    }

    @Test func mistakesNameTheFileLineAndField() {
        func error(_ text: String) -> InputError? {
            do { _ = try KeymapFile.parse(text, file: "keys.yml").review(); return nil } catch { return error }
        }
        let unknownAction = error("review:\n  skp: S\n")
        #expect(unknownAction?.file == "keys.yml" && unknownAction?.line == 2)
        #expect(unknownAction?.description.contains("skp") == true)
        let badKey = error("shared:\n  quit: Ctrl-Q\n")
        #expect(badKey?.line == 2 && badKey?.description.contains("'Ctrl-Q' is not a key") == true)
        let twice = error("review:\n  skip: x\n  undo: x\n")
        #expect(twice?.line == 3 && twice?.description.contains("also given to 'skip'") == true)
        let noQuit = error("review:\n  skip: q\n")
        #expect(noQuit?.description.contains("no key to quit") == true)
        #expect(error("reviews:\n  skip: S\n")?.line == 1)
    }

    @Test func theFileIsFoundBesideTheThemes() throws {
        let dir = TestScratch.folder("docket-keys").path
        try FileManager.default.createDirectory(atPath: dir + "/docket", withIntermediateDirectories: true)
        #expect(KeymapFile.location(environment: ["XDG_CONFIG_HOME": dir]) == dir + "/docket/keys.yml")
        #expect(try KeymapFile.load(environment: ["XDG_CONFIG_HOME": dir]).path == nil)
        try Self.file.write(toFile: dir + "/docket/keys.yml", atomically: true, encoding: .utf8)
        let loaded = try KeymapFile.load(environment: ["XDG_CONFIG_HOME": dir])
        #expect(try loaded.review().action(for: .character("S")) == .skip)
        #expect(throws: InputError.self) { try KeymapFile.load(environment: ["DOCKET_KEYS": dir + "/missing.yml"]) }
    }
}
