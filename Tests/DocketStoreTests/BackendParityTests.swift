import DocketCore
import DocketStore
import Foundation
import PostgresTestSupport
import Testing

/// The same history written into a SQLite store and a PostgreSQL store, at the same instants, reads back the same
/// from both: every export format's files byte for byte, the agreement report's JSON, the disputed items, the
/// decisions in force and the whole history, the adjudications, metadata values and the queue's activity.
/// (The end-to-end proof through the binary is BackendParityEndToEndTests.)
@Suite(.enabled(if: StoreBackend.underTest.contains(.postgres), "needs the PostgreSQL backend (DOCKET_TEST_BACKENDS=sqlite,postgres)"))
struct BackendParityTests {
    static let fixtures = BackendParityFixture.folder

    /// Items that exercise what ConvAbuse lacks: metadata values of every JSON kind (doubles such as 1.0 and 1e300,
    /// nested objects, unicode), repeated ratings, text padded with white space, a gold item.
    static let extraItems = [
        #"{"id": "x-meta", "text": "  padded\t text \n", "meta": {"n": 1.0, "big": 1e300, "tiny": 5e-324, "neg": -0.0, "frac": 0.1, "int": 12345678901234567, "flag": true, "off": false, "none": null, "obj": {"z": [1, 2.50, "x", {"k": "é"}], "a": null}, "s": "plain é ✓", "split": "valid", "repeat_ratings": [{"reviewer": "annotator4", "label": "abusive"}]}, "decisions": [{"reviewer": "annotator4", "label": "ambiguous", "at": "2024-05-01T10:00:00.125Z", "seconds": 3.5}, {"reviewer": "annotator6", "label": "abusive", "at": "2024-05-01T10:01:00Z"}]}"#,
        #"{"id": "x-gold", "text": "a known answer", "gold": "abusive", "meta": {"n": 2, "big": -1.5e-300, "obj": [], "split": "valid"}, "decisions": [{"reviewer": "annotator6", "label": "abusive", "at": 1714557600.5}]}"#,
        #"{"id": "x-nul", "text": " \t a NUL \u0000 inside, then more text \r\n", "meta": {"bot": "CarbonBot"}, "decisions": [{"reviewer": "annotator4", "label": "abusive", "at": 1714557601}]}"#,
        #"{"id": "x-open", "text": "nobody decided this yet", "meta": {"n": "1.0", "obj": {}, "split": "valid"}}"#,
    ]

    /// ConvAbuse's items at fixed times, then the extra items.
    static func importLines() throws -> [String] { try BackendParityFixture.timedLines() + extraItems }

    /// One backend's store after the shared history.
    final class Built {
        let store: any ReviewStore
        let queue: QueueDefinition
        let folder: URL
        private let keepAlive: AnyObject?

        init(_ backend: StoreBackend) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("docket-parity-\(backend)-\(UUID().uuidString.prefix(8))")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            (store, keepAlive) = try backend.makeStore(in: folder)
            let yaml = try String(contentsOfFile: BackendParityTests.fixtures + "/convabuse.yml", encoding: .utf8)
            queue = try QueueFile.parse(yaml, file: "convabuse.yml")
            try store.saveQueue(queue, yaml: yaml, actor: "test")
            let file = folder.appendingPathComponent("items.jsonl")
            try Data((try BackendParityTests.importLines().joined(separator: "\n") + "\n").utf8).write(to: file)
            _ = try store.importItems(into: queue.id, from: [JSONLImportSource(path: file.path)], options: ImportOptions(actor: "test"))
            try history()
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        /// Decisions, a correction, an undo, a skip, an escalation and adjudications (one twice), each at its own
        /// fixed instant, so both backends hold the same rows with the same times.
        private func history() throws {
            var now = 1_715_000_000.25
            func tick() -> Double { now += 7.5; return now }
            func decide(_ item: String, _ reviewer: String, _ kind: DecisionKind = .label, label: String? = nil,
                        correct: Bool = false, reason: String? = nil, seconds: Double? = nil) throws {
                try store.decide(DecisionRequest(queue: queue.id, item: .external(item), reviewer: reviewer, kind: kind, label: label,
                                                 severity: label == "abusive" ? "strong" : nil, note: "n-\(item)",
                                                 reason: reason, seconds: seconds, correct: correct), now: tick())
            }
            let open = try store.disputedItems(queue: queue.id, rule: DisputeRule(), includeEscalated: true).map(\.externalID)
            try #require(open.count > 6)
            func claim(_ reviewer: String) throws -> String {
                try #require(try store.claimNext(queue: queue.id, reviewer: reviewer, now: tick())).externalID
            }
            try decide("x-open", "zed", label: "abusive", seconds: 1.25)
            try decide("x-gold", "zed", label: "not_abusive", seconds: 0.1)
            try decide("x-meta", "annotator4", label: "not_abusive", correct: true)
            try decide(try claim("zed"), "zed", label: "ambiguous", seconds: 2)
            let undone = try claim("zed")
            try decide(undone, "zed", label: "abusive", seconds: 3)
            #expect(try store.undoLast(queue: queue.id, reviewer: "zed", origin: "cli", now: tick())?.externalID == undone)
            try decide(try claim("yan"), "yan", .skip, reason: "not my language")
            try decide(try claim("yan"), "yan", .escalate, reason: "a threat?")
            try store.adjudicate(queue: queue.id, externalID: open[3], lead: "lee", label: "abusive", tags: [], severity: "mild",
                                 note: "settled", now: tick())
            try store.adjudicate(queue: queue.id, externalID: open[4], lead: "lee", label: "ambiguous", tags: [], severity: nil,
                                 note: nil, now: tick())
            try store.adjudicate(queue: queue.id, externalID: open[4], lead: "lee", label: "not_abusive", tags: [], severity: nil,
                                 note: "again", now: tick())
        }

