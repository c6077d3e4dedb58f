import DocketCore
import DocketStore
import Foundation
import Testing

/// Decisions that come with imported records, written in bulk on PostgreSQL and record by record on SQLite:
/// across chunks and batches, and on every re-import, each one is stored exactly once, never dropped, never
/// doubled, and an item's decisions in force and counts follow.
struct ImportedDecisionsTests {
    static let reviewers = ["ana", "ben", "cy"]

    /// Item `index`'s record: reviewers `index % 3` and `index % 3 + 1` label it (with `label`), plus `extra`
    /// (reviewer, label) pairs; every tenth item is gold; `text` is what makes a record changed.
    static func line(_ index: Int, text: String, label: String, extra: [(String, String)] = []) -> String {
        let first = reviewers[index % 3], second = reviewers[(index + 1) % 3]
        var decisions = [#"{"reviewer":"\#(first)","label":"\#(label)","at":\#(1_700_000_000 + index),"seconds":2.5,"tags":["t"]}"#,
                         #"{"reviewer":"\#(second)","label":"\#(label)","note":"n\#(index)"}"#]
        decisions += extra.map { #"{"reviewer":"\#($0.0)","label":"\#($0.1)","severity":"high"}"# }
        let gold = index % 10 == 0 ? #","gold":"fine""# : ""
        return #"{"id":"d\#(index)","text":"\#(text) \#(index)"\#(gold),"decisions":[\#(decisions.joined(separator: ","))]}"#
    }

    /// Every decision row of the queue as (item, reviewer, label), in the store's order, and the decisions in force by item.
    static func stored(_ f: StoreFixture) throws -> (rows: [String], inForce: [String: Set<String>]) {
        let rows = try f.history().map { "\($0.externalID)/\($0.reviewer)/\($0.label ?? "-")" }
        var inForce: [String: Set<String>] = [:]
        try f.store.forEachDecisionInForce(queue: "q") { inForce[$0.externalID, default: []].insert($0.decision.reviewer + "/" + ($0.decision.label ?? "-")) }
        return (rows, inForce)
    }

    @Test("a re-import neither drops nor doubles imported decisions, across chunks, batches and a repeated id",
          arguments: StoreBackend.underTest)
    func reimportKeepsEachDecisionOnce(backend: StoreBackend) throws {
        let f = try StoreFixture(backend, overlap: 3, yamlExtra: "tags:\n  - {id: t, key: t}\nseverity:\n  - {id: high, key: h}\n")
        let count = 1_100
        let first = (0..<count).map { Self.line($0, text: "post", label: "bad") }
        // Batches of 300: chunks that end mid-file, and records with decisions on both sides of every boundary.
        let imported = try f.importFile(try f.write("first.jsonl", first.joined(separator: "\n")), batchSize: 300)
        #expect(imported.inserted == count && imported.decisionsAdded == 2 * count)
        let afterFirst = try Self.stored(f)
        #expect(afterFirst.rows.count == 2 * count && Set(afterFirst.rows).count == 2 * count)
        #expect(afterFirst.inForce.count == count && afterFirst.inForce.values.allSatisfy { $0.count == 2 })
        #expect(try f.summary().complete == 0 && f.summary().decisions == 2 * count)

        // The same file again: nothing added, the very same rows.
        let again = try f.importFile(try f.write("again.jsonl", first.joined(separator: "\n")), batchSize: 300)
        #expect(again.unchanged == count && again.decisionsAdded == 0)
        #expect(try Self.stored(f).rows == afterFirst.rows)

        // Changed records: the two reviewers who decided relabel (ignored: their decisions stand), a third joins;
        // the first ten items come again at the end, changed again, with one more reviewer each.
        var changed = (0..<count).map { Self.line($0, text: "edited", label: "fine", extra: [(Self.reviewers[($0 + 2) % 3], "fine")]) }
        changed += (0..<10).map { Self.line($0, text: "edited twice", label: "fine",
                                            extra: [(Self.reviewers[($0 + 2) % 3], "bad"), ("late", "bad")]) }
        let third = try f.importFile(try f.write("changed.jsonl", changed.joined(separator: "\n")), batchSize: 300)
        #expect(third.updated == count + 10 && third.decisionsAdded == count + 10)
        let end = try Self.stored(f)
        #expect(end.rows.count == 3 * count + 10 && Set(end.rows).count == end.rows.count)
        #expect(Array(end.rows.prefix(2 * count)) == afterFirst.rows)
        for index in [0, 1, 9, 10, 299, 300, 301, 599, 600, count - 1] {
            var expected: Set<String> = [Self.reviewers[index % 3] + "/bad", Self.reviewers[(index + 1) % 3] + "/bad",
                                         Self.reviewers[(index + 2) % 3] + "/fine"]
            if index < 10 { expected.insert("late/bad") }
            #expect(end.inForce["d\(index)"] == expected, "item d\(index)")
        }
        // Three labels make an item complete at overlap 3, except the gold ones (every tenth).
        #expect(try f.summary().complete == count - count / 10 && f.summary().decisions == 3 * count + 10)
        // And once more: every record is unchanged, nothing is added.
        let last = try f.importFile(try f.write("changed.jsonl", changed.joined(separator: "\n")), batchSize: 300)
        #expect(last.decisionsAdded == 0 && last.inserted == 0)
        #expect(try Self.stored(f).rows == end.rows)
    }
}
