import DocketCore
@testable import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// The PostgreSQL store's history reads on items written with SQL (independent of the import): decisions in force
/// and the full history in order, disputed items, adjudications, metadata values, queue activity, the agreement
/// log, and both export passes reading one snapshot through cursors of a few rows at a time.
@Suite(.enabled(if: PostgresTestServer.shouldRun, Comment(rawValue: PostgresTestServer.disabledReason)))
struct PostgresHistoryTests {
    /// A store with queue `q` (overlap 2) and items i1...i5 written with SQL; i5 is a gold item, i1 has model scores.
    private func makeStore() throws -> (PostgresTestDatabase, PostgresReviewStore) {
        let database = try PostgresTestServer.shared().makeDatabase()
        let store = try PostgresReviewStore(url: database.url, create: true)
        let yaml = PostgresReviewStoreTests.yaml.replacingOccurrences(of: "overlap: 1", with: "overlap: 2")
        try store.saveQueue(try QueueFile.parse(yaml, file: "q.yml"), yaml: yaml, actor: "admin")
        let metas = [#"{"n":1.0,"big":1e300,"obj":{"b":[1,2.5],"a":null},"flag":true}"#, #"{"n":2,"s":"é"}"#, "{}", #"{"n":null}"#, "{}"]
        for (index, meta) in metas.enumerated() {
            try database.connect().execute("""
                INSERT INTO items (queue_id, external_id, kind, content, meta, content_hash, created_at, ingested_at, record_hash,
                                   priority, gold_label, is_gold, scores_json)
                VALUES ('q', $1, 'text', $2, $3, $8, 0, $4, 0, '0', $5, $6, $7)
                """, ["i\(index + 1)", index == 0 ? "  two words \t\n" : "text \(index)", meta, Double(100 + index),
                      index == 4 ? "bad" : nil, index == 4 ? 1 : 0,
                      index == 0 ? #"[{"model":"m","category":"bad","score":0.75,"threshold":0.5}]"# : "[]", "h\(index)"])
        }
        return (database, store)
    }

    private func decide(_ store: PostgresReviewStore, _ item: String, _ reviewer: String, _ label: String?, kind: DecisionKind = .label,
                        correct: Bool = false, at now: Double) throws {
        try store.decide(DecisionRequest(queue: "q", item: .external(item), reviewer: reviewer, kind: kind, label: label,
                                         reason: kind == .label ? nil : "why", seconds: 2, correct: correct), now: now)
    }

    @Test("history reads: in force and full history in order, disputes, adjudications, metadata, activity, agreement log")
    func historyReads() throws {
        let (database, store) = try makeStore()
        defer { withExtendedLifetime(database) {} }
        try decide(store, "i1", "bob", "bad", at: 1000)
        try decide(store, "i1", "ann", "fine", at: 1001)
        try decide(store, "i2", "ann", "bad", at: 1002)
        try decide(store, "i2", "bob", "bad", at: 1003)
        try decide(store, "i2", "bob", "fine", correct: true, at: 1004)
        try decide(store, "i3", "cat", nil, kind: .escalate, at: 1005)
        try decide(store, "i5", "ann", "fine", at: 1006)
        try decide(store, "i4", "ann", "bad", at: 1007)
        _ = try store.undoLast(queue: "q", reviewer: "ann", origin: "cli", now: 1008)

        var inForce: [String] = []
        try store.forEachDecisionInForce(queue: "q", since: nil) { inForce.append("\($0.externalID):\($0.decision.reviewer):\($0.decision.label ?? "-"):\($0.goldLabel ?? "-")") }
        #expect(inForce == ["i1:bob:bad:-", "i1:ann:fine:-", "i2:ann:bad:-", "i2:bob:fine:-", "i3:cat:-:-", "i5:ann:fine:bad"])
        inForce = []
        try store.forEachDecisionInForce(queue: "q", since: 1004) { inForce.append($0.externalID + ":" + $0.decision.reviewer) }
        #expect(inForce == ["i2:bob", "i3:cat", "i5:ann"])
        var history: [Decision] = []
        try store.forEachHistoryRow(queue: "q") { history.append($0) }
        #expect(history.map(\.kind) == [.label, .label, .label, .label, .label, .escalate, .label, .label, .undo])
        #expect(history.map(\.decidedAt) == [1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007, 1008])
        #expect(history[4].supersedes == history[3].id && history[8].supersedes == history[7].id && history[5].reason == "why")

        let disputed = try store.disputedItems(queue: "q", rule: DisputeRule(), includeEscalated: true)
        #expect(Set(disputed.map(\.externalID)) == ["i1", "i2", "i3"])
        #expect(disputed.first { $0.externalID == "i2" }?.decisions.map(\.label) == ["bad", "fine"])
        #expect(try store.disputedItems(queue: "q", rule: DisputeRule(), includeEscalated: false).map(\.externalID) == ["i1", "i2"])
        #expect(throws: DocketError.self) { try store.disputedItems(queue: "nope", rule: DisputeRule(), includeEscalated: true) }

        try store.adjudicate(queue: "q", externalID: "i1", lead: "lee", label: "bad", tags: [], severity: nil, note: "first", now: 1010)
        let final = try store.adjudicate(queue: "q", externalID: "i1", lead: "lee", label: "fine", tags: [], severity: nil, note: nil, now: 1011)
        #expect(try store.adjudication(queue: "q", externalID: "i1") == final)
        #expect(try store.adjudication(queue: "q", externalID: "i2") == nil)
        #expect(try store.adjudications(queue: "q") == ["i1": "fine"])
        #expect(try store.disputedItems(queue: "q", rule: DisputeRule(), includeEscalated: false).map(\.externalID) == ["i2"])

        #expect(try store.metadataValues(queue: "q", field: "n") == ["i1": "1.0", "i2": "2"].mapValues { MetadataField(name: "n").value(inJSON: #"{"n":\#($0)}"#)! })
        #expect(try store.metadataValues(queue: "q", field: "obj") == ["i1": JSONWriter.string(try JSONParser.parse(#"{"b":[1,2.5],"a":null}"#))])
        #expect(try store.metadataValues(queue: "q", field: "flag") == ["i1": "true"])
        #expect(try store.metadataValues(queue: "q", field: "s") == ["i2": "é"])

        let activity = try store.queueActivity(queue: "q")
        #expect(activity.items.map(\.ingestedAt) == [100, 101, 102, 103, 104])
        #expect(activity.items.map(\.firstDecisionAt) == [1000, 1002, 1005, 1007, 1006])
        #expect(activity.items.map(\.finalDecisionAt) == [1011, 1004, nil, nil, nil])
        #expect(activity.decisions.count == 11 && activity.decisions.last?.kind == .adjudication)

        let log = try store.reviewLog(queue: "q", since: nil, withScores: true)
        #expect(log.ratings.map { "\($0.item):\($0.rater):\($0.label)" } == ["i1:bob:bad", "i1:ann:fine", "i2:ann:bad", "i2:bob:fine", "i5:ann:fine"])
        #expect(log.adjudicated == ["i1": "fine"] && log.goldAnswers == ["i5": "bad"])
        #expect(log.activity["cat"]?.escalated == 1 && log.activity["ann"]?.seconds == [2, 2, 2])
        #expect(log.scores["i1"]?.first?.score == 0.75)
        #expect(try store.reviewLog(queue: "q", since: 1004, withScores: false).ratings.count == 2)
    }

    @Test("export: both passes in one snapshot, votes and history merged by item, through cursors of a few rows")
    func exportPasses() throws {
        let (database, store) = try makeStore()
        try decide(store, "i1", "bob", "bad", at: 1000)
        try decide(store, "i1", "ann", "bad", at: 1001)
        try decide(store, "i2", "ann", "fine", at: 1002)
        try store.adjudicate(queue: "q", externalID: "i2", lead: "lee", label: "bad", tags: [], severity: nil, note: nil, now: 1003)
        var votes: [String] = []
        var items: [String] = []
        try store.withExportSnapshot { source in
            try source.scanVotes(queue: "q", labels: ["bad", "fine"]) { key, v in
                votes.append("\(key.externalID) \(v.counts) \(v.adjudicated.map(String.init) ?? "-") \(v.knownAnswer.map(String.init) ?? "-") \(key.textLength ?? -1)")
                // A decision committed by someone else during the export is not seen by the snapshot.
                if key.externalID == "i1" {
                    try database.connect().execute("UPDATE items SET content = 'changed' WHERE external_id = 'i2'")
                }
            }
            try source.scanItems(queue: "q", labels: ["bad", "fine"], history: true, wanted: { _ in true }) { item in
                items.append("\(item.externalID) \(item.text) \(item.history.map { "\($0.decision.kind.rawValue):\($0.inForce)" })")
            }
        }
        #expect(votes == ["i1 [2, 0] - - 9", "i2 [0, 1] 0 - 6", "i3 [0, 0] - - 6", "i4 [0, 0] - - 6", "i5 [0, 0] - 0 6"])
        #expect(items.first == "i1   two words \t\n [\"label:true\", \"label:true\"]")
        #expect(items[1] == "i2 text 1 [\"label:true\", \"adjudication:true\"]", "the snapshot is from before the change")
        let identity = try store.exportIdentity(queue: "q")
        #expect(identity.map(\.0) == ["database_id", "queue_items", "queue_decisions", "last_decision_id"])
        #expect(identity[1].1 == .number("5") && identity[2].1 == .number("4") && identity[3].1 == .number("4"))
    }

    @Test("a cursor reads every row across batch boundaries, and none when there are none")
    func cursorBatches() throws {
        let (database, _) = try makeStore()
        let c = try database.connect()
        for (rows, batch) in [(0, 3), (5, 5), (7, 3), (1, 1)] {
            let read = try c.transaction(.repeatableRead, readOnly: true) { t in
                let cursor = try PostgresCursor(t, "SELECT g FROM generate_series(1, $1) g ORDER BY g", [rows], batch: batch)
                var values: [Int64] = []
                while try cursor.step() { values.append(cursor.int64(0)) }
                #expect(try !cursor.step() && !cursor.hasRow)
                try cursor.close()
                return values
            }
            #expect(read == (0..<rows).map { Int64($0 + 1) }, "\(rows) rows in batches of \(batch)")
        }
    }
}
