import DocketCore
import DocketIO
import DocketStore
import Foundation
import Testing
import TestScratch

/// The store's export passes on every backend: decisions in force, corrections, adjudication and escalation
/// reach the exported rows as a user would expect. Each test builds its own store (a value of this type) for
/// the backend it is given.
@Suite struct ExportSnapshotTests {
    @Test("adjudication, correction and escalation shape the exported rows", arguments: StoreBackend.underTest)
    static func adjudicationCorrectionAndEscalation(backend: StoreBackend) throws {
        try ExportSnapshotTests(backend).adjudicationCorrectionAndEscalationShapeTheRows()
    }

    @Test("items imported after another queue's thousands of items keep their votes (the decisions in force are merged past the other queue's heads)",
          arguments: StoreBackend.underTest)
    static func votesOfAQueueInterleavedWithAnotherQueue(backend: StoreBackend) throws {
        try ExportSnapshotTests(backend).votesOfAQueueInterleavedWithAnother()
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/export").path

    let folder = TestScratch.folder("docket-export-store").path
    let store: any ReviewStore
    let queue: QueueDefinition
    let records: [ImportRecord]
    /// What the backend needs alive while the store is used.
    private let keepAlive: AnyObject?

    init(_ backend: StoreBackend) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        (store, keepAlive) = try backend.makeStore(in: URL(fileURLWithPath: folder))
        let yaml = try String(contentsOfFile: Self.fixtures + "/convabuse.yml", encoding: .utf8)
        queue = try QueueFile.parse(yaml, file: "convabuse.yml")
        try store.saveQueue(queue, yaml: yaml, actor: "test")
        let path = Self.fixtures + "/convabuse-valid-400.jsonl"
        _ = try store.importItems(into: "convabuse", from: [JSONLImportSource(path: path)], options: ImportOptions(actor: "test"))
        let reader = try LineReader(path: path)
        var records: [ImportRecord] = []
        while let record = try reader.next({ bytes in try ImportRecord.from(JSONParser.parse(bytes)) }) { records.append(record) }
        self.records = records
    }

