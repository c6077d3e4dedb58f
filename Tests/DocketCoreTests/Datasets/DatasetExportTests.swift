import DocketCore
import DocketIO
import Foundation
import Testing

/// Exports of the real ConvAbuse slice through the export engine, read back and checked.
@Suite struct DatasetExportTests {
    static func majority(_ counts: [Int]) -> Int? {
        guard let top = counts.max(), top > 0 else { return nil }
        let winners = counts.indices.filter { counts[$0] == top }
        return winners.count == 1 ? winners[0] : nil
    }

    static func export(_ format: ExportFormat, into folder: String, queue: QueueDefinition? = nil,
                       filter: ExportFilter = ExportFilter(), seed: UInt64 = 42,
                       source: FixtureExportSource? = nil) throws -> ExportManifest {
        let queue = try queue ?? ExportFixture.queue()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let export = DatasetExport(
            queue: queue, format: format, plan: .standard, seed: seed, filter: filter,
            redaction: MetadataRedaction(queue: queue, salt: "fixture"), method: "majority", aggregate: majority,
            command: ["docket", "export"], docketVersion: "test", database: [("name", .string("fixture"))],
            filterDescription: [])
        return try export.write(from: source ?? FixtureExportSource(records: ExportFixture.records()), into: folder)
    }

    static func temporaryFolder() -> String {
        NSTemporaryDirectory() + "docket-export-test-" + UUID().uuidString
    }