        /// Every file of an export in `format` (split 80/20 by seed, stratified by a metadata field), by name.
        func export(_ format: ExportFormat, stratify: Bool) throws -> [String: String] {
            let out = folder.appendingPathComponent("\(format.rawValue)-\(stratify)").path
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            var export = DatasetExport(
                queue: queue, format: format, plan: try SplitPlan.parse("train=0.8,test=0.2"), seed: 11, filter: ExportFilter(),
                redaction: MetadataRedaction(queue: queue, salt: "s"), method: "majority",
                aggregate: { counts in
                    guard let top = counts.max(), top > 0, counts.filter({ $0 == top }).count == 1 else { return nil }
                    return counts.firstIndex(of: top)
                },
                command: [], docketVersion: "test", database: [], filterDescription: [])
            if stratify { export.stratify = MetadataField(name: "bot") }
            _ = try store.withExportSnapshot { source in try export.write(from: source, into: out) }
            var files: [String: String] = [:]
            let names = try #require(FileManager.default.enumerator(atPath: out)).compactMap { $0 as? String }
            for name in names.sorted() {
                var isFolder: ObjCBool = false
                if FileManager.default.fileExists(atPath: out + "/" + name, isDirectory: &isFolder), !isFolder.boolValue {
                    files[name] = try String(contentsOfFile: out + "/" + name, encoding: .utf8)
                }
            }
            return files
        }
    }

    @Test("every export format, the agreement report and each history read are the same on SQLite and PostgreSQL")
    func sameResults() throws {
        let sqlite = try Built(.sqlite)
        let postgres = try Built(.postgres)
        let queue = sqlite.queue.id

        for format in ExportFormat.allCases {
            for stratify in [false, true] {
                let expected = try sqlite.export(format, stratify: stratify)
                let got = try postgres.export(format, stratify: stratify)
                #expect(expected.keys.sorted() == got.keys.sorted(), "\(format) files")
                for (name, text) in expected { #expect(got[name] == text, "\(format) (stratify \(stratify)): \(name) differs") }
                #expect(expected.values.contains { $0.contains("x-nul") }, "\(format): the export holds the items")
            }
        }

        let report = { (store: any ReviewStore, since: Double?) in
            JSONWriter.string(try store.agreementReport(queue: queue, since: since, bootstrap: 50).json)
        }
        #expect(try report(sqlite.store, nil) == report(postgres.store, nil))
        #expect(try report(sqlite.store, 1_715_000_000) == report(postgres.store, 1_715_000_000))
        #expect(try report(sqlite.store, nil).contains("\"intra_annotator\":{"), "the repeated rating reaches the report")

        let disputes = { (store: any ReviewStore, escalated: Bool) in
            try store.disputedItems(queue: queue, rule: DisputeRule(threshold: 0.7), includeEscalated: escalated)
                .map { "\($0.externalID) \($0.votes.counts.map { "\($0.label)=\($0.count)" }) \($0.isEscalated) \($0.decisions)" }
        }
        #expect(try disputes(sqlite.store, true) == disputes(postgres.store, true))
        #expect(try disputes(sqlite.store, false) == disputes(postgres.store, false))

        let inForce = { (store: any ReviewStore, since: Double?) in
            var rows: [String] = []
            try store.forEachDecisionInForce(queue: queue, since: since) { rows.append("\($0.externalID) \($0.goldLabel ?? "-") \($0.decision)") }
            return rows
        }
        #expect(try inForce(sqlite.store, nil) == inForce(postgres.store, nil))
        #expect(try inForce(sqlite.store, 1_715_000_000) == inForce(postgres.store, 1_715_000_000))
        var history: [[Decision]] = [[], []]
        try sqlite.store.forEachHistoryRow(queue: queue) { history[0].append($0) }
        try postgres.store.forEachHistoryRow(queue: queue) { history[1].append($0) }
        #expect(history[0] == history[1] && history[0].contains { $0.kind == .undo })

        #expect(try sqlite.store.adjudications(queue: queue) == postgres.store.adjudications(queue: queue))
        for item in try sqlite.store.adjudications(queue: queue).keys {
            #expect(try sqlite.store.adjudication(queue: queue, externalID: item) == postgres.store.adjudication(queue: queue, externalID: item))
        }
        #expect(try postgres.store.adjudication(queue: queue, externalID: "x-open") == nil)

        for field in ["n", "big", "tiny", "neg", "frac", "int", "flag", "off", "none", "obj", "s", "bot", "missing"] {
            #expect(try sqlite.store.metadataValues(queue: queue, field: field) == postgres.store.metadataValues(queue: queue, field: field),
                    "meta.\(field)")
        }
        #expect(try postgres.store.metadataValues(queue: queue, field: "big")["x-meta"] == sqlite.store.metadataValues(queue: queue, field: "big")["x-meta"])

        let activity = try (sqlite.store.queueActivity(queue: queue), postgres.store.queueActivity(queue: queue))
        #expect(activity.0.decisions == activity.1.decisions)
        // Import times differ (each store imported at its own moment); the decision times must not.
        // The report sorts the items' times itself; compared here as sorted lists.
        let times = { (activity: QueueActivity) in activity.items.map { "\($0.firstDecisionAt ?? -1) \($0.finalDecisionAt ?? -1)" }.sorted() }
        #expect(times(activity.0) == times(activity.1) && activity.0.items.count == 404)

        #expect(try sqlite.store.exportIdentity(queue: queue).dropFirst().map { "\($0.0)=\($0.1)" }
                == postgres.store.exportIdentity(queue: queue).dropFirst().map { "\($0.0)=\($0.1)" })
    }
}