    func export(_ format: ExportFormat, filter: ExportFilter = ExportFilter()) throws -> [String: JSONValue] {
        let out = folder + "/" + format.rawValue + "-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let export = DatasetExport(
            queue: queue, format: format, plan: try SplitPlan.parse("all=1"), seed: 0, filter: filter,
            redaction: MetadataRedaction(queue: queue, salt: "s"), method: "majority",
            aggregate: { counts in
                guard let top = counts.max(), top > 0, counts.filter({ $0 == top }).count == 1 else { return nil }
                return counts.firstIndex(of: top)
            },
            command: [], docketVersion: "test", database: [], filterDescription: [])
        _ = try store.withExportSnapshot { source in try export.write(from: source, into: out) }
        let file = format == .raw ? "/decisions.jsonl" : "/all.jsonl"
        var rows: [String: JSONValue] = [:]
        for (n, line) in try String(contentsOfFile: out + file, encoding: .utf8).split(separator: "\n").enumerated() {
            let row = try JSONParser.parse(String(line))
            rows[(row["id"] ?? row["item_id"])!.stringValue! + (format == .raw ? "#\(n)" : "")] = row
        }
        return rows
    }

    func adjudicationCorrectionAndEscalationShapeTheRows() throws {
        let labels = queue.labels.map(\.id)
        func counts(_ record: ImportRecord) -> [Int] { labels.map { l in record.decisions.filter { $0.label == l }.count } }
        let isTie: (ImportRecord) -> Bool = { record in
            let c = counts(record)
            return c.filter { $0 == c.max() }.count > 1
        }
        let tie = try #require(records.first(where: isTie))
        let unanimous = try #require(records.first { $0.decisions.count == 3 && Set($0.decisions.map(\.label)).count == 1 })
        let pair = try #require(records.first { $0.decisions.count == 2 && $0.id != tie.id })

        let before = try export(.jsonl)
        #expect(before[tie.id] == nil, "a tie is left out by default")
        #expect(before[unanimous.id]?["agreement"]?.doubleValue == 1)

        _ = try store.adjudicate(queue: "convabuse", externalID: tie.id, lead: "lead", label: "abusive")
        let other = labels.first { $0 != unanimous.decisions[0].label }!
        try store.decide(DecisionRequest(queue: "convabuse", item: .external(unanimous.id),
                                         reviewer: unanimous.decisions[0].reviewer, label: other, correct: true))
        try store.decide(DecisionRequest(queue: "convabuse", item: .external(pair.id), reviewer: "zed",
                                         kind: .escalate, reason: "needs a lead"))

        let after = try export(.jsonl)
        #expect(after[tie.id]?["label"]?.stringValue == "abusive")
        #expect(after[tie.id]?["label_source"]?.stringValue == "adjudicated")
        let corrected = try #require(after[unanimous.id])
        #expect(corrected["label"]?.stringValue == unanimous.decisions[0].label)
        #expect(corrected["reviewers"]?.doubleValue == 3, "the correction replaces, it does not add")
        #expect(abs((corrected["agreement"]?.doubleValue ?? 0) - 2.0 / 3) < 1e-5)
        #expect(after[pair.id] == nil, "escalated items wait for a lead")

        var filter = ExportFilter()
        filter.includeEscalated = true
        #expect(try export(.jsonl, filter: filter)[pair.id]?["label_source"]?.stringValue == "escalated")

        let raw = try export(.raw).values.filter { $0["item_id"]?.stringValue == unanimous.id }
        #expect(raw.count == 4)
        #expect(raw.filter { $0["in_force"] == .bool(false) }.count == 1)
        let adjudication = try export(.raw).values.first { $0["item_id"]?.stringValue == tie.id && $0["kind"]?.stringValue == "adjudication" }
        #expect(adjudication?["in_force"] == .bool(true))
    }

    func votesOfAQueueInterleavedWithAnother() throws {
        // Item rowids: this queue's 400, another queue's 5,000, then three more of this queue: the heads'
        // rowid range is then far larger than the queue, and the vote table keeps a list of items instead.
        let otherYAML = "id: other\ntitle: Other\nguidelines: g\nlabels:\n  - {id: bad, key: \"1\", description: b}\n"
        try store.saveQueue(try QueueFile.parse(otherYAML, file: "other.yml"), yaml: otherYAML, actor: "test")
        let otherPath = folder + "/other.jsonl"
        try (0..<5_000).map { #"{"id":"o-\#($0)","text":"other \#($0)","decisions":[{"reviewer":"z","label":"bad"}]}"# }
            .joined(separator: "\n").write(toFile: otherPath, atomically: true, encoding: .utf8)
        #expect(try store.importItems(into: "other", from: [JSONLImportSource(path: otherPath)], options: ImportOptions(actor: "test")).inserted == 5_000)
        let (first, second) = (queue.labels[0].id, queue.labels[1].id)
        let latePath = folder + "/late.jsonl"
        try (0..<3).map { index in
            #"{"id":"late-\#(index)","text":"late \#(index)","decisions":[{"reviewer":"a","label":"\#(first)"},"#
                + #"{"reviewer":"b","label":"\#(first)"},{"reviewer":"c","label":"\#(second)"}]}"#
        }.joined(separator: "\n").write(toFile: latePath, atomically: true, encoding: .utf8)
        #expect(try store.importItems(into: "convabuse", from: [JSONLImportSource(path: latePath)], options: ImportOptions(actor: "test")).inserted == 3)

        let rows = try export(.jsonl)
        for index in 0..<3 {
            let row = try #require(rows["late-\(index)"])
            #expect(row["label"]?.stringValue == first)
            #expect(row["reviewers"]?.doubleValue == 3)
        }
        // The first items are still counted as before, and nothing of the other queue comes out.
        #expect(rows.keys.filter { $0.hasPrefix("o-") }.isEmpty)
        let unanimous = try #require(records.first { $0.decisions.count == 3 && Set($0.decisions.map(\.label)).count == 1 })
        #expect(rows[unanimous.id]?["label"]?.stringValue == unanimous.decisions[0].label)
        #expect(rows[unanimous.id]?["reviewers"]?.doubleValue == 3)
    }
}