    static func lines(_ path: String) throws -> [JSONValue] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { try JSONParser.parse(String($0)) }
    }

    /// The second pass takes each item's label and votes from what the first pass wrote down, in order:
    /// an item gone between the passes stops the export instead of shifting every later row's label.
    @Test func anItemGoneBetweenThePassesStopsTheExport() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let records = try ExportFixture.records()
        let labels = try ExportFixture.queue().labels.map(\.id)
        let decided = try #require(records.first { ExportFixture.majority($0, labels: labels) != nil })
        var source = FixtureExportSource(records: records)
        source.goneBeforeSecondPass = [decided.id]
        #expect {
            _ = try Self.export(.jsonl, into: folder, source: source)
        } throws: { error in
            guard case DocketError.conflict(let message) = error else { return false }
            return message.contains("changed while it was exported")
        }
    }

    /// Strata are kept in 16 bits: a queue with more labels than that is refused with a message, not a crash.
    @Test func aQueueWithTooManyLabelsToStratifyIsRefused() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let labels = (0..<DatasetSplit.Candidates.maxStrata).map { LabelOption(id: "label\($0)", key: "\($0)") }
        let queue = QueueDefinition(id: "huge", title: "Huge", labels: labels)
        #expect {
            _ = try Self.export(.jsonl, into: folder, queue: queue)
        } throws: { error in
            guard case DocketError.refused(let message) = error else { return false }
            return message.contains("queue 'huge' has 65535 labels") && message.contains("at most 65534")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func jsonlRowsCarryMajorityLabelsTextsAndGroups() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let manifest = try Self.export(.jsonl, into: folder)
        let queue = try ExportFixture.queue()
        let labels = queue.labels.map(\.id)
        let records = Dictionary(uniqueKeysWithValues: try ExportFixture.records().map { ($0.id, $0) })

        var seen = Set<String>()
        var splitOfGroup: [String: String] = [:]
        for name in ["train", "validation", "test"] {
            for row in try Self.lines(folder + "/\(name).jsonl") {
                let id = try #require(row["id"]?.stringValue)
                let record = try #require(records[id])
                #expect(seen.insert(id).inserted)
                #expect(row["text"]?.stringValue == record.text)
                #expect(row["label"]?.stringValue == ExportFixture.majority(record, labels: labels).map { labels[$0] })
                #expect(row["reviewers"]?.doubleValue == Double(record.decisions.count))
                #expect(row["split"]?.stringValue == name)
                let soft = try #require(row["soft_label"]?.objectValue)
                #expect(soft.map(\.0) == labels)
                #expect(abs(soft.compactMap { $0.1.doubleValue }.reduce(0, +) - 1) < 1e-5)
                if let group = row["group"]?.stringValue {
                    #expect(splitOfGroup[group, default: name] == name)
                    splitOfGroup[group] = name
                }
            }
        }
        // Every record is either exported or counted as left out (ties here).
        let ties = records.values.filter { ExportFixture.majority($0, labels: labels) == nil }.count
        #expect(seen.count == records.count - ties)
        #expect(manifest.summary.excluded["tie"] == ties)
        #expect(manifest.summary.totalRows == seen.count)
    }

    @Test func manifestChecksumsMatchFilesAndExportIsByteIdentical() throws {
        let first = Self.temporaryFolder(), second = Self.temporaryFolder()
        defer {
            try? FileManager.default.removeItem(atPath: first)
            try? FileManager.default.removeItem(atPath: second)
        }
        for format in [ExportFormat.jsonl, .hf, .csv, .chat, .raw] {
            let manifest = try Self.export(format, into: first + "/" + format.rawValue)
            _ = try Self.export(format, into: second + "/" + format.rawValue)
            #expect(!manifest.files.isEmpty)
            for file in manifest.files {
                let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: first + "/\(format.rawValue)/" + file.path)))
                var hasher = SHA256()
                hasher.update(bytes)
                #expect(hasher.finalizeHex() == file.sha256, "\(format) \(file.path)")
                #expect(Int64(bytes.count) == file.bytes)
            }
            for path in manifest.files.map(\.path) + ["manifest.json"] {
                let a = try Data(contentsOf: URL(fileURLWithPath: first + "/\(format.rawValue)/" + path))
                let b = try Data(contentsOf: URL(fileURLWithPath: second + "/\(format.rawValue)/" + path))
                #expect(a == b, "\(format) \(path) differs between two exports")
            }
        }
    }

    @Test func personalDataIsHashedOrDropped() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let records = try ExportFixture.records()
        let previous = Set(records.compactMap { $0.meta["prev_user"]?.stringValue }.filter { $0.count > 3 })
        _ = try Self.export(.jsonl, into: folder + "/hash")
        for row in try Self.lines(folder + "/hash/train.jsonl") {
            let value = try #require(row["meta"]?["prev_user"]?.stringValue)
            #expect(value.hasPrefix("sha256:") && !previous.contains(value))
            #expect(row["meta"]?["bot"] != nil, "other metadata stays")
        }
        var queue = try ExportFixture.queue()
        queue.personalDataAction = .drop
        _ = try Self.export(.jsonl, into: folder + "/drop", queue: queue)
        for row in try Self.lines(folder + "/drop/train.jsonl") {
            #expect(row["meta"]?["prev_user"] == nil)
            #expect(row["meta"]?["bot"] != nil)
        }
    }

    @Test func csvRoundTripsThroughDocketsReader() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let manifest = try Self.export(.csv, into: folder)
        let records = Dictionary(uniqueKeysWithValues: try ExportFixture.records().map { ($0.id, $0) })
        let reader = try CSVReader(path: folder + "/train.csv")
        let header = try #require(try reader.next())
        #expect(header.prefix(3) == ["id", "text", "label"])
        var rows = 0
        while let fields = try reader.next() {
            rows += 1
            let record = try #require(records[fields[0]])
            #expect(fields[1] == record.text)
            #expect(try JSONParser.parse(fields[header.firstIndex(of: "meta")!])["bot"] == record.meta["bot"])
        }
        #expect(rows == manifest.files[0].rows)
    }

    @Test func chatRowsAnswerWithTheLabelAfterTheGuidelines() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try Self.export(.chat, into: folder)
        let queue = try ExportFixture.queue()
        let rows = try Self.lines(folder + "/train.jsonl")
        #expect(!rows.isEmpty)
        for row in rows {
            let messages = try #require(row["messages"]?.arrayValue)
            #expect(messages.map { $0["role"]?.stringValue } == ["system", "user", "assistant"])
            #expect(messages[0]["content"]?.stringValue?.hasPrefix("Decide whether the user's message") == true)
            #expect(queue.label(messages[2]["content"]?.stringValue ?? "") != nil)
        }
    }

    @Test func rawHasEveryDecisionOfEveryExportedItem() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let manifest = try Self.export(.raw, into: folder)
        let rows = try Self.lines(folder + "/decisions.jsonl")
        let records = Dictionary(uniqueKeysWithValues: try ExportFixture.records().map { ($0.id, $0) })
        var perItem: [String: Int] = [:]
        for row in rows { perItem[row["item_id"]?.stringValue ?? "", default: 0] += 1 }
        #expect(perItem.count == manifest.summary.totalRows)
        #expect(perItem.allSatisfy { records[$0.key]?.decisions.count == $0.value })
    }
}
