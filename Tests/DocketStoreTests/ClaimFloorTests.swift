import DocketCore
@testable import DocketStore
import Foundation
import Testing

/// A reviewer far ahead of the others: their decided items wait at the top of the queue for a second
/// reviewer, and their claims start below them (PostgreSQL keeps a floor per reviewer and queue). Whatever
/// comes back above that point must still be handed to them first, in priority order.
struct ClaimFloorTests {
    /// Items s90 ... s10, ranked by their score in 'bad' (s90 first).
    static let scores = [90, 80, 70, 60, 50, 40, 30, 20, 10]

    static func line(_ id: String, score: Int) -> String {
        #"{"id":"\#(id)","text":"x","scores":[{"model":"m","category":"bad","score":\#(Double(score) / 100)}]}"#
    }

    static func fixture(_ backend: StoreBackend, overlap: Int = 2) throws -> StoreFixture {
        let f = try StoreFixture(backend, overlap: overlap, yamlExtra: "priority:\n  - rule: score\n    category: bad\n")
        try f.importLines(scores.map { line("s\($0)", score: $0) })
        return f
    }

    /// Claims the next item for `reviewer` and decides it; returns its id.
    @discardableResult
    static func decideNext(_ f: StoreFixture, _ reviewer: String, kind: DecisionKind = .label) throws -> String {
        let item = try #require(try f.store.claimNext(queue: "q", reviewer: reviewer))
        try f.store.decide(DecisionRequest(queue: "q", item: .external(item.externalID), reviewer: reviewer, kind: kind,
                                           label: kind == .label ? "bad" : nil, reason: kind == .escalate ? "unsure" : nil))
        return item.externalID
    }

    /// `reviewer`'s next item after giving back what they hold, so a held lease does not answer instead.
    static func next(_ f: StoreFixture, _ reviewer: String) throws -> String? {
        try f.store.release(queue: "q", reviewer: reviewer)
        return try f.store.claimNext(queue: "q", reviewer: reviewer)?.externalID
    }

    /// Ann decides the top three alone; her next item is s60, so her claims now start below her decisions.
    static func annAhead(_ f: StoreFixture) throws {
        for expected in ["s90", "s80", "s70"] { #expect(try decideNext(f, "ann") == expected) }
        #expect(try next(f, "ann") == "s60")
    }

    @Test("an item imported above the reviewer's own decisions comes next", arguments: StoreBackend.underTest)
    func importedAbove(backend: StoreBackend) throws {
        let f = try Self.fixture(backend)
        try Self.annAhead(f)
        try f.importLines([Self.line("s95", score: 95)], name: "more.jsonl")
        #expect(try Self.next(f, "ann") == "s95")
        #expect(try Self.next(f, "bob") == "s95")
    }

    @Test("an item whose new scores move it above the reviewer's decisions comes next", arguments: StoreBackend.underTest)
    func movedUp(backend: StoreBackend) throws {
        let f = try Self.fixture(backend)
        try Self.annAhead(f)
        try f.importLines([Self.line("s10", score: 99)], name: "rescored.jsonl")
        #expect(try Self.next(f, "ann") == "s10")
    }

    @Test("an item others completed and then reopened by an undo comes back to the reviewer ahead", arguments: StoreBackend.underTest)
    func reopenedByUndo(backend: StoreBackend) throws {
        let f = try Self.fixture(backend)
        #expect(try Self.decideNext(f, "bob") == "s90")
        #expect(try Self.decideNext(f, "cat") == "s90")
        // s90 is complete: Ann starts at s80 and walks on below it.
        for expected in ["s80", "s70"] { #expect(try Self.decideNext(f, "ann") == expected) }
        #expect(try Self.next(f, "ann") == "s60")
        #expect(try f.store.undoLast(queue: "q", reviewer: "cat", origin: "test", now: Timestamp.now())?.externalID == "s90")
        try f.store.release(queue: "q", reviewer: "cat")
        #expect(try Self.next(f, "ann") == "s90")
    }

    @Test("the reviewer's own undone decision comes back to them once they let the item go", arguments: StoreBackend.underTest)
    func ownUndo(backend: StoreBackend) throws {
        let f = try Self.fixture(backend)
        try Self.annAhead(f)
        #expect(try f.store.undoLast(queue: "q", reviewer: "ann", origin: "test", now: Timestamp.now())?.externalID == "s70")
        #expect(try Self.next(f, "ann") == "s70")
    }

    @Test("an escalation changed back to a label reopens the item for the reviewer ahead", arguments: StoreBackend.underTest)
    func escalationWithdrawn(backend: StoreBackend) throws {
        let f = try Self.fixture(backend)
        #expect(try Self.decideNext(f, "bob", kind: .escalate) == "s90")
        for expected in ["s80", "s70"] { #expect(try Self.decideNext(f, "ann") == expected) }
        #expect(try Self.next(f, "ann") == "s60")
        try f.store.decide(DecisionRequest(queue: "q", item: .external("s90"), reviewer: "bob", label: "fine", correct: true))
        #expect(try Self.next(f, "ann") == "s90")
    }

    @Test("a larger overlap reopens completed items above the reviewer's decisions", arguments: StoreBackend.underTest)
    func overlapRaised(backend: StoreBackend) throws {
        let f = try Self.fixture(backend, overlap: 1)
        for expected in ["s90", "s80"] { #expect(try Self.decideNext(f, "ann") == expected) }
        for expected in ["s70", "s60"] { #expect(try Self.decideNext(f, "bob") == expected) }
        #expect(try Self.next(f, "bob") == "s50")
        let yaml = StoreFixture.queueYAML(overlap: 2, extra: "priority:\n  - rule: score\n    category: bad\n")
        try f.store.saveQueue(try QueueFile.parse(yaml, file: "q.yml"), yaml: yaml, actor: "admin")
        #expect(try Self.next(f, "bob") == "s90")
    }

    @Test("a reviewer far ahead still gets every item in order, and the queue empties", arguments: StoreBackend.underTest)
    func farAheadDrains(backend: StoreBackend) throws {
        let f = try Self.fixture(backend)
        #expect(try f.drain(reviewer: "ann") == Self.scores.map { "s\($0)" })
        try f.importLines([Self.line("s55", score: 55), Self.line("s05", score: 5)], name: "late.jsonl")
        #expect(try f.drain(reviewer: "ann") == ["s55", "s05"])
        #expect(try f.drain(reviewer: "bob") == ["s90", "s80", "s70", "s60", "s55", "s50", "s40", "s30", "s20", "s10", "s05"])
        #expect(try f.store.claimNext(queue: "q", reviewer: "cat") == nil)
    }
}
